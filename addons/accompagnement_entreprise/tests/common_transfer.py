from odoo.fields import Command
from odoo.tests import new_test_user

from .common import AccompagnementCase


class TransferCase(AccompagnementCase):
    """Territory, sellers, buyers and a territory partner for the transfer tests.

    Territories are created with codes no real commune, département or EPCI uses, so
    that the tests run the same with or without the demo reference loaded.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.transmission = cls.env.ref("accompagnement_entreprise.support_programme_transmission")
        cls.sector_c = cls.env.ref("accompagnement_entreprise.support_transfer_sector_c")
        cls.sector_g = cls.env.ref("accompagnement_entreprise.support_transfer_sector_g")
        cls.department = cls.env["territory.department"].create(
            {"code": "T9", "name": "Département de test"}
        )
        cls.other_department = cls.env["territory.department"].create(
            {"code": "T8", "name": "Autre département de test"}
        )
        cls.epci = cls.env["territory.epci"].create(
            {"siren": "999999901", "name": "CC du Plateau (test)", "nature": "CC"}
        )
        cls.other_epci = cls.env["territory.epci"].create(
            {"siren": "999999902", "name": "CC des Lacs (test)", "nature": "CC"}
        )
        cls.commune = cls.env["territory.commune"].create(
            {
                "code": "T9001",
                "name": "Le Bourg-Test",
                "department_id": cls.department.id,
                "epci_id": cls.epci.id,
            }
        )
        cls.other_commune = cls.env["territory.commune"].create(
            {
                "code": "T8001",
                "name": "Lac-Test",
                "department_id": cls.other_department.id,
                "epci_id": cls.other_epci.id,
            }
        )
        cls.territory_partner = new_test_user(
            cls.env,
            "ae_territory_partner",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_partner",
        )
        cls.territory_partner.territory_epci_ids = [Command.set(cls.epci.ids)]
        cls.other_advisor = new_test_user(
            cls.env,
            "ae_other_advisor",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
        )
        cls.bakery = cls.env["res.partner"].create(
            {"name": "Boulangerie Testelin", "is_company": True, "commune_id": cls.commune.id}
        )
        cls.workshop = cls.env["res.partner"].create(
            {"name": "Usinage Testard", "is_company": True, "commune_id": cls.other_commune.id}
        )
        cls.bakery_case = cls._case(cls.bakery, "Cession de la boulangerie", cls.advisor)
        cls.workshop_case = cls._case(cls.workshop, "Cession de l'atelier", cls.other_advisor)
        cls.bakery_offer = cls.env["support.transfer.offer"].create(
            {
                "case_id": cls.bakery_case.id,
                "name": "Boulangerie dans un bourg de montagne",
                "public_description": "Magasin rénové, laboratoire équipé.",
                "sector_id": cls.sector_c.id,
                "headcount_bracket": "3_5",
                "turnover_bracket": "250k_500k",
                "price_min": 180000,
                "price_max": 220000,
                "headcount": 4,
                "turnover": 410000,
                "asking_price": 205000,
                "confidential_note": "<p>Bail renouvelé en 2024.</p>",
            }
        )
        cls.bakery_offer.action_publish()
        cls.baker = cls.env["res.partner"].create({"name": "Julie Testboulanger"})
        cls.baker_buyer = cls._buyer(
            cls.baker,
            sector_ids=[Command.set(cls.sector_c.ids)],
            department_ids=[Command.set(cls.department.ids)],
            price_max=250000,
            headcount_max="6_9",
            turnover_max="500k_1m",
        )

    @classmethod
    def _case(cls, partner, name, user, programme=None):
        return cls.env["support.case"].create(
            {
                "name": name,
                "partner_id": partner.id,
                "programme_id": (programme or cls.transmission).id,
                "user_id": user.id if user else False,
            }
        )

    @classmethod
    def _buyer(cls, partner, user=None, **criteria):
        case = cls._case(partner, f"Reprise - {partner.name}", user or cls.advisor)
        return cls.env["support.transfer.buyer"].create(
            {"case_id": case.id, "name": f"Projet de {partner.name}", **criteria}
        )
