import base64
import io
from unittest.mock import patch

import openpyxl
import psycopg2

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..report import sirene_rejections_xlsx
from .common import TerritoireIndustrieCase
from .sirene_files import (
    ESTABLISHMENT_HEADER,
    LEGAL_UNIT_HEADER,
    establishment_row,
    make_siret,
    to_csv,
    zipped,
)

# The counts of a report, in the order of the form; together they are the rows of the file.
COUNTS = (
    "created_count",
    "updated_count",
    "unchanged_count",
    "closed_count",
    "out_of_scope_count",
    "foreign_count",
    "rejected_count",
)


@tagged("post_install", "-at_install")
class TestSireneImportReport(TerritoireIndustrieCase):
    """Every row of a StockEtablissement file is counted once, and bad files are refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        doubs = cls._doubs()
        corsica = cls._reference("territory.region", "code", {"code": "94", "name": "Corse"})
        # A département of the reference whose communes are not loaded: outside the scope.
        cls._reference(
            "territory.department",
            "code",
            {"code": "2A", "name": "Corse-du-Sud", "region_id": corsica.id},
        )
        cls.russey = cls._reference(
            "territory.commune",
            "code",
            {"code": "25508", "name": "Le Russey", "department_id": doubs.id},
        )
        paris_department = cls._reference(
            "territory.department", "code", {"code": "75", "name": "Paris"}
        )
        cls.paris = cls._reference(
            "territory.commune",
            "code",
            {"code": "75056", "name": "Paris", "department_id": paris_department.id},
        )
        cls.paris_15 = cls._reference(
            "territory.arrondissement",
            "code",
            {"code": "75115", "name": "Paris 15e Arrondissement", "commune_id": cls.paris.id},
        )
        cls.paris_16 = cls._reference(
            "territory.arrondissement",
            "code",
            {"code": "75116", "name": "Paris 16e Arrondissement", "commune_id": cls.paris.id},
        )
        # A commune déléguée: its code is no longer a commune of the reference.
        cls.former = cls._reference(
            "territory.commune.former",
            "code",
            {"code": "25991", "name": "Ancienne", "kind": "delegated", "commune_id": cls.russey.id},
        )
        cls.Import = cls.env["territory.sirene.import"].with_user(cls.ti_manager)
        cls.Establishment = cls.env["territory.establishment"]

    def _import(self, data, filename="StockEtablissement.csv", kind="establishment", **scope):
        return self.Import._import_file(io.BytesIO(data), filename, kind, **scope)

    def test_every_row_is_counted_once(self):
        known = [make_siret(93000001 + n) for n in range(3)]
        self._import(to_csv(ESTABLISHMENT_HEADER, [establishment_row(s) for s in known]))
        new, repeated = make_siret(93000010), make_siret(93000011)
        bad_checksum = new[:-1] + str((int(new[-1]) + 1) % 10)
        rows = [
            establishment_row(new),  # 2: created
            establishment_row(known[0], trancheEffectifsEtablissement="11"),  # 3: updated
            establishment_row(known[1]),  # 4: unchanged
            establishment_row(known[2], etatAdministratifEtablissement="F"),  # 5: closed
            establishment_row(make_siret(93000012), commune="2A004"),  # 6: outside the scope
            establishment_row(  # 7: abroad
                make_siret(93000013),
                commune="",
                codePaysEtrangerEtablissement="99132",
                libellePaysEtrangerEtablissement="ROYAUME-UNI",
            ),
            establishment_row(make_siret(93000014), commune="99999"),  # 8: unknown commune
            establishment_row(bad_checksum),  # 9: bad SIRET
            establishment_row(repeated),  # 10: superseded by line 11
            establishment_row(repeated, trancheEffectifsEtablissement="02"),  # 11: created
            establishment_row(make_siret(93000015), commune=""),  # 12: no commune, not abroad
        ]
        report = self._import(to_csv(ESTABLISHMENT_HEADER, rows))
        self.assertEqual(
            {name: report[name] for name in COUNTS},
            {
                "created_count": 2,
                "updated_count": 1,
                "unchanged_count": 1,
                "closed_count": 1,
                "out_of_scope_count": 1,
                "foreign_count": 1,
                "rejected_count": 4,
            },
        )
        self.assertEqual(report.total_count, len(rows))
        self.assertEqual(sum(report[name] for name in COUNTS), report.total_count)
        self.assertEqual(report.rows_read, len(rows) - 2)  # in the scope, in France
        self.assertEqual(
            [(r.line, r.reason, r.detail) for r in report.rejection_ids],
            [
                (8, "unknown_commune", "99999"),
                (9, "bad_siret", bad_checksum),
                (10, "duplicate_siret", repeated),
                (12, "unknown_commune", False),
            ],
        )
        self.assertEqual(
            self.Establishment.search([("siret", "=", repeated)]).headcount_bracket, "02"
        )
        self.assertFalse(self.Establishment.search([("siret", "=", make_siret(93000013))]))

    def test_arrondissements_and_former_codes_placed_in_their_commune(self):
        in_15, in_16, formerly = (make_siret(93000060 + n) for n in range(3))
        rows = [
            establishment_row(in_15, commune="75115"),
            establishment_row(in_16, commune="75116"),
            establishment_row(make_siret(93000063), commune="75115"),
            establishment_row(formerly, commune="25991"),
        ]
        report = self._import(to_csv(ESTABLISHMENT_HEADER, rows))
        self.assertEqual((report.total_count, report.created_count), (4, 4))
        found = {
            e.siret: e
            for e in self.Establishment.search([("siret", "in", [in_15, in_16, formerly])])
        }
        self.assertEqual(
            (found[in_15].commune_id, found[in_15].arrondissement_id), (self.paris, self.paris_15)
        )
        self.assertEqual(found[in_16].arrondissement_id, self.paris_16)
        self.assertEqual(
            (found[formerly].commune_id, found[formerly].arrondissement_id),
            (self.russey, self.env["territory.arrondissement"]),
        )
        # Per-arrondissement figures in the observatory, for a user.
        groups = (
            self.env["territory.establishment.analysis"]
            .with_user(self.ti_user)
            ._read_group([("commune_id", "=", self.paris.id)], ["arrondissement_id"], ["__count"])
        )
        self.assertEqual(dict(groups), {self.paris_15: 2, self.paris_16: 1})
        # A scope of communes holding Paris keeps its arrondissements.
        again = self._import(
            to_csv(ESTABLISHMENT_HEADER, rows[:2]), commune_codes={self.paris.code}
        )
        self.assertEqual((again.unchanged_count, again.out_of_scope_count), (2, 0))

    def test_queries_do_not_grow_with_the_rows(self):
        """The rows are checked, placed and counted in SQL: as many queries for 60 rows
        as for 3 (each file with new rows and a rejection, so the same steps run)."""

        def data(base, count):
            rows = [establishment_row(make_siret(base + n)) for n in range(count)]
            rows.append(establishment_row(make_siret(base + 999), commune="99999"))
            return to_csv(ESTABLISHMENT_HEADER, rows)

        self._import(data(93200000, 2))  # caches warm
        counts = []
        for base, count in ((93300000, 3), (93400000, 60)):
            before = self.env.cr.sql_log_count
            self._import(data(base, count))
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[1], 50)

    def test_a_scope_counts_the_rest_outside(self):
        rows = [
            establishment_row(make_siret(93000020)),
            establishment_row(make_siret(93000021), commune="61001"),  # another département
            establishment_row(make_siret(93000022), commune="25999"),  # unknown, in the Doubs
            establishment_row(
                make_siret(93000023), commune="", codePaysEtrangerEtablissement="99109"
            ),
        ]
        report = self._import(to_csv(ESTABLISHMENT_HEADER, rows), department_codes={"25"})
        self.assertEqual(
            (
                report.total_count,
                report.created_count,
                report.out_of_scope_count,
                report.foreign_count,
                report.rejected_count,
            ),
            (4, 1, 1, 1, 1),
        )

    def test_counts_that_do_not_add_up_are_refused(self):
        values = {
            "name": "StockEtablissement.csv",
            "file_kind": "establishment",
            "total_count": 3,
            **dict.fromkeys(COUNTS, 0),
            "created_count": 2,
        }
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["territory.sirene.import"].create(values)
        self.assertTrue(self.env["territory.sirene.import"].create({**values, "created_count": 3}))

    def test_legal_units_file_given_as_establishments_is_named(self):
        units = [{"siren": "552100554", "statutDiffusionUniteLegale": "O"}]
        with self.assertRaisesRegex(
            UserError, "(legal units file|fichier des unités légales).*StockUniteLegale"
        ):
            self._import(to_csv(LEGAL_UNIT_HEADER, units), "StockUniteLegale_utf8.csv")
        rows = [establishment_row(make_siret(93000030))]
        with self.assertRaisesRegex(UserError, "StockEtablissement"):
            self._import(to_csv(ESTABLISHMENT_HEADER, rows), kind="legal_unit")
        self.assertFalse(self.env["territory.sirene.import"].search([]))

    def test_zip_cut_short_is_refused_and_nothing_written(self):
        rows = [establishment_row(make_siret(93000040 + n)) for n in range(200)]
        data = zipped(to_csv(ESTABLISHMENT_HEADER, rows))
        with self.assertRaisesRegex(UserError, "(Nothing was imported|Rien n'a été importé)"):
            self._import(data[: len(data) // 2], "StockEtablissement_utf8.zip")
        self.assertFalse(self.Establishment.search([("siret", "=", make_siret(93000040))]))
        self.assertFalse(self.env["territory.sirene.import"].search([]))

    def test_unknown_scope_codes_are_refused(self):
        rows = [establishment_row(make_siret(93000050))]
        with self.assertRaisesRegex(UserError, "(Unknown|inconnu).*00"):
            self._import(to_csv(ESTABLISHMENT_HEADER, rows), department_codes={"00"})
        for scope, code in (
            ({"department_codes": {"25", "0X"}}, "0X"),
            ({"region_codes": {"00"}}, "00"),
            ({"epci_sirens": {"000000000"}}, "000000000"),
        ):
            with self.subTest(scope=scope), self.assertRaisesRegex(UserError, code):
                self.Import._scope_from_codes(**scope)
        self.assertFalse(self.Establishment.search([("siret", "=", make_siret(93000050))]))

    def test_scope_of_a_region(self):
        communes, departments, label = self.Import._scope_from_codes(region_codes={"27"})
        self.assertIn("25", departments)
        self.assertNotIn("2A", departments)
        self.assertEqual((communes, label), (set(), "Bourgogne-Franche-Comté"))
        region = self.env["territory.region"].search([("code", "=", "27")])
        wizard = (
            self.env["territory.sirene.import.wizard"]
            .with_user(self.ti_manager)
            .create({"file": base64.b64encode(b"siren"), "region_ids": [(6, 0, region.ids)]})
        )
        communes, departments, label = wizard._scope()
        self.assertEqual((communes, label), (set(), "Bourgogne-Franche-Comté"))
        self.assertIn("25", departments)
        self.assertNotIn("2A", departments)


def _xlsx_rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(min_row=4, values_only=True)]


@tagged("post_install", "-at_install")
class TestSireneRejectionsExport(HttpCase, TerritoireIndustrieCase):
    """The rejected rows of a long run: a list of their own and an XLSX export."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rows = [establishment_row(make_siret(93100000 + n), commune="99999") for n in range(25)]
        cls.report = (
            cls.env["territory.sirene.import"]
            .with_user(cls.ti_manager)
            ._import_file(
                io.BytesIO(to_csv(ESTABLISHMENT_HEADER, rows)),
                "StockEtablissement.csv",
                "establishment",
            )
        )

    def test_rejections_open_in_a_list_and_export_in_pages(self):
        self.assertEqual(self.report.rejected_count, 25)
        action = self.report.action_view_rejections()
        self.assertEqual(action["res_model"], "territory.sirene.import.rejection")
        self.assertEqual(self.env[action["res_model"]].search_count(action["domain"]), 25)
        output = io.BytesIO()
        with patch.object(sirene_rejections_xlsx, "PAGE_SIZE", 10):  # three pages
            sirene_rejections_xlsx.write_rejections_xlsx(self.report, output)
        rows = _xlsx_rows(output.getvalue())
        self.assertEqual([row[0] for row in rows], list(range(2, 27)))
        self.assertEqual(rows[0][1:], [make_siret(93100000), "Unknown commune", "99999"])

    def test_download_reserved_to_managers(self):
        url = f"/territoire_industrie/sirene_import/{self.report.id}/rejections.xlsx"
        self.authenticate("ti_manager", "ti_manager")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(_xlsx_rows(response.content)), 25)
        self.authenticate("ti_user", "ti_user")
        self.assertNotEqual(self.url_open(url).status_code, 200)
