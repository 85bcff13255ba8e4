from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from ..models.event_registration import SCAN_ALREADY_CHECKED_IN, SCAN_RETRY, SCAN_WELCOME


@tagged("post_install", "-at_install")
class TestCheckinConcurrency(TransactionCase):
    """Two desks on two real database connections scan the same badge."""

    def setUp(self):
        super().setUp()
        self.dbname = self.env.cr.dbname
        with db_connect(self.dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            event = env["event.event"].create(
                {
                    "name": "Forum concurrency",
                    "event_type_id": env.ref("forum_emploi.event_type_job_forum").id,
                    "date_begin": "2024-03-14 08:00:00",
                    "date_end": "2024-03-14 16:00:00",
                }
            )
            registration = env["event.registration"].create(
                {"event_id": event.id, "name": "Double Scan"}
            )
            self.event_id, self.registration_id = event.id, registration.id
            self.barcode = registration.barcode
            # A separate connection: the two desks must see committed data.
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._cleanup)
        self.cursors = []

    def _cleanup(self):
        for cr in self.cursors:
            cr.rollback()
            cr.close()
        with db_connect(self.dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            event = env["event.event"].browse(self.event_id)
            event.registration_ids.unlink()
            event.unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def desk(self):
        cr = db_connect(self.dbname).cursor()
        self.cursors.append(cr)
        return api.Environment(cr, SUPERUSER_ID, {})["event.registration"]

    def check_in_count(self):
        with db_connect(self.dbname).cursor() as cr:
            cr.execute(
                "SELECT state, date_closed FROM event_registration WHERE id = %s",
                [self.registration_id],
            )
            return cr.fetchone()

    def test_second_desk_is_told_to_scan_again_while_the_first_holds_the_badge(self):
        desk_a, desk_b = self.desk(), self.desk()
        with self.assertNoLogs("odoo", level="ERROR"):
            result_a = desk_a.forum_desk_scan(self.event_id, self.barcode, scan_uuid="scan-a")
            self.assertEqual(result_a["status"], SCAN_WELCOME)
            # Desk A has not committed yet: desk B is not kept waiting, nor given an error.
            result_b = desk_b.forum_desk_scan(self.event_id, self.barcode, scan_uuid="scan-b")
            self.assertEqual(result_b["status"], SCAN_RETRY)
            self.assertEqual(result_b["scan_uuid"], "scan-b")
            # Its transaction is still usable: the savepoint undid only the scan.
            desk_b.env.cr.execute("SELECT 1")
            desk_b.env.cr.rollback()
            desk_a.env.cr.commit()
            date_closed = self.check_in_count()[1]
            # The desk sends the same scan again, in a new transaction.
            result_b = desk_b.forum_desk_scan(self.event_id, self.barcode, scan_uuid="scan-b")
            self.assertEqual(result_b["status"], SCAN_ALREADY_CHECKED_IN)
            desk_b.env.cr.commit()
        self.assertEqual(self.check_in_count(), ("done", date_closed))

    def test_stale_snapshot_does_not_check_in_twice_nor_log_an_error(self):
        desk_a, desk_b = self.desk(), self.desk()
        with self.assertNoLogs("odoo", level="ERROR"):
            # Desk B's transaction starts (its snapshot) before desk A checks the badge in,
            # as a request does when it checks the session first.
            desk_b.env.cr.execute("SELECT count(*) FROM event_registration")
            desk_a.forum_desk_scan(self.event_id, self.barcode)
            desk_a.env.cr.commit()
            date_closed = self.check_in_count()[1]
            result_b = desk_b.forum_desk_scan(self.event_id, self.barcode)
            self.assertEqual(result_b["status"], SCAN_RETRY)
            desk_b.env.cr.rollback()
            result_b = desk_b.forum_desk_scan(self.event_id, self.barcode)
            self.assertEqual(result_b["status"], SCAN_ALREADY_CHECKED_IN)
            desk_b.env.cr.commit()
        self.assertEqual(self.check_in_count(), ("done", date_closed))

    def test_same_scan_replayed_by_two_desks_is_one_check_in(self):
        calls = []
        Registration = type(self.env["event.registration"])
        original = Registration._forum_on_check_in

        def hook(records):
            calls.append(records.ids)
            return original(records)

        self.patch(Registration, "_forum_on_check_in", hook)
        desk_a, desk_b = self.desk(), self.desk()
        first = desk_a.forum_desk_scan(self.event_id, self.barcode, scan_uuid="lost-answer")
        desk_a.env.cr.commit()
        date_closed = self.check_in_count()[1]
        # The answer was lost: the queue is replayed by this desk and by another one.
        for desk in (desk_a, desk_b, desk_b):
            again = desk.forum_desk_scan(self.event_id, self.barcode, scan_uuid="lost-answer")
            desk.env.cr.commit()
            self.assertEqual(again["status"], SCAN_WELCOME, "the same answer as the first")
            self.assertEqual(again["registration_id"], first["registration_id"])
        other_scan = desk_b.forum_desk_scan(self.event_id, self.barcode, scan_uuid="new-scan")
        self.assertEqual(other_scan["status"], SCAN_ALREADY_CHECKED_IN, "a new scan is not")
        desk_b.env.cr.rollback()
        self.assertEqual(calls, [[self.registration_id]], "the advisors are told once")
        self.assertEqual(self.check_in_count(), ("done", date_closed))
