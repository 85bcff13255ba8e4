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
