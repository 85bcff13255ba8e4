from freezegun import freeze_time

from odoo.tests import tagged

from .common import ForumDataCase


@tagged("post_install", "-at_install")
class TestForumReports(ForumDataCase):
    def test_badge_has_qr_code_of_the_badge(self):
        html, _ = self.env["ir.actions.report"]._render_qweb_html(
            "forum_emploi.report_forum_badge", self.candidate.ids
        )
        html = html.decode()
        self.assertIn("Julie Martin", html)
        self.assertIn(f"barcode_type=QR&amp;value={self.candidate.barcode}", html)

    def test_wall_of_offers(self):
        html, _ = (
            self.env["ir.actions.report"]
            .with_user(self.organiser)
            ._render_qweb_html("forum_emploi.report_forum_offer_wall", self.forum.ids)
        )
        html = html.decode()
        self.assertIn("Décolleteur", html)
        self.assertIn("N4101", html)
        self.assertIn("Stand A1", html)

    def test_summary_for_partners(self):
        Registration = self.env["event.registration"].with_user(self.desk)
        with freeze_time("2024-03-14 08:30:00"):
            Registration.forum_desk_scan(self.forum.id, self.candidate.barcode)
        self.offer_a.hires_reported = 1
        html, _ = (
            self.env["ir.actions.report"]
            .with_user(self.organiser)
            ._render_qweb_html("forum_emploi.report_forum_summary", self.forum.ids)
        )
        html = html.decode()
        self.assertIn("Usinage du Russey", html)
        self.assertIn("09:00", html)  # arrival hour in Paris time
