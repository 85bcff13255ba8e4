import io

from odoo.tests import tagged

from ..models import territory_sirene_import
from .common import TerritoireIndustrieCase
from .sirene_files import ESTABLISHMENT_HEADER, establishment_row, make_siret, to_csv


@tagged("post_install", "-at_install")
class TestSireneFingerprints(TerritoireIndustrieCase):
    """A re-import sets apart the rows that last wrote their establishment as they are,
    without checking them again, and counts everything as a full comparison would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        doubs = cls._doubs()
        orne = cls._reference("territory.department", "code", {"code": "61", "name": "Orne"})
        cls.russey = cls._reference(
            "territory.commune",
            "code",
            {"code": "25508", "name": "Le Russey", "department_id": doubs.id},
        )
        cls.besancon = cls._reference(
            "territory.commune",
            "code",
            {"code": "25056", "name": "Besançon", "department_id": doubs.id},
        )
        cls.alencon = cls._reference(
            "territory.commune",
            "code",
            {"code": "61001", "name": "Alençon", "department_id": orne.id},
        )
        cls.Import = cls.env["territory.sirene.import"].with_user(cls.ti_manager)
        cls.Establishment = cls.env["territory.establishment"]
        cls.sirets = [make_siret(94000001 + n) for n in range(4)]
        cls.rows = [establishment_row(siret) for siret in cls.sirets[:3]]
        cls.rows.append(establishment_row(cls.sirets[3], commune="61001"))

    def _import(self, rows, **scope):
        data = to_csv(ESTABLISHMENT_HEADER, rows)
        return self.Import._import_file(
            io.BytesIO(data), "StockEtablissement.csv", "establishment", **scope
        )

    def setUp(self):
        super().setUp()
        self.skipped = []
        skip = type(self.Import)._skip_unchanged_rows

        def skipping(records, *args):
            self.skipped.append(skip(records, *args))
            return self.skipped[-1]

        self.patch(type(self.Import), "_skip_unchanged_rows", skipping)

    def _set_apart(self):
        """How many rows of the last import were set apart unchanged, and how many were
        checked and merged (its temporary table ``sirene_rows`` lives until the commit)."""
        self.env.cr.execute("SELECT count(*) FROM sirene_rows")
        return self.skipped[-1], self.env.cr.fetchone()[0]

    def _counts(self, report):
        return {
            name: report[name]
            for name in (
                "created_count",
                "updated_count",
                "unchanged_count",
                "closed_count",
                "out_of_scope_count",
                "rejected_count",
            )
            if report[name]
        }

    def _establishment(self, siret):
        return self.Establishment.search([("siret", "=", siret)])

    def test_same_file_again_is_set_apart(self):
        first = self._import(self.rows)
        self.assertEqual(self._counts(first), {"created_count": 4})
        self.assertEqual(self._set_apart(), (0, 4))
        fingerprint = self._establishment(self.sirets[0]).sirene_fingerprint
        self.assertRegex(fingerprint, r"^-?[0-9]+$")
        self.env.cr.execute(
            "SELECT xmin::text FROM territory_establishment WHERE siret = ANY(%s) ORDER BY siret",
            [self.sirets],
        )
        versions = self.env.cr.fetchall()
        again = self._import(self.rows)
        self.assertEqual(self._counts(again), {"unchanged_count": 4})
        self.assertEqual(self._set_apart(), (4, 0))
        self.env.cr.execute(
            "SELECT xmin::text FROM territory_establishment WHERE siret = ANY(%s) ORDER BY siret",
            [self.sirets],
        )
        self.assertEqual(self.env.cr.fetchall(), versions, "nothing written")

    def test_fingerprints_before_postgresql_14_and_after_its_upgrade(self):
        """Before PostgreSQL 14 (no hash of records) the cells are hashed as one text:
        rows set apart as well; after an upgrade of the server the fingerprints differ,
        so the next import compares every row in full, once, and counts them unchanged."""
        self.patch(territory_sirene_import, "_hashes_records", lambda cr: False)
        self._import(self.rows)
        before = self._establishment(self.sirets[0]).sirene_fingerprint
        again = self._import(self.rows)
        self.assertEqual(self._counts(again), {"unchanged_count": 4})
        self.assertEqual(self._set_apart(), (4, 0))
        self.patch(territory_sirene_import, "_hashes_records", lambda cr: True)
        upgraded = self._import(self.rows)
        self.assertEqual(self._counts(upgraded), {"unchanged_count": 4})
        self.assertEqual(self._set_apart(), (0, 4))
        self.assertNotEqual(self._establishment(self.sirets[0]).sirene_fingerprint, before)
        after = self._import(self.rows)
        self.assertEqual(self._counts(after), {"unchanged_count": 4})
        self.assertEqual(self._set_apart(), (4, 0))

    def test_cells_moved_to_another_column_are_another_row(self):
        rows = [establishment_row(self.sirets[0], enseigne1Etablissement="ATELIER")]
        self._import(rows)
        before = self._establishment(self.sirets[0]).sirene_fingerprint
        rows = [
            establishment_row(
                self.sirets[0], enseigne1Etablissement="", enseigne2Etablissement="ATELIER"
            )
        ]
        report = self._import(rows)
        self.assertEqual(self._set_apart(), (0, 1))
        # The same establishment (the same names), with the fingerprint of the new row.
        self.assertEqual(self._counts(report), {"unchanged_count": 1})
        self.assertNotEqual(self._establishment(self.sirets[0]).sirene_fingerprint, before)

    def test_changed_rows_are_checked_and_merged(self):
        self._import(self.rows)
        before = self._establishment(self.sirets[1]).sirene_fingerprint
        rows = list(self.rows)
        rows[1] = establishment_row(self.sirets[1], trancheEffectifsEtablissement="12")
        rows[2] = establishment_row(self.sirets[2], etatAdministratifEtablissement="F")
        rows.append(establishment_row(make_siret(94000099)))
        report = self._import(rows)
        self.assertEqual(
            self._counts(report),
            {"created_count": 1, "updated_count": 1, "closed_count": 1, "unchanged_count": 2},
        )
        self.assertEqual(self._set_apart(), (2, 3))
        changed = self._establishment(self.sirets[1])
        self.assertEqual(changed.headcount_bracket, "12")
        self.assertNotEqual(changed.sirene_fingerprint, before)
        self.assertEqual(self._establishment(self.sirets[2]).state, "closed")
        # The fingerprint followed the change: the new file again is set apart in full.
        self.assertEqual(self._counts(self._import(rows)), {"unchanged_count": 5})
        self.assertEqual(self._set_apart(), (5, 0))

    def test_edited_in_odoo_is_compared_and_restored(self):
        self._import(self.rows)
        edited = self._establishment(self.sirets[0])
        street = edited.street
        edited.write({"street": "1 PLACE DU MARCHE"})
        self.assertFalse(edited.sirene_fingerprint)
        edited.write({"partner_id": self.env["res.partner"].create({"name": "Suivie"}).id})
        report = self._import(self.rows)
        self.assertEqual(self._counts(report), {"updated_count": 1, "unchanged_count": 3})
        self.assertEqual(edited.street, street)
        self.assertTrue(edited.sirene_fingerprint)

    def test_moved_commune_is_compared_again(self):
        """An establishment no longer where its row's commune code places it (moved by hand,
        or by a reference whose code lookup changed) goes through the full comparison."""
        self._import(self.rows)
        moved = self._establishment(self.sirets[0])
        self.env.cr.execute(
            "UPDATE territory_establishment SET commune_id = %s WHERE id = %s",
            [self.besancon.id, moved.id],
        )
        moved.invalidate_recordset()
        report = self._import(self.rows)
        self.assertEqual(self._counts(report), {"updated_count": 1, "unchanged_count": 3})
        self.assertEqual(moved.commune_id, self.russey)

    def test_without_fingerprint_same_data_is_unchanged(self):
        """Establishments imported before fingerprints were kept: the first re-import
        compares them in full, finds them unchanged and gives them their fingerprint."""
        self._import(self.rows)
        self.env.cr.execute(
            "UPDATE territory_establishment SET sirene_fingerprint = NULL WHERE siret = ANY(%s)",
            [self.sirets],
        )
        self.Establishment.invalidate_model()
        report = self._import(self.rows)
        self.assertEqual(self._counts(report), {"unchanged_count": 4})
        self.assertEqual(self._set_apart(), (0, 4))
        self.assertTrue(all(self._establishment(s).sirene_fingerprint for s in self.sirets))
        self.assertEqual(self._counts(self._import(self.rows)), {"unchanged_count": 4})
        self.assertEqual(self._set_apart(), (4, 0))

    def test_outside_the_scope_is_not_unchanged(self):
        self._import(self.rows)
        report = self._import(self.rows, department_codes={"25"})
        self.assertEqual(self._counts(report), {"unchanged_count": 3, "out_of_scope_count": 1})

    def test_a_siret_twice_keeps_the_last_row(self):
        self._import(self.rows)
        first, second = self.sirets[0], self.sirets[1]
        rows = [
            self.rows[0],  # 2: superseded by line 3, the same row
            self.rows[0],  # 3: unchanged
            self.rows[1],  # 4: unchanged but superseded by line 5
            establishment_row(second, trancheEffectifsEtablissement="21"),  # 5: updated
            establishment_row(self.sirets[2], trancheEffectifsEtablissement="22"),  # 6: superseded
            self.rows[2],  # 7: unchanged, the last row of its SIRET
        ]
        report = self._import(rows)
        self.assertEqual(
            self._counts(report),
            {"unchanged_count": 2, "updated_count": 1, "rejected_count": 3},
        )
        self.assertEqual(
            [(r.line, r.reason, r.siret) for r in report.rejection_ids.sorted("line")],
            [
                (2, "duplicate_siret", first),
                (4, "duplicate_siret", second),
                (6, "duplicate_siret", self.sirets[2]),
            ],
        )
        self.assertEqual(self._establishment(second).headcount_bracket, "21")
        self.assertEqual(self._establishment(self.sirets[2]).headcount_bracket, "01")
