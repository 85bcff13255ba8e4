from odoo.tests import new_test_user

from .common import AccompagnementCase


class VisitCase(AccompagnementCase):
    """Two territories, a second advisor, a territory partner and a company per EPCI."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_advisor = new_test_user(
            cls.env,
            "ae_other_advisor",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
        )
        Epci = cls.env["territory.epci"]
        cls.epci, cls.other_epci = Epci.create(
            [
                {"siren": "999000001", "name": "CC de test du Plateau", "nature": "CC"},
                {"siren": "999000002", "name": "CC de test du Val", "nature": "CC"},
            ]
        )
        Commune = cls.env["territory.commune"]
        cls.commune, cls.other_commune = Commune.create(
            [
                {"code": "99901", "name": "Commune de test", "epci_id": cls.epci.id},
                {"code": "99902", "name": "Autre commune", "epci_id": cls.other_epci.id},
            ]
        )
        cls.territory_partner = new_test_user(
            cls.env,
            "ae_territory_partner",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_partner",
        )
        cls.territory_partner.territory_epci_ids = cls.epci
        Partner = cls.env["res.partner"]
        cls.company = Partner.create(
            {"name": "Les Petits Ateliers (test)", "is_company": True, "commune_id": cls.commune.id}
        )
        cls.other_company = Partner.create(
            {"name": "Scierie (test)", "is_company": True, "commune_id": cls.other_commune.id}
        )
        cls.cci_president, cls.cc_president = Partner.create(
            [
                {"name": "Président de la CCI (test)"},
                {"name": "Président de la CC (test)"},
            ]
        )

    @classmethod
    def _visit(cls, **values):
        return cls.env["support.visit"].create(
            {
                "partner_id": cls.company.id,
                "date_planned": "2025-03-10 09:00:00",
                "user_id": cls.advisor.id,
                **values,
            }
        )
