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
