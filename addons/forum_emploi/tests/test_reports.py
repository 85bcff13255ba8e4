from datetime import timedelta

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

    def test_summary_says_what_is_not_known_yet(self):
        html, _ = (
            self.env["ir.actions.report"]
            .with_user(self.organiser)
            ._render_qweb_html("forum_emploi.report_forum_summary", self.forum.ids)
        )
        html = html.decode()
        self.assertIn("No arrival checked in at the desk yet.", html)
        self.assertIn("No hire reported yet: the recruiters report them", html)

    def test_demo_of_a_forum_that_took_place(self):
        """The demo helpers make a past forum whose summary holds together: those who
        answered the survey came, the hires are interviews the recruiters reported."""
        Registration = self.env["event.registration"]
        Registration._forum_demo_candidates(self.forum.id, 26)
        came = Registration._forum_demo_attendance(self.forum.id)
        self.offer_a.hires_reported = 2
        self.offer_b.hires_reported = 1
        interviews = self.env["forum.interview"]._forum_demo_interviews(self.forum.id)
        answers = self.env["forum.satisfaction"]._forum_demo_answers(self.forum.id)
        self.assertEqual(self.cancelled.state, "cancel")
        self.assertEqual(len(answers), 6)
        self.assertEqual(set(answers.registration_id.mapped("state")), {"done"})
        self.assertEqual(
            set(answers.mapped("answer_date")), {self.forum.date_end + timedelta(days=1)}
        )
        stats = self.forum._forum_statistics()
        self.assertEqual(stats["visitors"], len(came) - 1 + 3)  # the staff, the walk-ins
        self.assertEqual(stats["walk_ins"], 3)
        self.assertEqual(stats["staff_present"], 1)
        per_hour = [count for _hour, count in stats["per_hour"]]
        self.assertEqual(per_hour[0], max(per_hour), "the rush is at the opening")
        self.assertEqual(stats["interviews"], len(interviews))
        self.assertEqual(len(interviews.filtered(lambda i: i.state == "hired")), stats["hires"])
        self.assertEqual(
            stats["hires_by_exhibitor"], [("Transports Comtois", 1), ("Usinage du Russey", 2)]
        )
        self.assertEqual(
            stats["hires_by_rome_family"],
            [("H - Industry", 2), ("N - Transport and logistics", 1)],
        )
        # Idempotent: the demo data loaded again changes nothing.
        self.assertFalse(Registration._forum_demo_attendance(self.forum.id))
        self.assertFalse(self.env["forum.interview"]._forum_demo_interviews(self.forum.id))
        self.assertFalse(self.env["forum.satisfaction"]._forum_demo_answers(self.forum.id))
