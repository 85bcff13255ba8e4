import re

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPublicPages(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.forum = cls.env["event.event"].create(
            {
                "name": "Forum public",
                "event_type_id": cls.env.ref("forum_emploi.event_type_job_forum").id,
                "date_begin": "2099-03-14 08:00:00",
                "date_end": "2099-03-14 16:00:00",
            }
        )
        cls.past_forum = cls.env["event.event"].create(
            {
                "name": "Forum passé",
                "event_type_id": cls.env.ref("forum_emploi.event_type_job_forum").id,
                "date_begin": "2020-03-14 08:00:00",
                "date_end": "2020-03-14 16:00:00",
            }
        )
        cls.seminar = cls.env["event.event"].create(
            {
                "name": "Séminaire interne",
                "date_begin": "2099-03-14 08:00:00",
                "date_end": "2099-03-14 16:00:00",
            }
        )
        company = cls.env["res.partner"].create({"name": "Scierie du Plateau", "is_company": True})
        exhibitor = cls.env["forum.exhibitor"].create(
            {"event_id": cls.forum.id, "partner_id": company.id}
        )
        cls.env["forum.job.offer"].create(
            {
                "exhibitor_id": exhibitor.id,
                "name": "Scieur affûteur",
                "rome_code": "H2202",
                "positions": 2,
            }
        )

    def register(self, **data):
        page = self.url_open(f"/forum/{self.forum.id}/register")
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(f"/forum/{self.forum.id}/register", data={"csrf_token": token, **data})

    def registrations(self):
        return self.env["event.registration"].search([("event_id", "=", self.forum.id)])

    def test_public_offers_page(self):
        page = self.url_open(f"/forum/{self.forum.id}/offers")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Scieur affûteur", page.text)
        self.assertIn("H2202", page.text)
        self.assertEqual(self.url_open(f"/forum/{self.past_forum.id}/offers").status_code, 404)
        self.assertEqual(self.url_open(f"/forum/{self.seminar.id}/offers").status_code, 404)

    def test_register_creates_candidate_and_sends_badge(self):
        response = self.register(
            name="Chloé Vuillemin",
            email="chloe@example.com",
            wished_rome_codes="h2202",
            referral="mission_locale",
            consent="1",
        )
        self.assertEqual(response.status_code, 200)
        registration = self.registrations()
        self.assertEqual(registration.name, "Chloé Vuillemin")
        self.assertEqual(registration.wished_rome_codes, "H2202")
        self.assertEqual(registration.referral, "mission_locale")
        self.assertTrue(registration.consent)
        self.assertIn(registration.barcode, response.text)
        self.assertTrue(registration.forum_badge_pending, "the page does not render the PDF")
        self.env["event.registration"]._cron_send_pending_badges()
        badge_mail = self.env["mail.mail"].search(
            [("model", "=", registration._name), ("res_id", "=", registration.id)]
        )
        self.assertIn("Your badge", badge_mail.subject, "the badge is emailed")
        self.assertEqual(len(badge_mail.attachment_ids), 1, "with the badge attached")
        again = self.register(name="Chloé V", email="chloe@example.com", consent="1")
        self.assertIn("already registered", again.text)
        self.assertEqual(len(self.registrations()), 1)

    def test_bad_input_creates_nothing(self):
        response = self.register(name="", email="pas-un-email", wished_rome_codes="soudeur")
        self.assertIn("Enter your first and last name", response.text)
        self.assertIn("valid email", response.text)
        response = self.register(
            name="Hugo Droz", email="hugo@example.com", wished_rome_codes="soudeur", consent="1"
        )
        self.assertIn("not a ROME code", response.text)
        self.assertFalse(self.registrations())

    def test_post_without_csrf_token_is_refused(self):
        response = self.url_open(
            f"/forum/{self.forum.id}/register",
            data={"name": "Bot", "email": "bot@example.com", "consent": "1"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.registrations())


@tagged("post_install", "-at_install")
class TestOutcomeQuestionnaire(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.forum = cls.env["event.event"].create(
            {
                "name": "Forum terminé",
                "event_type_id": cls.env.ref("forum_emploi.event_type_job_forum").id,
                "date_begin": "2024-03-14 08:00:00",
                "date_end": "2024-03-14 16:00:00",
            }
        )
        company = cls.env["res.partner"].create(
            {"name": "Menuiserie Faivre", "is_company": True, "email": "rh@faivre.example"}
        )
        cls.exhibitor = cls.env["forum.exhibitor"].create(
            {"event_id": cls.forum.id, "partner_id": company.id}
        )
        cls.offer = cls.env["forum.job.offer"].create(
            {"exhibitor_id": cls.exhibitor.id, "name": "Menuisier", "rome_code": "H2206"}
        )

    def test_cron_sends_questionnaire_six_weeks_later(self):
        with freeze_time("2024-04-01"):
            self.assertFalse(self.env["event.event"]._cron_send_outcome_questionnaires())
        with freeze_time("2024-04-26"):
            self.assertIn(self.forum, self.env["event.event"]._cron_send_outcome_questionnaires())
        self.assertTrue(self.forum.forum_outcome_sent)
        message = self.exhibitor.message_ids.filtered(lambda m: "hire" in (m.subject or ""))
        self.assertIn(self.exhibitor.outcome_token, str(message.body))
        self.assertIn(self.exhibitor.partner_id, message.partner_ids)

    def test_recruiter_answers_with_the_token_only(self):
        url = self.exhibitor._forum_outcome_url().split("/", 3)[3]
        self.assertEqual(
            self.url_open(f"/forum/outcome/{self.exhibitor.id}/wrongtoken").status_code, 404
        )
        page = self.url_open("/" + url)
        self.assertIn("Menuisier", page.text)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        bad = self.url_open("/" + url, data={"csrf_token": token, f"hires_{self.offer.id}": "-1"})
        self.assertIn("whole number", bad.text)
        self.assertEqual(self.offer.hires_reported, 0)
        self.url_open("/" + url, data={"csrf_token": token, f"hires_{self.offer.id}": "1"})
        self.assertEqual(self.offer.hires_reported, 1)
