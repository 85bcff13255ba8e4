from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import AccompagnementCase


@tagged("post_install", "-at_install")
class TestSupportCaseCloseWizard(AccompagnementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.partner"].create({"name": "Scierie Bourgeois", "is_company": True})
        programme = cls.env.ref("accompagnement_entreprise.support_programme_digitalisation")
        cls.cases = cls.env["support.case"].create(
            [
                {
                    "name": f"Diagnostic numérique {index}",
                    "partner_id": company.id,
                    "programme_id": programme.id,
                    "user_id": cls.advisor.id,
                }
                for index in range(2)
            ]
        )

    def _wizard(self, cases):
        return Form(
            self.env["support.case.close.wizard"]
            .with_user(self.advisor)
            .with_context(active_model="support.case", active_ids=cases.ids)
        )

    def test_form_button_opens_the_wizard_on_the_case(self):
        case = self.cases[0]
        action = case.with_user(self.advisor).action_open_close_wizard()
        self.assertEqual(action["res_model"], "support.case.close.wizard")
        self.assertEqual(action["context"]["active_ids"], case.ids)

    def test_closing_without_a_reason_is_refused_and_nothing_changes(self):
        wizard = (
            self.env["support.case.close.wizard"]
            .with_user(self.advisor)
            .create({"case_ids": self.cases.ids, "satisfaction_useful": "yes"})
        )
        with self.assertRaisesRegex(UserError, "closing reason"):
            wizard.action_close()
        self.assertEqual(set(self.cases.mapped("state")), {"new"})
        self.assertFalse(any(self.cases.mapped("satisfaction_useful")))

    def test_close_one_case_with_reason_note_and_satisfaction(self):
        case = self.cases[0]
        case.with_user(self.advisor).action_take_in_charge()
        form = self._wizard(case)
        form.closing_reason = "done"
        form.closing_note = "Site vitrine en ligne, formation faite."
        form.satisfaction_contacted = True
        form.satisfaction_useful = "yes"
        form.satisfaction_comment = "Très utile, merci."
        form.save().action_close()
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.closing_reason, "done")
        self.assertEqual(case.closing_note, "Site vitrine en ligne, formation faite.")
        self.assertTrue(case.satisfaction_contacted)
        self.assertEqual(case.satisfaction_useful, "yes")
        self.assertEqual(case.satisfaction_comment, "Très utile, merci.")
        self.assertEqual(self.cases[1].state, "new")

    def test_bulk_close(self):
        form = self._wizard(self.cases)
        form.closing_reason = "unreachable"
        form.save().action_close()
        self.assertEqual(set(self.cases.mapped("closing_reason")), {"unreachable"})
        self.assertTrue(all(self.cases.mapped("date_closed")))

    def test_satisfaction_after_closing(self):
        self.cases._close("done_alone")
        form = self._wizard(self.cases)
        self.assertFalse(form.has_open_cases)
        form.satisfaction_contacted = True
        form.satisfaction_useful = "partly"
        form.save().action_close()
        self.assertEqual(set(self.cases.mapped("satisfaction_useful")), {"partly"})
        self.assertEqual(set(self.cases.mapped("closing_reason")), {"done_alone"})
        # and straight on the closed case's form, by its advisor
        with Form(self.cases[0].with_user(self.advisor)) as case_form:
            case_form.satisfaction_comment = "Rappelée à trois mois : satisfaite."
        self.assertEqual(self.cases[0].satisfaction_comment, "Rappelée à trois mois : satisfaite.")
