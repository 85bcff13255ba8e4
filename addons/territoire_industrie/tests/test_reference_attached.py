import copy
import csv
import gzip
import io
import shutil
import tempfile

from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import file_path

from .common import SMALL_REFERENCE, TerritoryReferenceCase, write_reference
from .sirene_files import ESTABLISHMENT_HEADER, establishment_row, make_siret, to_csv

# Alençon keeps two former codes; Morteau has an arrondissement only for the test's sake
# (real ones are those of Paris, Lyon and Marseille, loaded from the shipped files below).
ATTACHED_REFERENCE = dict(
    copy.deepcopy(SMALL_REFERENCE),
    arrondissements=[
        {
            "code": "25901",
            "name": "Morteau Centre",
            "commune_code": "25411",
            "postal_codes": "25500",
        },
    ],
    communes_former=[
        {
            "code": "61165",
            "name": "Condé-sur-Sarthe",
            "kind": "associated",
            "commune_code": "61001",
        },
        {"code": "72002", "name": "Beauvoir", "kind": "delegated", "commune_code": "72001"},
    ],
)


class TestReferenceAttached(TerritoryReferenceCase):
    """Arrondissements municipaux and former communes loaded with the reference."""

    def _load(self, reference, departments=("25", "61", "72")):
        directory = tempfile.mkdtemp(prefix="ti_cog_")
        self.addCleanup(shutil.rmtree, directory)
        write_reference(directory, reference)
        return self.loader.load_reference(
            department_codes=list(departments) if departments else None, source_dir=directory
        )

    def test_loaded_and_idempotent(self):
        stats = self._load(ATTACHED_REFERENCE)
        self.assertEqual(stats["arrondissement"]["created"], 1)
        self.assertEqual(stats["commune_former"]["created"], 2)
        self.assertEqual(self.morteau.arrondissement_ids.code, "25901")
        self.assertEqual(self.morteau.arrondissement_ids.postal_codes, "25500")
        former = self.alencon.former_ids
        self.assertEqual(
            (former.code, former.kind, former.name), ("61165", "associated", "Condé-sur-Sarthe")
        )
        self.assertEqual(self.aillieres.former_ids.kind, "delegated")
        stats = self._load(ATTACHED_REFERENCE)
        for model in ("arrondissement", "commune_former"):
            self.assertEqual(stats[model]["created"], 0, model)
            self.assertEqual(stats[model]["updated"], 0, model)
        changed = copy.deepcopy(ATTACHED_REFERENCE)
        changed["communes_former"][1]["commune_code"] = "61001"
        stats = self._load(changed)
        self.assertEqual(stats["commune_former"]["updated"], 1)
        self.assertEqual(self.alencon.former_ids.mapped("code"), ["61165", "72002"])
        # A vintage without these files leaves them as they are.
        stats = self._load(SMALL_REFERENCE)
        self.assertEqual(
            stats["commune_former"], {"created": 0, "updated": 0, "archived": 0, "unchanged": 0}
        )
        self.assertEqual(len(self.alencon.former_ids), 2)

    def test_scope_skips_other_departments(self):
        stats = self._load(ATTACHED_REFERENCE, departments=["25"])
        self.assertEqual(stats["arrondissement"]["created"], 1)
        self.assertEqual(stats["commune_former"]["created"], 0)

    def test_bad_input_writes_nothing(self):
        broken = copy.deepcopy(ATTACHED_REFERENCE)
        broken["communes"][0]["population"] = "7100"
        broken["communes_former"][0]["commune_code"] = "61999"
        with self.assertRaisesRegex(UserError, "61165 refers to the unknown commune 61999"):
            self._load(broken)
        self.env.invalidate_all()
        self.assertEqual(self.morteau.population, 6953, "nothing half-written")
        self.assertFalse(self.env["territory.commune.former"].search([("code", "=", "72002")]))
        broken = copy.deepcopy(ATTACHED_REFERENCE)
        broken["communes_former"][0]["kind"] = "ancient"
        with self.assertRaisesRegex(UserError, "unknown kind ancient"):
            self._load(broken)

    def test_missing_column_is_refused(self):
        directory = tempfile.mkdtemp(prefix="ti_cog_")
        self.addCleanup(shutil.rmtree, directory)
        write_reference(directory, SMALL_REFERENCE)
        with gzip.open(f"{directory}/arrondissements.csv.gz", "wt", encoding="utf-8") as handle:
            handle.write("code,name,postal_codes\n75115,Paris 15e Arrondissement,75015\n")
        with self.assertRaisesRegex(UserError, "arrondissements lacks the column"):
            self.loader.load_reference(department_codes=["25"], source_dir=directory)

    def test_shipped_files(self):
        """Paris and its 20 arrondissements, and the former codes, from the shipped data."""
        with gzip.open(
            file_path("territoire_industrie/data/cog/communes_former.csv.gz"), "rt"
        ) as f:
            formers = list(csv.DictReader(f))
        self.assertGreater(len(formers), 4200)
        self.assertEqual(
            {row["kind"] for row in formers}, {"delegated", "associated", "merged", "renumbered"}
        )
        by_code = {row["code"]: row for row in formers}
        self.assertEqual(len(by_code), len(formers), "each code once")
        # Merged in 2025 without becoming a commune déléguée: in Mamirolle's anciensCodes.
        self.assertEqual(
            by_code["25297"],
            {"code": "25297", "name": "Le Gratteris", "kind": "merged", "commune_code": "25364"},
        )
        # Sèvres had the code of the Seine-et-Oise until 1968.
        self.assertEqual(by_code["78596"]["commune_code"], "92072")
        self.assertEqual(by_code["78596"]["kind"], "renumbered")
        stats = self.loader.load_reference(department_codes=["75", "69"])
        self.assertEqual(
            stats["arrondissement"]["created"]
            + stats["arrondissement"]["updated"]
            + stats["arrondissement"]["unchanged"],
            29,
        )
        paris_15 = self.env["territory.arrondissement"].search([("code", "=", "75115")])
        self.assertEqual(paris_15.name, "Paris 15e Arrondissement")
        self.assertEqual(paris_15.commune_id.code, "75056")
        self.assertEqual(paris_15.postal_codes, "75015")
        self.assertEqual(len(paris_15.commune_id.arrondissement_ids), 20)
        # The Rhône's communes déléguées and associées point at its current communes.
        former = self.env["territory.commune.former"].search(
            [("commune_id.department_id.code", "=", "69")]
        )
        self.assertTrue(former)
        self.assertTrue(all(f.commune_id.active for f in former))

    def test_shipped_former_codes_place_sirene_rows(self):
        """SIRENE keeps old codes on old establishments: a commune merged without becoming
        a commune déléguée (Le Gratteris, 2025) finds its commune as a déléguée does."""
        self.loader.load_reference(department_codes=["25"])
        gratteris, ville_du_pont = make_siret(93100001), make_siret(93100002)
        rows = [
            establishment_row(gratteris, commune="25297", etatAdministratifEtablissement="F"),
            establishment_row(ville_du_pont, commune="25620"),
        ]
        report = self.env["territory.sirene.import"]._import_file(
            io.BytesIO(to_csv(ESTABLISHMENT_HEADER, rows)),
            "StockEtablissement.csv",
            "establishment",
        )
        self.assertEqual((report.created_count, report.rejected_count), (2, 0))
        placed = {
            e.siret: e.commune_id.code
            for e in self.env["territory.establishment"].search(
                [("siret", "in", [gratteris, ville_du_pont])]
            )
        }
        self.assertEqual(placed, {gratteris: "25364", ville_du_pont: "25390"})

    def test_access_per_role(self):
        self._load(ATTACHED_REFERENCE)
        for model in ("territory.arrondissement", "territory.commune.former"):
            records = self.env[model].search([("code", "in", ("25901", "61165"))])
            self.assertTrue(records.with_user(self.ti_user).read(["code", "commune_id"]))
            with self.assertRaises(AccessError):
                records.with_user(self.ti_user).write({"name": "Renamed"})
            with self.assertRaises(AccessError):
                records.with_user(self.employee).read(["code"])
            records.with_user(self.ti_manager).write({"name": "Renamed"})
            self.assertEqual(set(records.mapped("name")), {"Renamed"})
        self.assertMenuVisible(
            self.ti_user, "territoire_industrie.territoire_industrie_menu_arrondissement"
        )
        self.assertMenuVisible(
            self.ti_user, "territoire_industrie.territoire_industrie_menu_commune_former"
        )
