import base64
import copy
import csv
import datetime
import io
import os
import shutil
import tempfile
import zipfile

from odoo.exceptions import UserError
from odoo.tools.misc import file_path

from .common import (
    SMALL_REFERENCE,
    TerritoireIndustrieCase,
    TerritoryReferenceCase,
    write_reference,
)

VINTAGES = "territoire_industrie/tests/data"


def vintage_dir(year):
    return file_path(f"{VINTAGES}/cog_{year}")


class TestReferenceVintages(TerritoireIndustrieCase):
    """Two real vintages (COG 2024, COG 2025, see tests/data/README.md) loaded in turn."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = cls.env["territory.reference.loader"]
        cls.loader.load_reference(
            department_codes=["14", "25"], source_dir=vintage_dir(2024), vintage="2024"
        )
        Commune = cls.env["territory.commune"].with_context(active_test=False)
        Epci = cls.env["territory.epci"].with_context(active_test=False)
        cls.communes = {
            c.code: c
            for c in Commune.search(
                [
                    (
                        "code",
                        "in",
                        [
                            "25390",
                            "25303",
                            "25347",
                            "25398",
                            "25620",
                            "25297",
                            "25364",
                            "14011",
                            "14659",
                        ],
                    )
                ]
            )
        }
        cls.epcis = {
            e.siren: e
            for e in Epci.search(
                [
                    (
                        "siren",
                        "in",
                        [
                            "200065589",
                            "200066710",
                            "200069524",
                            "242500320",
                            "242500361",
                        ],
                    )
                ]
            )
        }
        Partner = cls.env["res.partner"]
        cls.sawmill = Partner.create(
            {
                "name": "Scierie du Saugeais",
                "is_company": True,
                "commune_id": cls.communes["25620"].id,
            }
        )
        cls.dairy = Partner.create(
            {
                "name": "Fromagerie d'Aurseulles",
                "is_company": True,
                "commune_id": cls.communes["14011"].id,
            }
        )
        cls.gratteris = Partner.create(
            {
                "name": "Menuiserie du Gratteris",
                "is_company": True,
                "commune_id": cls.communes["25297"].id,
            }
        )
        cls.establishment = cls.env["territory.establishment"].create(
            {
                "siret": "90000000100017",
                "siren": "900000001",
                "legal_unit_name": "FRUITIERE DE LA LONGEVILLE",
                "commune_id": cls.communes["25347"].id,
            }
        )
        cls.industry_cingal = cls.env["territory.industry"].create(
            {
                "code": "ti-9801",
                "name": "Suisse Normande",
                "phase_ids": [
                    (
                        0,
                        0,
                        {
                            "phase": "2",
                            "name": "Suisse Normande",
                            "epci_ids": [(6, 0, cls.epcis["200066710"].ids)],
                        },
                    ),
                ],
            }
        )

    def _load_2025(self, **kwargs):
        return self.loader.load_reference(
            department_codes=["14", "25"], source_dir=vintage_dir(2025), vintage="2025", **kwargs
        )

    def _changes(self, stats):
        return self.env["territory.reference.change"].browse(stats["change_ids"])

    def test_2024_state(self):
        self.assertEqual(self.communes["25390"].name, "Montbenoît")
        self.assertEqual(
            self.communes["14011"].former_ids.mapped("code"),
            ["14267", "14376", "14479", "14526", "14581", "14673", "14695"],
        )
        # Merged into Aurseulles without becoming a commune déléguée (anciensCodes).
        quesnay = self.communes["14011"].former_ids.filtered(lambda f: f.code == "14526")
        self.assertEqual((quesnay.name, quesnay.kind), ("Quesnay-Guesnon", "merged"))
        self.assertEqual(self.sawmill.epci_id, self.epcis["242500320"])
        self.assertIn(self.communes["14659"], self.industry_cingal.commune_ids)

    def test_merger_moves_references(self):
        stats = self._load_2025()
        montbenoit = self.communes["25390"]
        aurseulles = self.env["territory.commune"].search([("code", "=", "14581")])
        # Pays-de-Montbenoît: Montbenoît renamed, four communes merged into it.
        self.assertEqual(montbenoit.name, "Pays-de-Montbenoît")
        self.assertEqual(montbenoit.population, 1923)
        self.assertEqual(self.sawmill.commune_id, montbenoit)
        self.assertEqual(self.establishment.commune_id, montbenoit)
        self.assertEqual(self.establishment.epci_id, self.epcis["242500320"])
        for code in ("25303", "25347", "25398", "25620"):
            old = self.communes[code]
            self.assertFalse(old.active, code)
            self.assertTrue(old.exists(), "archived, never deleted")
            former = self.env["territory.commune.former"].search([("code", "=", code)])
            self.assertEqual(former.kind, "merged")
            self.assertEqual(former.commune_id, montbenoit)
            self.assertEqual(former.date_end, datetime.date(2025, 1, 1))
            self.assertEqual(former.name, old.name)
        # Aurseulles takes the code of one of its communes déléguées: a new commune.
        self.assertEqual(self.dairy.commune_id, aurseulles)
        self.assertEqual(self.dairy.epci_id, self.epcis["200069524"])
        self.assertFalse(self.communes["14011"].active)
        self.assertEqual(
            sorted(aurseulles.former_ids.mapped("code")),
            ["14011", "14267", "14376", "14479", "14526", "14581", "14673", "14695"],
        )
        self.assertEqual(sorted(self.communes["14011"].former_ids.mapped("code")), [])
        # Nothing points at a merged commune any more.
        merged = self.env["territory.commune"].browse(
            [self.communes[c].id for c in ("25303", "25347", "25398", "25620", "25297", "14011")]
        )
        for Model, field in self.loader._commune_reference_fields():
            self.assertFalse(
                Model.with_context(active_test=False).search_count(
                    [(field.name, "in", merged.ids)]
                ),
                f"{Model._name}.{field.name}",
            )
        # Saint-Sylvain changes EPCI: the Territoire d'industrie's communes follow.
        saint_sylvain = self.communes["14659"]
        # Only EPCI with member communes in the scope are loaded: Val ès Dunes comes now.
        val_es_dunes = self.env["territory.epci"].search([("siren", "=", "200065589")])
        self.assertEqual(saint_sylvain.epci_id, val_es_dunes)
        self.assertNotIn(saint_sylvain, self.industry_cingal.commune_ids)
        self.assertEqual(self.epcis["242500320"].name, "CC Entre Doubs et Loue")
        # Le Gratteris merged into Mamirolle without becoming a commune déléguée: the
        # vintage says so in Mamirolle's former codes (anciensCodes).
        mamirolle = self.communes["25364"]
        self.assertFalse(self.communes["25297"].active)
        self.assertEqual(self.gratteris.commune_id, mamirolle)
        self.assertEqual(self.gratteris.epci_id, self.epcis["242500361"])
        gratteris = self.env["territory.commune.former"].search([("code", "=", "25297")])
        self.assertEqual(
            (gratteris.name, gratteris.kind, gratteris.commune_id, gratteris.date_end),
            ("Le Gratteris", "merged", mamirolle, datetime.date(2025, 1, 1)),
        )

        changes = self._changes(stats)
        self.assertEqual(stats["changes"], {"merged": 6, "renamed": 2, "epci_moved": 1, "new": 1})
        by_old = {c.old_commune_id.code: c for c in changes.filtered(lambda c: c.kind == "merged")}
        self.assertEqual(by_old["25620"].commune_id, montbenoit)
        self.assertEqual(by_old["25620"].moved_count, 1)
        self.assertEqual(by_old["25620"].old_value, "Ville-du-Pont (25620)")
        self.assertEqual(by_old["25347"].moved_count, 1)
        self.assertEqual(by_old["14011"].commune_id, aurseulles)
        self.assertEqual(by_old["25398"].moved_count, 0)
        self.assertEqual((by_old["25297"].commune_id, by_old["25297"].moved_count), (mamirolle, 1))
        renamed = changes.filtered(lambda c: c.kind == "renamed")
        self.assertEqual(
            sorted(renamed.mapped("new_value")), ["CC Entre Doubs et Loue", "Pays-de-Montbenoît"]
        )
        moved = changes.filtered(lambda c: c.kind == "epci_moved")
        self.assertEqual(
            (moved.commune_id, moved.old_epci_id, moved.epci_id),
            (saint_sylvain, self.epcis["200066710"], val_es_dunes),
        )
        self.assertEqual(set(changes.mapped("vintage")), {"2025"})
        self.assertEqual(len(set(changes.mapped("load_key"))), 1)

        # Idempotent: loading the same vintage again changes nothing.
        stats = self._load_2025()
        self.assertEqual(stats["changes"], {})
        self.assertFalse(stats["change_ids"])
        for model in ("region", "department", "epci", "commune", "commune_former"):
            self.assertEqual(stats[model]["created"], 0, model)
            self.assertEqual(stats[model]["updated"], 0, model)
            self.assertEqual(stats[model]["archived"], 0, model)
        former = self.env["territory.commune.former"].search([("code", "=", "25620")])
        self.assertEqual((former.kind, former.date_end), ("merged", datetime.date(2025, 1, 1)))

    def test_vanished_commune_is_archived_and_told(self):
        """A vintage that does not say where a commune went (Le Gratteris's row taken
        out): archived, never deleted, what still points at it left and counted."""

        def without_gratteris(directory):
            path = os.path.join(directory, "communes_former.csv")
            with open(path) as handle:
                lines = [line for line in handle if not line.startswith("25297,")]
            with open(path, "w") as handle:
                handle.writelines(lines)

        stats = self.loader.load_reference(
            department_codes=["14", "25"],
            source_dir=self._broken_copy(without_gratteris),
            vintage="2025",
        )
        self.assertEqual(stats["changes"]["archived"], 1)
        self.assertFalse(self.communes["25297"].active)
        self.assertTrue(self.communes["25297"].exists(), "archived, never deleted")
        self.assertEqual(self.gratteris.commune_id, self.communes["25297"])
        archived = self._changes(stats).filtered(lambda c: c.kind == "archived")
        # The partner, and the former code 25297 of the shipped data when the demo loaded
        # it (pointing at the commune 25297 since the 2024 vintage made it current again).
        formers = self.env["territory.commune.former"].search_count(
            [("commune_id", "=", self.communes["25297"].id)]
        )
        self.assertEqual(
            (archived.old_commune_id, archived.moved_count), (self.communes["25297"], 1 + formers)
        )
        self.assertIn("Contact: 1", archived.moved_detail)

    def _broken_copy(self, edit):
        directory = tempfile.mkdtemp(prefix="ti_cog_")
        self.addCleanup(shutil.rmtree, directory)
        shutil.copytree(vintage_dir(2025), directory, dirs_exist_ok=True)
        edit(directory)
        return directory

    def test_bad_vintage_writes_nothing(self):
        def unknown_chef_lieu(directory):
            with open(os.path.join(directory, "communes_former.csv"), "a") as handle:
                handle.write("25999,Commune inconnue,delegated,25998\n")

        def missing_column(directory):
            path = os.path.join(directory, "communes_former.csv")
            with open(path) as handle:
                rows = list(csv.DictReader(handle))
            with open(path, "w") as handle:
                writer = csv.DictWriter(handle, ["code", "name", "kind"], extrasaction="ignore")
                writer.writeheader()
                writer.writerows(rows)

        for edit, message in (
            (unknown_chef_lieu, "25999 refers to the unknown commune 25998"),
            (missing_column, "communes_former lacks the column"),
        ):
            directory = self._broken_copy(edit)
            with self.assertRaisesRegex(UserError, message):
                self.loader.load_reference(department_codes=["14", "25"], source_dir=directory)
            self.env.invalidate_all()
            self.assertEqual(self.sawmill.commune_id, self.communes["25620"], "nothing moved")
            self.assertTrue(self.communes["25620"].active)
            self.assertEqual(self.communes["25390"].name, "Montbenoît")
            self.assertFalse(
                self.env["territory.reference.change"].search([("vintage", "=", "2025")])
            )

    def test_wizard_uploaded_vintage(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in os.listdir(vintage_dir(2025)):
                archive.write(os.path.join(vintage_dir(2025), name), f"cog_2025/{name}")
        wizard = (
            self.env["territory.reference.load.wizard"]
            .with_user(self.ti_manager)
            .create(
                {
                    "source": "upload",
                    "vintage_file": base64.b64encode(buffer.getvalue()),
                    "vintage_filename": "cog_2025.zip",
                    "vintage": "2025",
                    "scope": "departments",
                    "department_codes": "14, 25",
                }
            )
        )
        wizard.action_load()
        self.assertEqual(wizard.state, "done")
        # Aurseulles (14581) is new; Montbenoît renamed, Saint-Sylvain moved, Mamirolle's
        # population counted again.
        self.assertEqual((wizard.commune_created, wizard.commune_updated), (1, 3))
        self.assertEqual(len(wizard.change_ids.filtered(lambda c: c.kind == "merged")), 6)
        self.assertEqual(self.sawmill.commune_id, self.communes["25390"])
        # Read by a user of the addon, not written.
        change = wizard.change_ids[:1].with_user(self.ti_user)
        self.assertTrue(change.read(["kind", "old_value"]))
        wizard.vintage_file = base64.b64encode(b"not a zip")
        wizard.state = "draft"
        with self.assertRaisesRegex(UserError, "zip file"):
            wizard.action_load()


class TestReferencePerimeters(TerritoryReferenceCase):
    """An EPCI that disappears is replaced by its successors in the current perimeters."""

    def test_archived_epci_replaced_in_current_phase(self):
        industry = self.env["territory.industry"].create(
            {
                "code": "ti-9802",
                "name": "Haut-Doubs",
                "phase_ids": [
                    (
                        0,
                        0,
                        {
                            "phase": "1",
                            "name": "Haut-Doubs horloger",
                            "epci_ids": [(6, 0, self.cc_russey.ids)],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "phase": "2",
                            "name": "Haut-Doubs",
                            "epci_ids": [(6, 0, self.cc_russey.ids)],
                        },
                    ),
                ],
            }
        )
        # The CC du Plateau de Russey disappears, Le Russey joins the CC du Val de Morteau.
        newer = copy.deepcopy(SMALL_REFERENCE)
        newer["epci"] = [e for e in newer["epci"] if e["siren"] != "242504355"]
        for commune in newer["communes"]:
            if commune["code"] == "25512":
                commune["epci_siren"] = "242504116"
        directory = tempfile.mkdtemp(prefix="ti_cog_")
        self.addCleanup(shutil.rmtree, directory)
        write_reference(directory, newer)
        stats = self.loader.load_reference(
            department_codes=["25", "61", "72"], source_dir=directory, vintage="2027"
        )
        first, current = industry.with_context(active_test=False).phase_ids.sorted("phase")
        self.assertEqual(current.epci_ids, self.cc_morteau)
        self.assertEqual(first.epci_ids, self.cc_russey, "earlier phases are history")
        self.assertEqual(industry.epci_ids, self.cc_morteau)
        self.assertIn(self.russey, industry.commune_ids)
        changes = self.env["territory.reference.change"].browse(stats["change_ids"])
        # The demo's Territoires d'industrie may hold this EPCI too: look at ours.
        perimeter = changes.filtered(lambda c: c.kind == "perimeter" and c.industry_id == industry)
        self.assertEqual(
            (perimeter.industry_id, perimeter.old_epci_id, perimeter.epci_id),
            (industry, self.cc_russey, self.cc_morteau),
        )
        archived = changes.filtered(lambda c: c.kind == "epci_archived")
        self.assertEqual(archived.new_value, "CC du Val de Morteau")
        self.assertEqual(stats["changes"]["epci_moved"], 1)
        self.assertEqual(stats["changes"]["epci_archived"], 1)
