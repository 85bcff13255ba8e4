from odoo.tests import tagged

from .common import ForumDataCase


@tagged("post_install", "-at_install")
class TestWalkInBadgeEmail(ForumDataCase):
    def test_walk_in_with_email_gets_badge_by_email_in_background(self):
        Registration = self.env["event.registration"].with_user(self.desk)
        cron = self.env.ref("forum_emploi.ir_cron_send_pending_badges")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        result = Registration.forum_desk_walk_in(
            self.forum.id, {"name": "Nadia Benali", "email": "nadia@example.com"}
        )
        walk_in = self.env["event.registration"].browse(result["registration_id"])
        no_email = Registration.browse(
            Registration.forum_desk_walk_in(self.forum.id, {"name": "Yanis Droz"})[
                "registration_id"
            ]
        )
        self.assertTrue(walk_in.forum_badge_pending)
        self.assertFalse(no_email.forum_badge_pending)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("res_id", "=", walk_in.id), ("model", "=", walk_in._name)]
            ),
            "the desk does not render the badge itself",
        )
        self.assertEqual(
            len(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]) - triggers),
            1,
            "the background job is woken up once, for the walk-in with an email",
        )

        sent = self.env["event.registration"]._cron_send_pending_badges()
        self.assertIn(walk_in, sent)
        self.assertFalse(walk_in.forum_badge_pending)
        mail = self.env["mail.mail"].search(
            [("res_id", "=", walk_in.id), ("model", "=", "event.registration")]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "nadia@example.com")
        self.assertEqual(mail.state, "outgoing", "queued")
        self.assertIn(walk_in.barcode, str(mail.body_html))
        self.assertEqual(len(mail.attachment_ids), 1, "the badge is attached")
        self.assertIn("Nadia Benali", mail.attachment_ids.name)
        self.assertFalse(self.env["event.registration"]._cron_send_pending_badges())
