import io

from odoo.tests import tagged

from .observatory_common import ObservatoryCase
from .sirene_files import ESTABLISHMENT_HEADER, establishment_row, make_siret, to_csv


@tagged("post_install", "-at_install")
class TestObservatoryDashboardGroups(ObservatoryCase):
    """The dashboards' groups (analysis, creations and closures): the same groups, in the
    same order, as the ORM gives on the establishments themselves, and always up to date
    (live SQL views: nothing to refresh after an ORM write or an import)."""

    # What to count and how to select our establishments, per model.
    MEASURES = {
        "territory.establishment": ("__count", "id"),
        "territory.establishment.analysis": ("establishment_count:sum", "establishment_id"),
        "territory.establishment.movement": ("created_count:sum", "establishment_id"),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Same name as Morteau, lower code, created after it: sorted before it by code.
        cls.morteau_bis = cls.env["territory.commune"].create(
            {
                "code": "25990",
                "name": "Morteau-Essai",
                "department_id": cls.morteau.department_id.id,
                "epci_id": cls.cc_morteau.id,
            }
        )
        siret = make_siret(91000200)
        cls.in_bis = cls.Establishment.create(
            {
                "siret": siret,
                "siren": siret[:9],
                "commune_id": cls.morteau_bis.id,
                "naf_code": "10.71C",
                "headcount_bracket": "02",
                "creation_date": "2012-04-01",
            }
        )
        siret = make_siret(91000201)
        cls.homeless = cls.Establishment.create(
            {
                "siret": siret,
                "siren": siret[:9],
                "naf_code": "62.01Z",
                "creation_date": "2012-04-01",
            }
        )
        cls.ours |= cls.in_bis | cls.homeless

    def _groups(self, model, groupby, user=None, **kwargs):
        """read_group as the web client calls it (lazy=False), on our establishments:
        [(group values..., count)]."""
        measure, key = self.MEASURES[model]
        rows = (
            self.env[model]
            .with_user(user or self.ti_manager)
            .read_group([(key, "in", self.ours.ids)], [measure], groupby, lazy=False, **kwargs)
        )
        return [(*(row[spec] for spec in groupby), row["__count"]) for row in rows]

    def _analysis(self, groupby, **kwargs):
        return self._groups("territory.establishment.analysis", groupby, **kwargs)

    def test_groups_in_the_comodel_order(self):
        """Communes by name then code, no commune last; reversed with desc."""

        def label(commune):
            return (commune.id, commune.display_name)

        expected = [
            (label(self.morteau_bis), 1),
            (label(self.morteau), 3),
            (label(self.russey), 3),
            (label(self.villers), 1),
            (False, 1),
        ]
        self.assertEqual(self._analysis(["commune_id"]), expected)
        self.assertEqual(self._analysis(["commune_id"], orderby="commune_id desc"), expected[::-1])
        self.assertEqual(self._analysis(["commune_id"], limit=2, offset=1), expected[1:3])

    def test_groups_as_the_orm_gives_them_on_establishments(self):
        for groupby, kwargs in [
            (["epci_id", "naf_section"], {}),
            (["commune_id"], {}),
            (["naf_section", "epci_id"], {"orderby": "naf_section desc, epci_id desc"}),
            (["epci_id"], {"limit": 1, "offset": 1}),
        ]:
            with self.subTest(groupby=groupby, **kwargs):
                self.assertEqual(
                    self._analysis(groupby, **kwargs),
                    self._groups("territory.establishment", groupby, **kwargs),
                )
        movement = self._groups("territory.establishment.movement", ["commune_id"])
        self.assertEqual(
            [commune for commune, _count in movement],
            [commune for commune, _count in self._analysis(["commune_id"])],
        )

    def test_groups_on_the_many2one_column_alone(self):
        """No join of the comodel to every row: grouped by the integer column only, the
        comodel's order is looked up per group."""
        Analysis = self.env["territory.establishment.analysis"]
        query = Analysis._search([])
        groupby = {"commune_id": Analysis._read_group_groupby("commune_id", query)}
        query.groupby = groupby["commune_id"]
        order = Analysis._read_group_orderby("commune_id", groupby, query)
        self.assertEqual(query.groupby.code, '"territory_establishment_analysis"."commune_id"')
        self.assertNotIn("JOIN", query.from_clause.code)
        self.assertIn('"territory_commune"', order.code)

    def test_advisor_sees_the_groups_of_the_epcis_followed(self):
        self.assertEqual(
            [row[0][0] for row in self._analysis(["commune_id"], user=self.morteau_advisor)],
            [self.morteau_bis.id, self.morteau.id, self.villers.id],
        )
        self.assertEqual(
            self._groups(
                "territory.establishment.movement", ["epci_id"], user=self.morteau_advisor
            ),
            [((self.cc_morteau.id, self.cc_morteau.display_name), 6)],
        )

    def test_up_to_date_after_orm_writes(self):
        """A commune moved to another EPCI, a NAF code corrected: the next read counts them."""

        def per_epci():
            return {
                epci[0]: count
                for epci, section, count in self._analysis(["epci_id", "naf_section"])
                if section == "C"
            }

        def closures_of(year):
            groups = self._groups("territory.establishment.movement", ["date:year", "movement"])
            return sum(
                count for day, movement, count in groups if (day, movement) == (year, "closure")
            )

        self.assertEqual(per_epci(), {self.cc_morteau.id: 5, self.cc_russey.id: 1})
        self.assertEqual(closures_of("2026"), 1)
        self.villers.epci_id = self.cc_russey
        self.watchmaker.naf_code = "62.01Z"
        self.shop.write({"state": "closed", "closing_date": "2026-05-01"})
        self.assertEqual(per_epci(), {self.cc_morteau.id: 3, self.cc_russey.id: 2})
        self.assertEqual(closures_of("2026"), 2)
        advisor_view = self._analysis(["epci_id"], user=self.morteau_advisor)
        self.assertEqual(advisor_view, [((self.cc_morteau.id, self.cc_morteau.display_name), 4)])

    def test_coverage_counts_a_contact_just_linked(self):
        """An establishment linked to a contact met last month counts as met at once."""
        partner = self.env["res.partner"].create({"name": "Usine de Villers", "is_company": True})
        self.env["calendar.event"].create(
            {
                "name": "Visite de l'usine",
                "start": self.recently,
                "stop": self.recently,
                "partner_ids": [(6, 0, partner.ids)],
            }
        )

        def met_in_morteau():
            rows = self.Establishment.with_user(self.morteau_advisor)._coverage_report()
            return {(r["epci_id"], r["naf_section"]): r["met_count"] for r in rows}

        self.assertEqual(met_in_morteau()[self.cc_morteau.id, "C"], 0)
        self.new_plant.partner_id = partner
        self.assertEqual(met_in_morteau()[self.cc_morteau.id, "C"], 1)

    def test_up_to_date_after_a_sirene_import(self):
        """The import writes the table in SQL: new establishments and a closure are counted
        by the next read, with no refresh."""
        rows = [
            establishment_row(
                make_siret(91000300),
                commune=self.russey.code,
                dateCreationEtablissement="2025-05-01",
            ),
            establishment_row(
                self.watchmaker.siret,
                commune=self.morteau.code,
                etatAdministratifEtablissement="F",
                dateDebut="2025-11-30",
                dateCreationEtablissement="2020-01-15",
            ),
        ]
        before = self._groups("territory.establishment.movement", ["date:year"])
        self.env["territory.sirene.import"].with_user(self.ti_manager)._import_file(
            io.BytesIO(to_csv(ESTABLISHMENT_HEADER, rows)),
            "StockEtablissement.csv",
            "establishment",
        )
        self.ours |= self.Establishment.search([("siret", "=", make_siret(91000300))])
        Analysis = self.env["territory.establishment.analysis"].with_user(self.morteau_advisor)
        self.assertEqual(
            Analysis.search([("establishment_id", "=", self.watchmaker.id)]).state, "closed"
        )
        after = dict(self._groups("territory.establishment.movement", ["date:year"]))
        # one creation and one closure in 2025
        self.assertEqual(after["2025"], dict(before).get("2025", 0) + 2)
        self.assertIn(
            ((self.russey.id, self.russey.display_name), 4), self._analysis(["commune_id"])
        )
