from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AccompagnementCase


@tagged("post_install", "-at_install")
class TestConfidentialProgramme(AccompagnementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.epci = cls.env["territory.epci"].create({"siren": "200099991", "name": "CC Test"})
        commune = cls.env["territory.commune"].create(
            {"code": "99991", "name": "Commune Test", "epci_id": cls.epci.id}
        )
        cls.partner_user = new_test_user(
            cls.env,
            "ae_partner_confidential",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_partner",
        )
        cls.partner_user.territory_epci_ids = cls.epci
        company = cls.env["res.partner"].create(
            {"name": "Boulangerie Test", "is_company": True, "commune_id": commune.id}
        )

        def case(programme):
            return cls.env["support.case"].create(
                {
                    "name": "Test",
                    "partner_id": company.id,
                    "programme_id": cls.env.ref(f"accompagnement_entreprise.{programme}").id,
                }
            )

        cls.transfer_case = case("support_programme_transmission")
        cls.shop_case = case("support_programme_shop_welcome")

    def test_territory_partner_does_not_see_business_transfers(self):
        self.assertTrue(self.transfer_case.programme_id.confidential)
        cases = (
            self.env["support.case"]
            .with_user(self.partner_user)
            .search([("id", "in", (self.transfer_case | self.shop_case).ids)])
        )
        self.assertEqual(cases, self.shop_case)
        with self.assertRaises(AccessError):
            self.transfer_case.with_user(self.partner_user).read(["name"])
