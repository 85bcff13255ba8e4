import shutil
import tempfile

from odoo.tests import HttpCase, new_test_user, tagged

from .common import SMALL_REFERENCE, write_reference


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_open_app_as_user(self):
        new_test_user(
            self.env, "ti_tour_user", groups="territoire_industrie.territoire_industrie_group_user"
        )
        self.env["res.partner"].create(
            {"name": "Communauté de communes du Val de Morteau", "is_company": True}
        )
        self.start_tour("/odoo", "territoire_industrie_open_app", login="ti_tour_user")

    def test_territory_industry_as_user(self):
        new_test_user(
            self.env, "ti_tour_user2", groups="territoire_industrie.territoire_industrie_group_user"
        )
        directory = tempfile.mkdtemp(prefix="ti_cog_")
        self.addCleanup(shutil.rmtree, directory)
        write_reference(directory, SMALL_REFERENCE)
        self.env["territory.reference.loader"].load_reference(["25"], source_dir=directory)
        epcis = self.env["territory.epci"].search([("siren", "in", ["242504116", "242504355"])])
        self.env["territory.industry"].create(
            {
                "code": "ti-9501",
                "name": "Tour Horloger",
                "phase_ids": [
                    (0, 0, {"phase": "2", "name": "Tour Horloger", "epci_ids": [(6, 0, epcis.ids)]})
                ],
            }
        )
        self.start_tour("/odoo", "territoire_industrie_territory_industry", login="ti_tour_user2")


@tagged("post_install", "-at_install")
class TestConventionUi(HttpCase):
    def test_convention_screens_as_pilot(self):
        user = new_test_user(
            self.env, "ti_pilot", groups="territoire_industrie.territoire_industrie_group_user"
        )
        Partner = self.env["res.partner"]
        cci = Partner.create({"name": "CCI Saône-Doubs", "is_company": True})
        epci = Partner.create(
            {"name": "Communauté de communes du Plateau de Russey", "is_company": True}
        )
        region = Partner.create({"name": "Région Bourgogne-Franche-Comté", "is_company": True})
        convention = self.env["territory.convention"].create(
            {
                "name": "Tour convention 2024-2026",
                "party_ids": [(6, 0, (cci | epci).ids)],
                "date_start": "2024-01-01",
                "date_end": "2026-12-31",
            }
        )
        action = self.env["territory.action"].create(
            {
                "convention_id": convention.id,
                "code": "A5",
                "name": "HR club",
                "state": "committed",
                "pilot_ids": [(6, 0, cci.ids)],
                "user_id": user.id,
            }
        )
        self.env["territory.funding.line"].create(
            {
                "action_id": action.id,
                "funder_id": region.id,
                "scheme_id": self.env.ref(
                    "territoire_industrie.territory_funding_scheme_region"
                ).id,
                "amount": 12000,
            }
        )
        self.start_tour(
            "/odoo/action-territoire_industrie.territory_convention_action",
            "territoire_industrie_convention",
            login="ti_pilot",
        )
