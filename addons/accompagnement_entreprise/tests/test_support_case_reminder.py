from datetime import timedelta

from odoo import fields
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import AccompagnementCase


@tagged("post_install", "-at_install")
class TestSupportCaseReminder(AccompagnementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = new_test_user(
            cls.env,
            "ae_leader",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
        )
        cls.team = cls.env["support.team"].create(
            {"name": "Conseillers du Haut-Doubs", "leader_id": cls.leader.id}
        )
        cls.company = cls.env["res.partner"].create(
            {"name": "Horlogerie Cuenot", "is_company": True}
        )
        cls.programme = cls.env.ref("accompagnement_entreprise.support_programme_transmission")
        cls.reminder_type = cls.env.ref(
            "accompagnement_entreprise.mail_activity_type_support_case_reminder"
        )
        cls.today = fields.Date.today()

    def _case(self, days, **values):
        return self.env["support.case"].create(
            {
                "name": "Cession de l'horlogerie",
                "partner_id": self.company.id,
                "programme_id": self.programme.id,
                "date_open": self.today - timedelta(days=days),
                "user_id": self.advisor.id,
                **values,
            }
        )

    def _reminders(self, case):
        return case.activity_ids.filtered(lambda a: a.activity_type_id == self.reminder_type)

    def _run_cron(self):
        self.env["support.case"]._cron_send_reminders()

    def test_levels_follow_the_default_delays(self):
        cases = {days: self._case(days) for days in (8, 9, 21, 45)}
        self._run_cron()
        self.assertFalse(cases[8].reminder_level)
        self.assertFalse(self._reminders(cases[8]))
        self.assertEqual(cases[9].reminder_level, "reminder")
        self.assertEqual(cases[21].reminder_level, "last_chance")
        self.assertEqual(cases[45].reminder_level, "abandon")
        for days in (9, 21, 45):
            activity = self._reminders(cases[days])
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.advisor)
            self.assertIn(f"{days} days", cases[days].message_ids[0].body)

    def test_delays_are_set_per_programme(self):
        self.programme.write({"reminder_days": 2, "last_chance_days": 5, "abandon_days": 8})
        case = self._case(5)
        self._run_cron()
        self.assertEqual(case.reminder_level, "last_chance")

    def test_cron_is_idempotent_and_escalates(self):
        case = self._case(9)
        self._run_cron()
        messages = len(case.message_ids)
        self._run_cron()
        self.assertEqual(len(self._reminders(case)), 1)
        self.assertEqual(len(case.message_ids), messages)
        case.date_open = self.today - timedelta(days=21)
        self._run_cron()
        self._run_cron()
        self.assertEqual(case.reminder_level, "last_chance")
        self.assertEqual(len(self._reminders(case)), 1)
        self.assertEqual(self._reminders(case).summary, "Last chance to take this case in charge")

    def test_unassigned_cases_remind_the_team_leader_then_the_managers(self):
        team_case = self._case(10, user_id=False, team_id=self.team.id)
        orphan = self._case(10, user_id=False)
        self._run_cron()
        self.assertEqual(self._reminders(team_case).user_id, self.leader)
        reminded = self._reminders(orphan).user_id
        self.assertIn(self.manager, reminded)
        self.assertNotIn(self.advisor, reminded)

    def test_taking_in_charge_clears_the_reminder(self):
        case = self._case(30)
        self._run_cron()
        case.with_user(self.advisor).action_take_in_charge()
        self.assertFalse(case.reminder_level)
        self.assertFalse(self._reminders(case))
        self._run_cron()
        self.assertFalse(case.reminder_level)

    def test_board_lists_reminded_cases_only(self):
        late, recent = self._case(12), self._case(3)
        self._run_cron()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_case_action_reminder"
        )
        listed = self.env["support.case"].search(safe_eval(action["domain"]))
        self.assertIn(late, listed)
        self.assertNotIn(recent, listed)

    def test_bulk_take_in_charge_from_the_board(self):
        cases = self._case(12, user_id=False) | self._case(25, user_id=False)
        self._run_cron()
        cases.with_user(self.advisor).action_take_in_charge()
        self.assertEqual(set(cases.mapped("state")), {"progress"})
        self.assertEqual(cases.user_id, self.advisor)
        self.assertFalse(any(cases.mapped("reminder_level")))

    def test_bulk_reassign_moves_the_reminders(self):
        other = new_test_user(
            self.env,
            "ae_other_advisor",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
        )
        cases = self._case(12, user_id=False) | self._case(50, user_id=False)
        self._run_cron()
        wizard = Form(
            self.env["support.case.reassign.wizard"]
            .with_user(self.advisor)
            .with_context(active_model="support.case", active_ids=cases.ids)
        )
        wizard.user_id = other
        wizard.team_id = self.team
        wizard.save().action_reassign()
        self.assertEqual(cases.user_id, other)
        self.assertEqual(cases.team_id, self.team)
        for case in cases:
            self.assertEqual(self._reminders(case).user_id, other)
        self.assertEqual(cases.mapped("reminder_level"), ["reminder", "abandon"])

    def test_bulk_close_as_abandoned_from_the_board(self):
        cases = self._case(46, user_id=False) | self._case(60, user_id=False)
        self._run_cron()
        wizard = Form(
            self.env["support.case.close.wizard"]
            .with_user(self.manager)
            .with_context(active_model="support.case", active_ids=cases.ids)
        )
        wizard.closing_reason = "abandoned"
        wizard.save().action_close()
        self.assertEqual(set(cases.mapped("state")), {"closed"})
        self.assertEqual(set(cases.mapped("closing_reason")), {"abandoned"})
        self.assertFalse(any(cases.mapped("reminder_level")))
        self.assertFalse(
            cases.activity_ids.filtered(lambda a: a.activity_type_id == self.reminder_type)
        )
