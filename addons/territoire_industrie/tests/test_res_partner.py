from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user

from .common import TerritoryReferenceCase


class TestResPartner(TerritoryReferenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.france = cls.env.ref("base.fr")
        cls.industry = cls.env["territory.industry"].create(
            {"code": "ti-9101", "name": "Haut-Doubs", "epci_ids": [(6, 0, cls.cc_morteau.ids)]}
        )
        cls.other_industry = cls.env["territory.industry"].create(
            {"code": "ti-9102", "name": "Orne", "epci_ids": [(6, 0, cls.cu_alencon.ids)]}
        )

    def test_commune_epci_territory(self):
        partner = (
            self.env["res.partner"]
            .with_user(self.ti_user)
            .create(
                {
                    "name": "Horlogerie du Val",
                    "is_company": True,
                    "organisation_type": "company",
                    "commune_id": self.villers.id,
                }
            )
        )
        self.assertEqual(partner.epci_id, self.cc_morteau)
        self.assertEqual((partner.city, partner.zip), ("Villers-le-Lac", "25130"))
        # Demo territories may include the same EPCI: check ours, not the whole set.
        self.assertIn(self.industry, partner.territory_industry_ids)
        self.assertNotIn(self.other_industry, partner.territory_industry_ids)
        Partner = self.env["res.partner"]
        self.assertIn(
            partner, Partner.search([("territory_industry_ids", "in", self.industry.ids)])
        )
        self.assertIn(partner, Partner.search([("territory_industry_ids", "=", "Haut-Doubs")]))
        self.assertNotIn(
            partner, Partner.search([("territory_industry_ids", "not in", self.industry.ids)])
        )
        self.assertIn(partner, Partner.search([("epci_id", "=", self.cc_morteau.id)]))
        # Moving to another commune moves the EPCI and the territory.
        partner.commune_id = self.alencon
        self.assertEqual(partner.epci_id, self.cu_alencon)
        self.assertNotIn(self.industry, partner.territory_industry_ids)
        self.assertIn(self.other_industry, partner.territory_industry_ids)

    def test_form_fills_city_from_commune(self):
        with Form(self.env["res.partner"].with_user(self.ti_user)) as form:
            form.company_type = "company"
            form.name = "Mairie de Morteau"
            form.commune_id = self.morteau
            self.assertEqual(form.city, "Morteau")
            self.assertEqual(form.zip, "25500")
            self.assertEqual(form.epci_id, self.cc_morteau)

    def test_valid_siren_siret(self):
        Partner = self.env["res.partner"]
        for number in (
            "242504116",  # SIREN of the CC du Val de Morteau
            "732 829 320",  # SIREN with spaces
            "73282932000074",  # SIRET
            "35600000000048",  # La Poste head office (plain Luhn)
            "35600000049837",  # La Poste establishment: digit sum multiple of 5
        ):
            with self.subTest(number=number):
                partner = Partner.create(
                    {
                        "name": number,
                        "is_company": True,
                        "country_id": self.france.id,
                        "company_registry": number,
                    }
                )
                self.assertEqual(partner.company_registry, number.replace(" ", ""))

    def test_invalid_siren_siret(self):
        Partner = self.env["res.partner"]
        for number in ("242504117", "7328293200007", "73282932000075", "35600000049838", "ABC"):
            with (
                self.subTest(number=number),
                self.assertRaisesRollback(ValidationError, "is not a valid SIREN"),
            ):
                Partner.create(
                    {
                        "name": "Bad",
                        "is_company": True,
                        "organisation_type": "cci",
                        "company_registry": number,
                    }
                )
        # A foreign company keeps its own registry format.
        foreign = Partner.create(
            {
                "name": "Swiss Watch SA",
                "is_company": True,
                "country_id": self.env.ref("base.ch").id,
                "company_registry": "CHE-123.456.789",
            }
        )
        self.assertEqual(foreign.company_registry, "CHE-123.456.789")
        french = Partner.create(
            {"name": "Atelier", "is_company": True, "country_id": self.france.id}
        )
        with self.assertRaisesRollback(ValidationError, "not a valid SIREN"):
            french.company_registry = "123"
            french.flush_recordset()

    def test_same_siren_warning(self):
        Partner = self.env["res.partner"]
        head = Partner.create(
            {
                "name": "Entreprise A",
                "is_company": True,
                "country_id": self.france.id,
                "company_registry": "732829320",
            }
        )
        with Form(Partner) as form:
            form.company_type = "company"
            form.name = "Entreprise A (établissement)"
            form.country_id = self.france
            form.company_registry = "73282932000074"
            # Same SIREN, other establishment: warned.
            self.assertEqual(form.same_company_registry_partner_id, head)
            form.company_registry = "123456782"
            self.assertFalse(form.same_company_registry_partner_id)

    def test_contact_form_for_users_outside_the_app(self):
        """Contacts stay usable by internal users who are not in the Territories groups."""
        clerk = new_test_user(
            self.env, "contacts_clerk", groups="base.group_user,base.group_partner_manager"
        )
        partner = self.env["res.partner"].create(
            {"name": "Mairie du Russey", "is_company": True, "commune_id": self.russey.id}
        )
        with Form(partner.with_user(clerk)) as form:
            form.phone = "+33 3 81 00 00 00"
        self.assertEqual(partner.phone, "+33 3 81 00 00 00")
        self.assertEqual(partner.epci_id, self.cc_russey)
        self.env["res.partner"].with_user(clerk).web_search_read(
            [("id", "=", partner.id)], {"display_name": {}, "email": {}}
        )
        with self.assertRaises(AccessError):
            partner.with_user(clerk).commune_id.read(["name"])
