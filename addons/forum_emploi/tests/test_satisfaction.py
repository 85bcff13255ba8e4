import base64
import io
import re
from datetime import timedelta
from urllib.parse import quote_plus

import openpyxl
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ForumDataCase


@tagged("post_install", "-at_install")
class TestSatisfactionSurvey(HttpCase):
    """The visitors' survey through its public, tokenised page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        forum_type = cls.env.ref("forum_emploi.event_type_job_forum")
        cls.forum = cls.env["event.event"].create(
            {
                "name": "Forum du jour",
                "event_type_id": forum_type.id,
                "date_begin": now - timedelta(hours=8),
                "date_end": now - timedelta(hours=1),
                "event_mail_ids": [(5, 0, 0)],
            }
        )
        cls.old_forum = cls.env["event.event"].create(
            {
                "name": "Forum de l'an dernier",
                "event_type_id": forum_type.id,
                "date_begin": now - timedelta(days=400),
                "date_end": now - timedelta(days=400, hours=-8),
                "event_mail_ids": [(5, 0, 0)],
            }
        )
        Registration = cls.env["event.registration"]
        cls.visitor = Registration.create(
            {"event_id": cls.forum.id, "name": "Léa Faivre", "email": "lea@example.com"}
        )
        cls.other_visitor = Registration.create(
            {"event_id": cls.forum.id, "name": "Hugo Droz", "email": "hugo@example.com"}
        )
        cls.old_visitor = Registration.create(
            {"event_id": cls.old_forum.id, "name": "Inès Roy", "email": "ines@example.com"}
        )

    def path(self, registration):
        return registration.forum_satisfaction_url.split("/", 3)[3]

    def answers(self, registration):
        return self.env["forum.satisfaction"].search([("registration_id", "=", registration.id)])

    def post(self, registration, **data):
        page = self.url_open("/" + self.path(registration))
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open("/" + self.path(registration), data={"csrf_token": token, **data})

    def test_token_is_required_and_personal(self):
        token = self.visitor.forum_satisfaction_url.rsplit("/", 1)[1]
        self.assertGreaterEqual(len(token), 40, "an HMAC-SHA256, not a guessable number")
        self.assertNotEqual(token, self.other_visitor.forum_satisfaction_url.rsplit("/", 1)[1])
        base = f"/forum/satisfaction/{self.visitor.id}"
        self.assertEqual(self.url_open(f"{base}/{token}").status_code, 200)
        self.assertEqual(self.url_open(f"{base}/wrongtoken").status_code, 404)
        # One character changed (never to the same one: a flaky test otherwise).
        altered = token[:-1] + ("1" if token[-1] == "0" else "0")
        self.assertEqual(self.url_open(f"{base}/{altered}").status_code, 404)
        # Another visitor's token does not open this visitor's survey.
        other_token = self.other_visitor.forum_satisfaction_url.rsplit("/", 1)[1]
        self.assertEqual(self.url_open(f"{base}/{other_token}").status_code, 404)
        response = self.url_open(f"{base}/wrongtoken", data={"rating": "1"})
        self.assertIn(response.status_code, (400, 404))
        self.assertFalse(self.answers(self.visitor))

    def test_answer_then_edit_until_the_deadline(self):
        response = self.post(
            self.visitor,
            rating="4",
            useful_contacts="3",
            interviews_obtained="1",
            comment="Bon accueil au stand décolletage.",
        )
        self.assertIn("your answers are saved", response.text)
        answer = self.answers(self.visitor)
        self.assertEqual(
            (answer.rating, answer.useful_contacts, answer.interviews_obtained),
            (4, 3, 1),
        )
        self.assertEqual(answer.comment, "Bon accueil au stand décolletage.")
        # The same link edits the same answer: one answer per visitor.
        page = self.url_open("/" + self.path(self.visitor))
        self.assertIn("Bon accueil au stand décolletage.", page.text)
        self.post(self.visitor, rating="5", useful_contacts="3", interviews_obtained="2")
        self.assertEqual(self.answers(self.visitor), answer)
        self.assertEqual((answer.rating, answer.interviews_obtained), (5, 2))
        self.assertFalse(answer.comment)

    def test_bad_input_writes_nothing(self):
        response = self.post(
            self.visitor, rating="6", useful_contacts="-2", interviews_obtained="beaucoup"
        )
        self.assertIn("from 1 to 5", response.text)
        self.assertIn("whole number", response.text)
        self.assertFalse(self.answers(self.visitor))
        response = self.post(self.visitor, rating="3", comment="x" * 2001)
        self.assertIn("too long", response.text)
        self.assertFalse(self.answers(self.visitor))

    def test_closed_after_the_deadline(self):
        page = self.url_open("/" + self.path(self.old_visitor))
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_forum_satisfaction_closed", page.text)
        self.assertNotIn('name="rating"', page.text)
        open_page = self.url_open("/" + self.path(self.visitor))
        token = re.search(r'name="csrf_token" value="([^"]+)"', open_page.text).group(1)
        self.url_open("/" + self.path(self.old_visitor), data={"csrf_token": token, "rating": "5"})
        self.assertFalse(self.answers(self.old_visitor))

    def test_cancelled_or_staff_have_no_survey(self):
        self.other_visitor.action_cancel()
        self.assertEqual(self.url_open("/" + self.path(self.other_visitor)).status_code, 404)

    def test_survey_emailed_after_the_forum_to_those_who_came(self):
        self.visitor.write({"state": "done", "date_closed": fields.Datetime.now()})
        forums = self.env["event.event"]._cron_send_satisfaction_surveys()
        self.assertIn(self.forum, forums)
        self.assertNotIn(self.old_forum, forums, "a survey nobody can answer is not sent")
        self.assertTrue(self.forum.forum_satisfaction_sent)
        mails = self.env["mail.mail"].search([("model", "=", "event.registration")])
        mail = mails.filtered(lambda m: m.res_id == self.visitor.id)
        self.assertEqual(mail.email_to, "lea@example.com")
        self.assertEqual(mail.state, "outgoing", "queued, not sent in the cron")
        self.assertIn(self.path(self.visitor), str(mail.body_html))
        self.assertFalse(
            mails.filtered(lambda m: m.res_id == self.other_visitor.id),
            "only those who came are asked",
        )
        self.assertFalse(self.env["event.event"]._cron_send_satisfaction_surveys())


@tagged("post_install", "-at_install")
class TestSatisfactionResults(ForumDataCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Registration = cls.env["event.registration"]
        cls.visitors = Registration.create(
            [{"event_id": cls.forum.id, "name": f"Visiteur {i}"} for i in range(3)]
        )
        cls.answers = cls.env["forum.satisfaction"].create(
            [
                {"registration_id": cls.visitors[0].id, "rating": 5, "useful_contacts": 4},
                {"registration_id": cls.visitors[1].id, "rating": 4, "interviews_obtained": 2},
                {"registration_id": cls.visitors[2].id, "rating": 2, "comment": "Trop d'attente"},
            ]
        )

    def test_statistics_xlsx_and_pdf(self):
        stats = self.forum.with_user(self.organiser)._forum_statistics()
        self.assertEqual(stats["satisfaction_count"], 3)
        self.assertEqual(stats["satisfaction_average"], 3.7)
        self.assertEqual(
            stats["satisfaction_by_rating"], [("5", 1), ("4", 1), ("3", 0), ("2", 1), ("1", 0)]
        )
        action = self.forum.with_user(self.organiser).action_export_forum_statistics()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))
        values = {
            row[0]: row[1] for row in workbook.worksheets[0].iter_rows(min_row=3, values_only=True)
        }
        self.assertEqual(values["Satisfaction answers"], 3)
        self.assertEqual(values["Average satisfaction (out of 5)"], 3.7)
        self.assertEqual(workbook.worksheets[-1]["A2"].value, "5")
        html, _ = (
            self.env["ir.actions.report"]
            .with_user(self.organiser)
            ._render_qweb_html("forum_emploi.report_forum_summary", self.forum.ids)
        )
        html = html.decode()
        self.assertIn("o_forum_summary_satisfaction", html)
        self.assertRegex(html, r"3\.7</span>\s*/\s*5")

    def test_empty_statistics(self):
        self.answers.unlink()
        stats = self.forum._forum_statistics()
        self.assertEqual((stats["satisfaction_count"], stats["satisfaction_average"]), (0, 0.0))

    def test_who_reads_the_answers(self):
        Satisfaction = self.env["forum.satisfaction"]
        self.assertEqual(
            Satisfaction.with_user(self.organiser).search([("event_id", "=", self.forum.id)]),
            self.answers,
        )
        with self.assertRaises(AccessError):
            self.answers[0].with_user(self.organiser).write({"rating": 1})
        for user in (self.desk, self.recruiter, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Satisfaction.with_user(user).search([])
        self.answers[2].with_user(self.manager).write({"comment": False})
        self.assertFalse(self.answers[2].comment)

    def test_one_answer_per_visitor_marks_1_to_5(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["forum.satisfaction"].create(
                {"registration_id": self.visitors[0].id, "rating": 3}
            )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["forum.satisfaction"].create(
                {"registration_id": self.candidate.id, "rating": 6}
            )

    def test_badge_carries_the_survey_qr_code(self):
        html, _ = self.env["ir.actions.report"]._render_qweb_html(
            "forum_emploi.report_forum_badge", (self.candidate | self.staff).ids
        )
        html = html.decode()
        self.assertIn(quote_plus(self.candidate.forum_satisfaction_url), html)
        self.assertNotIn(quote_plus(self.staff.forum_satisfaction_url), html)

    def test_anonymisation_clears_the_comment(self):
        self.visitors[2]._forum_anonymise()
        self.assertFalse(self.answers[2].comment)
        self.assertEqual(self.answers[2].rating, 2, "the mark stays for the statistics")
