from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import AccompagnementCase


@tagged("post_install", "-at_install")
class TestCrmLeadSupportCase(AccompagnementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_advisor = new_test_user(
            cls.env,
            "ae_sales_advisor",
            groups="sales_team.group_sale_salesman,"
            "accompagnement_entreprise.accompagnement_entreprise_group_user",
        )
        cls.programme = cls.env.ref("accompagnement_entreprise.support_programme_transmission")
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Reprise d'une fromagerie",
                "partner_name": "Fromagerie Mesnier",
                "contact_name": "Claire Mesnier",
                "description": "<p>Cherche un repreneur d'ici deux ans.</p>",
                "user_id": cls.sales_advisor.id,
            }
        )

    def _open_case(self, lead, **values):
        action = lead.with_user(self.sales_advisor).action_open_support_case_wizard()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.sales_advisor)
            .with_context(**action["context"])
        )
        wizard.programme_id = self.programme
        for name, value in values.items():
            setattr(wizard, name, value)
        result = wizard.save().action_open_case()
        return self.env["support.case"].browse(result["res_id"])

    def test_case_from_lead_keeps_company_description_and_origin(self):
        case = self._open_case(self.lead)
        self.assertEqual(case.lead_id, self.lead)
        self.assertEqual(case.name, "Reprise d'une fromagerie")
        self.assertEqual(case.partner_id.name, "Fromagerie Mesnier")
        self.assertTrue(case.partner_id.is_company)
        self.assertEqual(self.lead.partner_id.commercial_partner_id, case.partner_id)
        self.assertIn("repreneur", str(case.description))
        self.assertEqual(case.user_id, self.sales_advisor)
        self.assertEqual(case.state, "new")

    def test_lead_shows_its_cases_and_case_opens_its_lead(self):
        case = self._open_case(self.lead, user_id=self.env["res.users"])
        self.assertFalse(case.user_id)
        lead = self.lead.with_user(self.sales_advisor)
        self.assertEqual(lead.support_case_count, 1)
        self.assertEqual(lead.support_case_ids, case)
        action = lead.action_view_support_cases()
        self.assertEqual(self.env["support.case"].search(action["domain"]), case)
        back = case.with_user(self.sales_advisor).action_open_lead()
        self.assertEqual((back["res_model"], back["res_id"]), ("crm.lead", self.lead.id))

    def test_programme_is_required(self):
        wizard = (
            self.env["support.case.lead.wizard"]
            .with_user(self.sales_advisor)
            .create({"lead_id": self.lead.id})
        )
        with self.assertRaises(UserError):
            wizard.action_open_case()
        self.assertFalse(self.env["support.case"].search([("lead_id", "=", self.lead.id)]))

    def test_existing_partner_of_the_lead_is_reused(self):
        company = self.env["res.partner"].create({"name": "Garage Pourcelot", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Luc Pourcelot", "parent_id": company.id})
        lead = self.env["crm.lead"].create(
            {
                "name": "Transmission du garage",
                "partner_id": contact.id,
                "user_id": self.sales_advisor.id,
            }
        )
        partners = self.env["res.partner"].search_count([])
        case = self._open_case(lead)
        self.assertEqual(case.partner_id, company)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
