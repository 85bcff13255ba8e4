from odoo.tests.common import TransactionCase
from odoo.tools.misc import file_path

VINTAGES = "territoire_industrie/tests/data"


class TestReferenceVintageReferences(TransactionCase):
    """A merger of the COG 2025 moves the support cases and visits of accompagnement_entreprise
    too: the loader finds every many2one to a commune in the installed modules."""

    def test_cases_and_visits_follow_the_merger(self):
        loader = self.env["territory.reference.loader"]
        loader.load_reference(
            department_codes=["25"], source_dir=file_path(f"{VINTAGES}/cog_2024"), vintage="2024"
        )
        Commune = self.env["territory.commune"].with_context(active_test=False)
        ville_du_pont = Commune.search([("code", "=", "25620")])
        montbenoit = Commune.search([("code", "=", "25390")])
        company = self.env["res.partner"].create(
            {"name": "Scierie du Saugeais", "is_company": True, "commune_id": ville_du_pont.id}
        )
        case = self.env["support.case"].create(
            {
                "name": "Transmission de la scierie",
                "partner_id": company.id,
                "programme_id": self.env.ref(
                    "accompagnement_entreprise.support_programme_transmission"
                ).id,
            }
        )
        visit = self.env["support.visit"].create(
            {"partner_id": company.id, "date_planned": "2024-10-10 09:00:00"}
        )
        self.assertEqual((case.commune_id, visit.commune_id), (ville_du_pont, ville_du_pont))
        stats = loader.load_reference(
            department_codes=["25"], source_dir=file_path(f"{VINTAGES}/cog_2025"), vintage="2025"
        )
        self.assertFalse(ville_du_pont.active)
        for record in (company, case, visit):
            self.assertEqual(record.commune_id, montbenoit, record._name)
            self.assertEqual(record.epci_id, montbenoit.epci_id, record._name)
        change = self.env["territory.reference.change"].search(
            [("id", "in", stats["change_ids"]), ("old_commune_id", "=", ville_du_pont.id)]
        )
        self.assertEqual(change.kind, "merged")
        self.assertEqual(change.moved_count, 3)
        for model in ("res.partner", "support.case", "support.visit"):
            self.assertIn(self.env["ir.model"]._get(model).name, change.moved_detail)
