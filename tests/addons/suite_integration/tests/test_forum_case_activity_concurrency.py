from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTwoStaffAtTwoDesks(TransactionCase):
    """Two desks, on two real database connections, check in at the same moment two staff
    members of one company that an advisor follows."""

    def setUp(self):
        super().setUp()
        self.dbname = self.env.cr.dbname
        with db_connect(self.dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env["res.partner"].create(
                {"name": "Horlogerie Simultanée", "is_company": True}
            )
            case = env["support.case"].create(
                {
                    "name": "Recrutement de régleurs",
                    "partner_id": company.id,
                    "programme_id": env.ref(
                        "accompagnement_entreprise.support_programme_digitalisation"
                    ).id,
                    "user_id": env.ref("base.user_admin").id,
                }
            )
            now = fields.Datetime.now()
            forum = env["event.event"].create(
                {
                    "name": "Forum des deux accueils",
                    "event_type_id": env.ref("forum_emploi.event_type_job_forum").id,
                    "date_begin": now - timedelta(hours=1),
                    "date_end": now + timedelta(hours=7),
                    "event_mail_ids": [(5, 0, 0)],
                }
            )
            exhibitor = env["forum.exhibitor"].create(
                {"event_id": forum.id, "partner_id": company.id}
            )
            staff = env["event.registration"].create(
                [
                    {"event_id": forum.id, "name": name, "exhibitor_id": exhibitor.id}
                    for name in ("Marc Régleur", "Lise Régleuse")
                ]
            )
            self.ids = {
                "company": company.id,
                "case": case.id,
                "forum": forum.id,
                "exhibitor": exhibitor.id,
            }
            self.barcodes = staff.mapped("barcode")
            cr.commit()  # pylint: disable=invalid-commit
        self.cursors = []
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        for cr in self.cursors:
            cr.rollback()
            cr.close()
        with db_connect(self.dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            case = env["support.case"].browse(self.ids["case"])
            case.activity_ids.unlink()
            forum = env["event.event"].browse(self.ids["forum"])
            forum.registration_ids.unlink()
            env["forum.exhibitor"].browse(self.ids["exhibitor"]).unlink()
            forum.unlink()
            case.unlink()
            env["res.partner"].browse(self.ids["company"]).unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def desk(self):
        cr = db_connect(self.dbname).cursor()
        self.cursors.append(cr)
        return api.Environment(cr, SUPERUSER_ID, {})["event.registration"]

    def committed(self, query):
        with db_connect(self.dbname).cursor() as cr:
            cr.execute(query, self.ids)
            return cr.fetchall()

    def test_the_second_desk_retries_and_the_advisor_is_told_once(self):
        desk_a, desk_b = self.desk(), self.desk()
        forum = self.ids["forum"]
        with self.assertNoLogs("odoo", level="ERROR"):
            first = desk_a.forum_desk_scan(forum, self.barcodes[0], scan_uuid="desk-a-1")
            self.assertEqual(first["status"], "welcome")
            # Desk A has not committed: desk B's check-in of the other staff member would
            # notify the same advisor. It is undone and answered "retry", at once.
            second = desk_b.forum_desk_scan(forum, self.barcodes[1], scan_uuid="desk-b-1")
            self.assertEqual(second["status"], "retry")
            # Desk B's transaction is usable and holds nothing of that scan.
            desk_b.env.cr.execute(
                "SELECT state FROM event_registration WHERE barcode = %s", [self.barcodes[1]]
            )
            self.assertNotEqual(desk_b.env.cr.fetchone()[0], "done")
            desk_b.env.cr.rollback()
            desk_a.env.cr.commit()
            # The desk sends its scan again, with the same id, in a new transaction.
            again = desk_b.forum_desk_scan(forum, self.barcodes[1], scan_uuid="desk-b-1")
            self.assertEqual(again["status"], "welcome")
            desk_b.env.cr.commit()
        self.assertEqual(
            self.committed(
                "SELECT count(*) FROM event_registration "
                "WHERE event_id = %(forum)s AND state = 'done'"
            ),
            [(2,)],
        )
        self.assertEqual(
            self.committed(
                "SELECT count(*) FROM mail_activity "
                "WHERE res_model = 'support.case' AND res_id = %(case)s"
            ),
            [(1,)],
            "one activity for the advisor, whichever staff member came first",
        )
