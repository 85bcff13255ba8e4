from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSupportCaseUi(HttpCase):
    def test_advisor_follows_a_case_to_its_closing(self):
        advisor = new_test_user(
            self.env,
            "ae_tour_advisor",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
        )
        self.env["res.partner"].create({"name": "Boulangerie du Tour", "is_company": True})
        self.start_tour("/odoo", "accompagnement_entreprise_support_case", login="ae_tour_advisor")
        case = self.env["support.case"].search([("name", "=", "Reprise de la boulangerie du Tour")])
        self.assertEqual(case.user_id, advisor)
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.closing_reason, "done")
        self.assertEqual(case.closing_note, "Repreneur trouvé, cession signée.")
        self.assertTrue(case.satisfaction_contacted)
        self.assertEqual(case.satisfaction_useful, "yes")
