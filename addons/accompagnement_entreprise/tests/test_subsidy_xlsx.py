import io
import zipfile

from odoo.tests import HttpCase, new_test_user, tagged

from ..report.subsidy_xlsx import build_region_xlsx


def _shared_strings(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/sharedStrings.xml").decode()


@tagged("post_install", "-at_install")
class TestSubsidyXlsx(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            "ae_xlsx_manager",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_manager",
        )
        cls.advisor = new_test_user(
            cls.env,
            "ae_xlsx_advisor",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
        )
        Partner = cls.env["res.partner"]
        pays = Partner.create({"name": "Pays XLSX", "is_company": True})
        company = Partner.create(
            {"name": "Ébénisterie XLSX", "is_company": True, "company_registry": "552100554"}
        )
        case = cls.env["support.case"].create(
            {
                "name": "Audit RH+",
                "partner_id": company.id,
                "programme_id": cls.env.ref(
                    "accompagnement_entreprise.support_programme_audit_rh"
                ).id,
                "audit_cost": 2000,
            }
        )
        cls.envelope = cls.env["support.subsidy.envelope"].create(
            {"name": "Enveloppe XLSX", "funder_id": pays.id, "year": 2031, "amount": 5000}
        )
        cls.subsidy = cls.env["support.subsidy"].create(
            {
                "case_id": case.id,
                "funder_id": pays.id,
                "envelope_id": cls.envelope.id,
                "object": "Audit RH+ de l'ébénisterie",
            }
        )
        cls.subsidy.action_submit()
        cls.subsidy.write(
            {"deliberation_number": "X-1", "date_decision": "2031-02-03", "amount_granted": 900}
        )
        cls.subsidy.action_decide()

    def test_region_statement_lists_the_aid_of_the_year(self):
        strings = _shared_strings(build_region_xlsx(self.env, 2031))
        self.assertIn("Ébénisterie XLSX", strings)
        self.assertIn("552100554", strings)
        self.assertNotIn("Ébénisterie XLSX", _shared_strings(build_region_xlsx(self.env, 2030)))

    def test_download_as_manager_only(self):
        self.authenticate(self.manager.login, self.manager.login)
        for report in ("region", "dashboard"):
            response = self.url_open(f"/accompagnement_entreprise/subsidies/2031/{report}.xlsx")
            self.assertEqual(response.status_code, 200)
            self.assertIn("spreadsheetml", response.headers["Content-Type"])
            self.assertIn("Ébénisterie XLSX", _shared_strings(response.content))
        self.authenticate(self.advisor.login, self.advisor.login)
        response = self.url_open("/accompagnement_entreprise/subsidies/2031/region.xlsx")
        self.assertNotEqual(response.status_code, 200)
