import datetime

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestSupportVisit(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.digital_need = cls.env.ref("accompagnement_entreprise.support_need_digital")
        cls.financing_need = cls.env.ref("accompagnement_entreprise.support_need_financing")
        cls.digital = cls.env.ref("accompagnement_entreprise.support_programme_digitalisation")
        cls.transmission = cls.env.ref("accompagnement_entreprise.support_programme_transmission")

    def test_visit_takes_the_company_territory_and_a_default_subject(self):
        visit = self._visit()
        self.assertEqual(visit.name, "Visit of Les Petits Ateliers (test)")
        self.assertEqual(visit.commune_id, self.commune)
        self.assertEqual(visit.epci_id, self.epci)
        self.assertEqual(visit.state, "planned")

    def test_need_opens_a_case_in_its_programme_in_one_click(self):
        visit = self._visit(
            chamber_participant_ids=[(6, 0, self.cci_president.ids)],
            collectivite_participant_ids=[(6, 0, self.cc_president.ids)],
            need_line_ids=[
                (0, 0, {"need_id": self.digital_need.id, "comment": "Pas de site internet"}),
                (0, 0, {"need_id": self.digital_need.id, "programme_id": self.transmission.id}),
            ],
        )
        line, chosen = visit.need_line_ids
        self.assertEqual(line.programme_id, self.digital, "the need's programme by default")
        action = line.with_user(self.advisor).action_open_case()
        case = line.case_id
        self.assertEqual(action["res_id"], case.id)
        self.assertEqual(case.programme_id, self.digital)
        self.assertEqual(case.partner_id, self.company)
        self.assertEqual(case.visit_id, visit)
        self.assertEqual(case.need_ids, self.digital_need)
        self.assertEqual(case.user_id, self.advisor)
        self.assertIn("Pas de site internet", case.description)
        # A second click opens the same case.
        self.assertEqual(line.action_open_case()["res_id"], case.id)
        # A programme chosen on the line wins over the need's.
        chosen.action_open_case()
        self.assertEqual(chosen.case_id.programme_id, self.transmission)
        self.assertEqual(visit.case_count, 2)
        self.assertEqual(visit.action_view_cases()["domain"], [("visit_id", "=", visit.id)])

    def test_advisor_notes_needs_in_the_form(self):
        form = Form(self.env["support.visit"].with_user(self.advisor))
        form.partner_id = self.company
        form.date_planned = "2025-03-10 09:00:00"
        form.collectivite_participant_ids.add(self.cc_president)
        with form.need_line_ids.new() as line:
            line.need_id = self.digital_need
            self.assertEqual(line.programme_id, self.digital)
            line.comment = "Vente en ligne"
        visit = form.save()
        self.assertEqual(visit.user_id, self.advisor)
        self.assertEqual(visit.epci_id, self.epci)
        visit.need_line_ids.action_open_case()
        self.assertEqual(visit.case_ids.programme_id, self.digital)

    def test_need_without_programme_opens_nothing(self):
        visit = self._visit(need_line_ids=[(0, 0, {"need_id": self.financing_need.id})])
        cases_before = self.env["support.case"].search_count([])
        with self.assertRaises(UserError):
            visit.need_line_ids.action_open_case()
        self.assertEqual(self.env["support.case"].search_count([]), cases_before)
        self.assertFalse(visit.need_line_ids.case_id)

    def test_done_recurring_visit_plans_the_next_one(self):
        visit = self._visit(
            recurrence_months=12,
            participant_user_ids=[(6, 0, self.other_advisor.ids)],
            collectivite_participant_ids=[(6, 0, self.cc_president.ids)],
            report="<p>Carnet de commandes plein</p>",
        )
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.date_done, datetime.date(2025, 3, 10))
        following = visit.next_visit_id
        self.assertTrue(following)
        self.assertEqual(following.state, "planned")
        self.assertEqual(following.date_planned, datetime.datetime(2026, 3, 10, 9, 0))
        self.assertEqual(following.partner_id, self.company)
        self.assertEqual(following.previous_visit_id, visit)
        self.assertEqual(following.recurrence_months, 12)
        self.assertEqual(following.participant_user_ids, self.other_advisor)
        self.assertEqual(following.collectivite_participant_ids, self.cc_president)
        self.assertFalse(following.report)
        # Planning again does not duplicate the next visit.
        self.assertFalse(visit._plan_next_visits())
        with self.assertRaises(UserError):
            visit.action_done()

    def test_one_off_visit_plans_nothing_and_done_cannot_be_cancelled(self):
        visit = self._visit()
        visit.action_done()
        self.assertFalse(visit.next_visit_id)
        with self.assertRaises(UserError):
            visit.action_cancel()

    def test_visit_done_before_its_planned_day_is_done_today(self):
        visit = self._visit(date_planned=datetime.datetime.now() + datetime.timedelta(days=30))
        visit.action_done()
        self.assertEqual(visit.date_done, datetime.date.today())

    def test_meeting_in_the_participants_calendars(self):
        visit = self._visit(
            participant_user_ids=[(6, 0, self.other_advisor.ids)],
            chamber_participant_ids=[(6, 0, self.cci_president.ids)],
        )
        visit.action_schedule_meeting()
        meeting = visit.meeting_id
        self.assertEqual(meeting.start, visit.date_planned)
        self.assertEqual(
            set(meeting.partner_ids.ids),
            {
                self.advisor.partner_id.id,
                self.other_advisor.partner_id.id,
                self.cci_president.id,
            },
        )
        visit.action_schedule_meeting()
        self.assertEqual(visit.meeting_id, meeting, "one meeting per visit")

    def test_contact_smart_button_counts_the_company_visits(self):
        employee = self.env["res.partner"].create(
            {"name": "Gérante (test)", "parent_id": self.company.id}
        )
        self._visit()
        self._visit(state="cancelled")
        self._visit(partner_id=self.other_company.id)
        self.assertEqual(self.company.support_visit_count, 2)
        self.assertEqual(employee.support_visit_count, 2)
        self.assertEqual(self.other_company.support_visit_count, 1)
        action = employee.action_view_support_visits()
        self.assertEqual(self.env["support.visit"].search_count(action["domain"]), 2)

    def test_contact_visit_counts_in_one_batch(self):
        partners = self.company | self.other_company | self.cci_president | self.cc_president
        self._visit()
        partners.invalidate_recordset(["support_visit_count"])
        with self.assertQueryCount(3):
            partners.mapped("support_visit_count")
