from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from ..models.event_registration import SCAN_ALREADY_CHECKED_IN, SCAN_WELCOME


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

    @mute_logger("odoo.sql_db")
    def test_second_desk_waits_for_the_first(self):
        desk_a, desk_b = self.desk(), self.desk()
        result_a = desk_a.forum_desk_scan(self.event_id, self.barcode)
        self.assertEqual(result_a["status"], SCAN_WELCOME)
        # Desk A has not committed yet: desk B cannot check the badge in meanwhile.
        desk_b.env.cr.execute("SET LOCAL lock_timeout = '300ms'")
        with self.assertRaises(LockNotAvailable):
            desk_b.forum_desk_scan(self.event_id, self.barcode)
        desk_b.env.cr.rollback()
        desk_a.env.cr.commit()
        date_closed = self.check_in_count()[1]
        # Odoo retries a request that hit a lock; the retry sees the check-in of desk A.
        result_b = desk_b.forum_desk_scan(self.event_id, self.barcode)
        self.assertEqual(result_b["status"], SCAN_ALREADY_CHECKED_IN)
        desk_b.env.cr.commit()
        self.assertEqual(self.check_in_count(), ("done", date_closed))

    @mute_logger("odoo.sql_db")
    def test_stale_snapshot_does_not_check_in_twice(self):
        desk_a, desk_b = self.desk(), self.desk()
        # Desk B's transaction starts (its snapshot) before desk A checks the badge in.
        desk_b.env.cr.execute("SELECT count(*) FROM event_registration")
        desk_a.forum_desk_scan(self.event_id, self.barcode)
        desk_a.env.cr.commit()
        date_closed = self.check_in_count()[1]
        with self.assertRaises(SerializationFailure):
            desk_b.forum_desk_scan(self.event_id, self.barcode)
        desk_b.env.cr.rollback()
        result_b = desk_b.forum_desk_scan(self.event_id, self.barcode)
        self.assertEqual(result_b["status"], SCAN_ALREADY_CHECKED_IN)
        desk_b.env.cr.commit()
        self.assertEqual(self.check_in_count(), ("done", date_closed))
