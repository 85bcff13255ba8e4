from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from .common import TerritoireIndustrieCase
from .sirene_files import make_siret


class ObservatoryCase(TerritoireIndustrieCase):
    """Establishments of two EPCIs of our own (nothing else counts in them, with or without
    demo data), with known dates, sections and headcounts; an advisor following one EPCI."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        doubs = cls._doubs()
        Epci = cls.env["territory.epci"]
        cls.cc_morteau = Epci.create(
            {"siren": "200099991", "name": "CC Essai du Val de Morteau", "nature": "CC"}
        )
        cls.cc_russey = Epci.create(
            {"siren": "200099992", "name": "CC Essai du Plateau du Russey", "nature": "CC"}
        )
        Commune = cls.env["territory.commune"]

        def commune(code, name, epci):
            return Commune.create(
                {"code": code, "name": name, "department_id": doubs.id, "epci_id": epci.id}
            )

        cls.morteau = commune("25991", "Morteau-Essai", cls.cc_morteau)
        cls.villers = commune("25992", "Villers-Essai", cls.cc_morteau)
        cls.russey = commune("25993", "Russey-Essai", cls.cc_russey)
        cls.Establishment = cls.env["territory.establishment"]
        seed = iter(range(91000001, 91000100))

        def establishment(commune, naf, bracket, created, closed=None, **values):
            siret = make_siret(next(seed))
            return cls.Establishment.create(
                {
                    "siret": siret,
                    "siren": siret[:9],
                    "nic": siret[9:],
                    "legal_unit_name": f"Entreprise {siret[:6]}",
                    "commune_id": commune.id,
                    "naf_code": naf,
                    "headcount_bracket": bracket,
                    "creation_date": created,
                    "state": "closed" if closed else "active",
                    "closing_date": closed,
                    **values,
                }
            )

        # Morteau (CC du Val de Morteau): manufacturing (section C).
        cls.watchmaker = establishment(cls.morteau, "26.52Z", "01", "2020-01-15")
        cls.new_plant = establishment(cls.villers, "26.51A", "12", "2026-03-01")
        cls.closed_this_year = establishment(
            cls.morteau, "26.52Z", "01", "2010-05-01", closed="2026-02-15"
        )
        cls.created_later = establishment(cls.morteau, "26.52Z", "01", "2026-09-01")
        # Le Russey (CC du Plateau de Russey): a shop (G) and an old closure.
        cls.shop = establishment(cls.russey, "47.11B", "NN", "2015-06-01")
        cls.closed_long_ago = establishment(
            cls.russey, "25.62A", "03", "2001-01-01", closed="2019-12-31"
        )
        cls.hidden = establishment(
            cls.russey,
            "47.11B",
            "02",
            "2018-01-01",
            partially_diffusible=True,
            legal_unit_name=False,
            trade_names=False,
        )
        cls.scope = cls.cc_morteau | cls.cc_russey
        cls.morteau_advisor = new_test_user(
            cls.env,
            "ti_morteau_advisor",
            groups="territoire_industrie.territoire_industrie_group_user",
        )
        cls.morteau_advisor.territory_epci_ids = cls.cc_morteau
        cls.today = fields.Date.context_today(cls.Establishment)
        cls.recently = fields.Datetime.now() - timedelta(days=30)
        cls.ours = (
            cls.watchmaker
            | cls.new_plant
            | cls.closed_this_year
            | cls.created_later
            | cls.shop
            | cls.closed_long_ago
            | cls.hidden
        )
