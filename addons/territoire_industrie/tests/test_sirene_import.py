import datetime
import io
import random
import re
from unittest.mock import patch

import psycopg2.errors
from stdnum.fr import siret as stdnum_siret

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from ..models import territory_sirene_import as import_module
from ..tools.sirene_sql import date_is_valid, siret_is_valid
from .common import TerritoireIndustrieCase
from .sirene_files import (
    ESTABLISHMENT_HEADER,
    LEGAL_UNIT_HEADER,
    establishment_row,
    gzipped,
    make_siret,
    to_csv,
    zipped,
)


@tagged("post_install", "-at_install")
class TestSireneImport(TerritoireIndustrieCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        doubs = cls._doubs()
        cls.epci = cls._reference(
            "territory.epci",
            "siren",
            {"siren": "242504496", "name": "CC du Plateau de Russey", "nature": "CC"},
        )
        cls.russey = cls._reference(
            "territory.commune",
            "code",
            {
                "code": "25508",
                "name": "Le Russey",
                "department_id": doubs.id,
                "epci_id": cls.epci.id,
            },
        )
        cls.epci = cls.russey.epci_id  # the official one when demo data is loaded
        cls.bonnetage = cls._reference(
            "territory.commune",
            "code",
            {
                "code": "25074",
                "name": "Bonnétage",
                "department_id": doubs.id,
                "epci_id": cls.epci.id,
            },
        )
        cls.Import = cls.env["territory.sirene.import"].with_user(cls.ti_manager)
        cls.Establishment = cls.env["territory.establishment"]

    def _import(self, data, filename="StockEtablissement.csv", kind="establishment", **scope):
        return self.Import._import_file(io.BytesIO(data), filename, kind, **scope)

    def _establishment(self, siret):
        return self.Establishment.search([("siret", "=", siret)])

    def test_import_creates_linked_establishments(self):
        siret = make_siret(90000001)
        report = self._import(to_csv(ESTABLISHMENT_HEADER, [establishment_row(siret)]))
        self.assertEqual((report.created_count, report.rows_read, report.rejected_count), (1, 1, 0))
        establishment = self._establishment(siret)
        self.assertEqual(establishment.commune_id, self.russey)
        self.assertEqual(establishment.epci_id, self.epci)
        self.assertEqual(establishment.street, "12 Rue DE LA GARE")
        self.assertEqual(establishment.trade_names, "LES PETITS ATELIERS")
        self.assertEqual(establishment.headcount_bracket, "01")
        self.assertEqual(establishment.naf_nomenclature, "NAFRev2")
        self.assertTrue(establishment.is_employer)
        self.assertTrue(establishment.is_head_office)

    def test_reimport_is_idempotent_and_updates_only_changes(self):
        first, second = make_siret(90000002), make_siret(90000003)
        rows = [establishment_row(first), establishment_row(second, commune="25074")]
        self._import(to_csv(ESTABLISHMENT_HEADER, rows))
        again = self._import(to_csv(ESTABLISHMENT_HEADER, rows))
        self.assertEqual(
            (again.created_count, again.updated_count, again.unchanged_count), (0, 0, 2)
        )
        rows[1]["trancheEffectifsEtablissement"] = "11"
        changed = self._import(to_csv(ESTABLISHMENT_HEADER, rows))
        self.assertEqual((changed.updated_count, changed.unchanged_count), (1, 1))
        self.assertEqual(self._establishment(second).headcount_bracket, "11")
        self.assertEqual(self.Establishment.search_count([("siret", "in", [first, second])]), 2)

    def _index_and_key_definitions(self):
        self.env.cr.execute("""
            SELECT pg_get_indexdef(indexrelid) FROM pg_index
             WHERE indrelid = 'territory_establishment'::regclass
             UNION ALL
            SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
             WHERE conrelid = 'territory_establishment'::regclass
             ORDER BY 1
        """)
        return [definition for (definition,) in self.env.cr.fetchall()]

    def _establishment_values(self, rows):
        establishments = self.Establishment.search(
            [("siret", "in", [r["siret"] for r in rows])], order="siret"
        )
        return [(e.siret, e.commune_id, e.epci_id, e.naf_section, e.state) for e in establishments]

    def test_a_large_first_import_builds_indexes_and_checks_keys_once(self):
        """Many new rows: the secondary indexes and foreign keys are made again after the
        insert, the same as before, and the rows are the same as the row-by-row path's."""
        definitions = self._index_and_key_definitions()
        self.assertTrue(any("commune_id_fkey" in d for d in definitions))
        size = self._more_than_the_table_holds() + 30  # the bulk path
        rows = [
            establishment_row(make_siret(90100000 + i), commune="25074" if i % 3 else "25508")
            for i in range(size)
        ]
        data = to_csv(ESTABLISHMENT_HEADER, rows)
        queries = []
        target = "odoo.addons.territoire_industrie.models.territory_sirene_import"
        with patch(f"{target}.BULK_LOAD_MIN_ROWS", 10):
            self.env.cr.execute("SAVEPOINT row_by_row")
            with patch(f"{target}.BULK_LOAD_MIN_ROWS", 10**9):
                self._import(data)
            expected = self._establishment_values(rows)
            self.env.cr.execute("ROLLBACK TO SAVEPOINT row_by_row")
            self.env.invalidate_all()
            execute = type(self.env.cr).execute

            def spy(cr, query, params=None, log_exceptions=True):
                queries.append(str(getattr(query, "code", query)))
                return execute(cr, query, params, log_exceptions)

            with patch.object(type(self.env.cr), "execute", spy):
                report = self._import(data)
        self.assertTrue(any("DROP INDEX" in q for q in queries), "the bulk path was taken")
        self.assertEqual(report.created_count, size)
        self.assertEqual(self._establishment_values(rows), expected)
        self.assertEqual(self._index_and_key_definitions(), definitions)
        # The SIRET is unique again, and the foreign keys hold: a vanished commune is refused.
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE territory_establishment SET siret = %s WHERE siret = %s",
                [rows[0]["siret"], rows[1]["siret"]],
            )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.ForeignKeyViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE territory_establishment SET commune_id = -1 WHERE siret = %s",
                [rows[0]["siret"]],
            )

    def test_a_failed_bulk_import_restores_indexes_and_keys(self):
        definitions = self._index_and_key_definitions()
        size = self._more_than_the_table_holds() + 12  # the bulk path
        rows = [establishment_row(make_siret(90200000 + i)) for i in range(size)]
        target = "odoo.addons.territoire_industrie.models.territory_sirene_import"
        # The import fails once the indexes and keys are dropped, at its insert.
        real = import_module.naf_section_sql
        calls = []

        def section_then_fail(*args):
            calls.append(args)
            if len(calls) > 1:  # the insert's: the update's was the first
                raise RuntimeError("disk full")
            return real(*args)

        with (
            patch(f"{target}.BULK_LOAD_MIN_ROWS", 10),
            patch(f"{target}.naf_section_sql", section_then_fail),
            self.assertRaisesRegex(RuntimeError, "disk full"),
        ):
            self._import(to_csv(ESTABLISHMENT_HEADER, rows))
        self.assertEqual(self._index_and_key_definitions(), definitions)
        self.assertFalse(self.Establishment.search([("siret", "in", [r["siret"] for r in rows])]))
        # The dashboards' counts are kept by their triggers again.
        self.env.cr.execute("""
            SELECT count(*) FROM pg_trigger
             WHERE tgrelid = 'territory_establishment'::regclass
               AND tgname LIKE '%%tally_insert' AND tgenabled = 'O'
        """)
        self.assertEqual(self.env.cr.fetchone()[0], 4)

    def test_same_siret_twice_in_a_file_last_row_wins(self):
        siret = make_siret(90000031)
        rows = [
            establishment_row(siret, activitePrincipaleEtablissement="26.52Z"),
            establishment_row(make_siret(90000032)),
            establishment_row(siret, activitePrincipaleEtablissement="62.01Z"),
        ]
        report = self._import(to_csv(ESTABLISHMENT_HEADER, rows))
        self.assertEqual((report.rows_read, report.created_count, report.rejected_count), (3, 2, 1))
        self.assertEqual(
            [(r.line, r.reason, r.siret) for r in report.rejection_ids],
            [(2, "duplicate_siret", siret)],
        )
        establishment = self._establishment(siret)
        self.assertEqual((establishment.naf_code, establishment.naf_section), ("62.01Z", "J"))

    def test_closing_marks_closed_never_deletes(self):
        siret = make_siret(90000004)
        self._import(to_csv(ESTABLISHMENT_HEADER, [establishment_row(siret)]))
        closed_row = establishment_row(
            siret, etatAdministratifEtablissement="F", dateDebut="2025-12-31"
        )
        report = self._import(to_csv(ESTABLISHMENT_HEADER, [closed_row]))
        self.assertEqual((report.closed_count, report.updated_count), (1, 0))  # one count each
        establishment = self._establishment(siret)
        self.assertEqual(establishment.state, "closed")
        self.assertEqual(str(establishment.closing_date), "2025-12-31")

    def test_each_rejection_reason_with_its_line(self):
        good = make_siret(90000005)
        bad_checksum = good[:-1] + str((int(good[-1]) + 1) % 10)
        other = make_siret(90000006)
        rows = [
            establishment_row(good),
            establishment_row(bad_checksum),
            establishment_row(other, siren="123456782"),
            establishment_row(make_siret(90000007), commune="25999"),
            establishment_row(make_siret(90000008), dateCreationEtablissement="2024-13-45"),
        ]
        report = self._import(to_csv(ESTABLISHMENT_HEADER, rows), department_codes={"25"})
        self.assertEqual((report.created_count, report.rejected_count), (1, 4))
        self.assertEqual(
            [(r.line, r.reason) for r in report.rejection_ids],
            [(3, "bad_siret"), (4, "inconsistent_siret"), (5, "unknown_commune"), (6, "bad_date")],
        )

    def test_rows_outside_the_scope_are_skipped(self):
        inside, outside = make_siret(90000009), make_siret(90000010)
        rows = [establishment_row(inside), establishment_row(outside, commune="25074")]
        report = self._import(to_csv(ESTABLISHMENT_HEADER, rows), commune_codes={"25508"})
        self.assertEqual((report.rows_read, report.created_count), (1, 1))
        self.assertFalse(self._establishment(outside))

    def test_wrong_file_is_refused_and_nothing_written(self):
        before = self.Establishment.search_count([])
        with self.assertRaisesRegex(UserError, "pas un fichier de stock SIRENE|not a SIRENE"):
            self._import(b"name;email\nJean;jean@example.com\n", filename="contacts.csv")
        header = [c for c in ESTABLISHMENT_HEADER if c != "codeCommuneEtablissement"]
        with self.assertRaisesRegex(UserError, "codeCommuneEtablissement"):
            self._import(to_csv(header, [establishment_row(make_siret(90000011))]))
        self.assertEqual(self.Establishment.search_count([]), before)
        self.assertFalse(self.env["territory.sirene.import"].search([]))

    def test_file_broken_halfway_leaves_nothing_behind(self):
        rows = [establishment_row(make_siret(90000020 + n)) for n in range(50)]
        data = gzipped(to_csv(ESTABLISHMENT_HEADER, rows))
        before = self.Establishment.search_count([])
        with (
            patch("odoo.addons.territoire_industrie.models.territory_sirene_import.BATCH_SIZE", 1),
            self.assertRaisesRegex(
                UserError, "(cut short|tronqué).*(Nothing was imported|Rien n'a été importé)"
            ),
        ):
            self._import(data[: len(data) * 2 // 3], "stock.csv.gz")
        damaged = bytearray(data)
        damaged[60] ^= 0xFF
        with self.assertRaisesRegex(UserError, "archive is damaged|archive est endommagée"):
            self._import(bytes(damaged), "stock.csv.gz")
        self.assertEqual(self.Establishment.search_count([]), before)

    def _work_tables(self):
        """The import's unlogged work tables of this connection (see _work_table)."""
        self.env.cr.execute(
            "SELECT relname FROM pg_class WHERE relpersistence = 'u' AND relname LIKE %s",
            [f"sirene%\\_{self.env.cr.connection.info.backend_pid}"],
        )
        return [name for (name,) in self.env.cr.fetchall()]

    def test_work_tables_are_dropped_whatever_happens(self):
        rows = [establishment_row(make_siret(90000060 + n)) for n in range(3)]
        report = self._import(to_csv(ESTABLISHMENT_HEADER, rows))
        self.assertEqual(report.created_count, 3)
        self.assertEqual(self._work_tables(), [], "dropped at the end of the import")
        seen = []
        Import = type(self.Import)
        check = Import._check_raw_rows

        def checking(records, *args, **kwargs):
            seen.extend(self._work_tables())
            return check(records, *args, **kwargs)

        data = gzipped(to_csv(ESTABLISHMENT_HEADER, rows))
        with patch.object(Import, "_check_raw_rows", checking):
            self._import(data, "stock.csv.gz")
            with self.assertRaises(UserError):
                self._import(data[: len(data) // 2], "stock.csv.gz")  # cut short: no check
            with (
                patch.object(Import, "_merge_batch", side_effect=UserError("merge")),
                self.assertRaises(UserError),
            ):
                self._import(data, "stock.csv.gz")
        pid = self.env.cr.connection.info.backend_pid
        expected = [f"sirene_{name}_{pid}" for name in ("codes", "raw", "unchanged")]
        self.assertEqual(sorted(seen[:3]), expected, "unlogged, named after the session")
        self.assertEqual(self._work_tables(), [], "a failure takes them away with the rest")

    def test_malformed_row_refuses_the_file_with_its_line(self):
        rows = [establishment_row(make_siret(90000040)), establishment_row(make_siret(90000041))]
        data = to_csv(ESTABLISHMENT_HEADER, rows) + b"123,456\r\n"
        with self.assertRaisesRegex(UserError, "(line|ligne) 4.*siret"):
            self._import(data)
        self.assertFalse(self._establishment(make_siret(90000040)))
        header, body = to_csv(ESTABLISHMENT_HEADER, rows).split(b"\r\n", 1)
        too_long = header + b"\r\n" + body.replace(b"\r\n", b",extra\r\n")
        with self.assertRaisesRegex(UserError, "(line|ligne) 2.*(more cells|plus de cellules)"):
            self._import(too_long)
        latin1 = to_csv(ESTABLISHMENT_HEADER, [establishment_row(make_siret(90000041))])
        latin1 = latin1.replace(b"LE RUSSEY", "LE RUSSEY SAÔNE".encode("latin-1"))
        with self.assertRaisesRegex(UserError, "(line|ligne) 2.*UTF-8"):
            self._import(latin1)

    def test_codes_are_stripped_and_unknown_communes_rejected_without_scope(self):
        siret = make_siret(90000042)
        padded = establishment_row(siret, commune=" 25508 ")
        padded["siret"] = f" {siret} "
        rows = [padded, establishment_row(make_siret(90000043), commune="99999")]
        report = self._import(to_csv(ESTABLISHMENT_HEADER, rows))
        self.assertEqual((report.rows_read, report.created_count, report.rejected_count), (2, 1, 1))
        self.assertEqual(
            [(r.line, r.reason, r.detail) for r in report.rejection_ids],
            [(3, "unknown_commune", "99999")],
        )
        self.assertEqual(self._establishment(siret).commune_id, self.russey)

    def test_gzip_zip_and_any_column_order(self):
        siret_gz, siret_zip = make_siret(90000012), make_siret(90000013)
        shuffled = list(reversed(ESTABLISHMENT_HEADER))
        self._import(gzipped(to_csv(shuffled, [establishment_row(siret_gz)])), "stock.csv.gz")
        self._import(
            zipped(to_csv(ESTABLISHMENT_HEADER, [establishment_row(siret_zip)])),
            "StockEtablissement_utf8.zip",
        )
        self.assertEqual(self._establishment(siret_gz).commune_id, self.russey)
        self.assertEqual(self._establishment(siret_zip).commune_id, self.russey)

    def test_partially_diffusible_data_is_not_stored_or_shown(self):
        siret = make_siret(90000014)
        row = establishment_row(
            siret,
            statutDiffusionEtablissement="P",
            libelleVoieEtablissement="[ND]",
            numeroVoieEtablissement="[ND]",
            typeVoieEtablissement="[ND]",
            enseigne1Etablissement="[ND]",
        )
        self._import(to_csv(ESTABLISHMENT_HEADER, [row]))
        establishment = self._establishment(siret)
        self.assertTrue(establishment.partially_diffusible)
        self.assertFalse(establishment.street)
        self.assertFalse(establishment.trade_names)
        self.assertNotIn("[ND]", establishment.display_name)
        self.assertIn(siret, establishment.display_name)

    def test_legal_units_complete_the_establishments(self):
        company, craftsman = make_siret(90000015), make_siret(90000016)
        self._import(
            to_csv(ESTABLISHMENT_HEADER, [establishment_row(company), establishment_row(craftsman)])
        )
        units = [
            {
                "siren": company[:9],
                "statutDiffusionUniteLegale": "O",
                "denominationUniteLegale": "LES PETITS ATELIERS SAS",
                "categorieJuridiqueUniteLegale": "5710",
                "categorieEntreprise": "PME",
            },
            {
                "siren": craftsman[:9],
                "statutDiffusionUniteLegale": "O",
                "prenom1UniteLegale": "CLAIRE",
                "nomUniteLegale": "MARTIN",
                "categorieJuridiqueUniteLegale": "1000",
            },
            {
                "siren": "552100554",
                "statutDiffusionUniteLegale": "O",
                "denominationUniteLegale": "NOT IN THE TERRITORY",
                "categorieJuridiqueUniteLegale": "5599",
            },
        ]
        report = self._import(
            to_csv(LEGAL_UNIT_HEADER, units), "StockUniteLegale.csv", kind="legal_unit"
        )
        self.assertEqual((report.rows_read, report.updated_count), (2, 2))
        self.assertEqual(self._establishment(company).legal_unit_name, "LES PETITS ATELIERS SAS")
        self.assertEqual(self._establishment(company).company_category, "PME")
        self.assertEqual(self._establishment(craftsman).legal_unit_name, "CLAIRE MARTIN")
        self.assertEqual(self._establishment(craftsman).legal_category, "1000")

    def test_import_reserved_to_managers_reading_to_users(self):
        siret = make_siret(90000017)
        self._import(to_csv(ESTABLISHMENT_HEADER, [establishment_row(siret)]))
        as_user = self.Establishment.with_user(self.ti_user)
        self.assertEqual(as_user.search([("siret", "=", siret)]).commune_id, self.russey)
        with self.assertRaises(AccessError):
            as_user.search([("siret", "=", siret)]).write({"naf_code": "10.71C"})
        with self.assertRaises(AccessError):
            self.env["territory.sirene.import.wizard"].with_user(self.ti_user).create(
                {"file": b"", "file_kind": "establishment"}
            )
        with self.assertRaises(AccessError):
            self.env["territory.sirene.import"].with_user(self.ti_user).search([])
        with self.assertRaises(AccessError):
            self.Establishment.with_user(self.employee).search([])


@tagged("post_install", "-at_install")
class TestSireneChecks(TerritoireIndustrieCase):
    """The import checks the rows in SQL: each check gives its Python reference's verdict."""

    def _sql_verdicts(self, expression, values):
        self.env.cr.execute(
            SQL("SELECT v, %s FROM unnest(%s::text[]) v", expression(SQL("v")), values)
        )
        return dict(self.env.cr.fetchall())

    def test_siret_check_agrees_with_stdnum(self):
        rng = random.Random(2024)
        numbers = [f"{rng.randrange(10**14):014d}" for _ in range(20000)]
        numbers += [make_siret(rng.randrange(10**8)) for _ in range(5000)]
        numbers += [f"356000000{n:05d}" for n in range(0, 100000, 97)]  # La Poste
        numbers += ["35600000000048", "", "abc", "7328293200007", "732829320000745"]
        numbers += ["7328293200007a", "7328293200007-4"]
        verdicts = self._sql_verdicts(siret_is_valid, numbers)
        disagreements = [n for n in numbers if verdicts[n] != stdnum_siret.is_valid(n)]
        self.assertEqual(disagreements, [])
        self.assertTrue(verdicts["35600000000048"])  # La Poste's head office
        self.assertFalse(self._sql_verdicts(siret_is_valid, [None])[None])

    def test_date_check_agrees_with_python(self):
        day = datetime.date(2023, 1, 1)
        values = [str(day + datetime.timedelta(days=n)) for n in range(800)]  # 2024 is leap
        values += ["2023-02-29", "2024-02-30", "2024-04-31", "2024-13-01", "2024-00-10"]
        values += ["0000-01-01", "0001-01-01", "9999-12-31", "2024-1-01", "20240701", "x", ""]

        def python_verdict(value):
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                return False
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                return False
            return True

        verdicts = self._sql_verdicts(date_is_valid, values)
        self.assertEqual([v for v in values if verdicts[v] != python_verdict(v)], [])
        self.assertTrue(self._sql_verdicts(date_is_valid, [None])[None])  # an empty cell
