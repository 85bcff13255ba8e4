import copy
import os
import shutil
import tempfile

from odoo.exceptions import AccessError, UserError

from .common import SMALL_REFERENCE, TerritoryReferenceCase, write_reference


class TestReferenceLoader(TerritoryReferenceCase):
    def _load(self, reference, departments=("25", "61", "72"), compress=True):
        directory = tempfile.mkdtemp(prefix="ti_cog_")
        self.addCleanup(shutil.rmtree, directory)
        write_reference(directory, reference, compress=compress)
        return self.loader.load_reference(
            department_codes=list(departments) if departments else None,
            source_dir=directory,
        )

    def test_loaded_values(self):
        self.assertEqual(self.morteau.name, "Morteau")
        self.assertEqual(self.morteau.postal_codes, "25500")
        self.assertEqual(self.morteau.population, 6953)
        self.assertEqual(self.morteau.department_id.code, "25")
        self.assertEqual(self.morteau.region_id.name, "Bourgogne-Franche-Comté")
        self.assertEqual(self.morteau.epci_id, self.cc_morteau)
        self.assertEqual(self.cc_morteau.nature, "CC")
        self.assertEqual(self.cc_morteau.population, 21000)
        self.assertEqual(self.cc_morteau.commune_ids, self.morteau | self.villers)
        # An EPCI spanning two départements keeps communes of both.
        self.assertEqual(self.cu_alencon.commune_ids, self.alencon | self.aillieres)
        self.assertEqual(
            sorted(self.cu_alencon.commune_ids.department_id.mapped("code")), ["61", "72"]
        )

    def test_second_run_writes_nothing(self):
        stats = self._load(SMALL_REFERENCE)
        for model in ("region", "department", "epci", "commune"):
            self.assertEqual(stats[model]["created"], 0, model)
            self.assertEqual(stats[model]["updated"], 0, model)
            self.assertEqual(stats[model]["archived"], 0, model)
        self.assertEqual(stats["commune"]["unchanged"], 5)
        # Plain CSV files are read as well as gzipped ones.
        stats = self._load(SMALL_REFERENCE, compress=False)
        self.assertEqual(stats["commune"]["updated"], 0)

    def test_second_run_is_batched(self):
        """A re-run without changes costs a fixed number of queries, not one per row."""
        self.env.flush_all()
        self.env.invalidate_all()
        directory = tempfile.mkdtemp(prefix="ti_cog_")
        self.addCleanup(shutil.rmtree, directory)
        write_reference(directory, SMALL_REFERENCE)
        with self.assertQueryCount(12):
            self.loader.load_reference(department_codes=["25", "61", "72"], source_dir=directory)
        bigger = copy.deepcopy(SMALL_REFERENCE)
        bigger["communes"] += [
            {
                "code": f"25{n:03d}",
                "name": f"Commune {n}",
                "department_code": "25",
                "postal_codes": "25000",
                "population": str(n),
                "epci_siren": "242504355",
            }
            for n in range(700, 760)
        ]
        write_reference(directory, bigger)
        self.loader.load_reference(department_codes=["25"], source_dir=directory)
        self.env.flush_all()
        self.env.invalidate_all()
        # 60 more communes, the same number of queries.
        with self.assertQueryCount(12):
            self.loader.load_reference(department_codes=["25"], source_dir=directory)

    def test_newer_file_archives_and_updates(self):
        partner = self.env["res.partner"].create(
            {"name": "Horlogerie Dubois", "is_company": True, "commune_id": self.villers.id}
        )
        newer = copy.deepcopy(SMALL_REFERENCE)
        # Villers-le-Lac disappears (merged), Le Russey joins the CC du Val de Morteau,
        # the CC du Plateau de Russey disappears, Morteau's population changes.
        newer["communes"] = [c for c in newer["communes"] if c["code"] != "25624"]
        for commune in newer["communes"]:
            if commune["code"] == "25512":
                commune["epci_siren"] = "242504116"
            if commune["code"] == "25411":
                commune["population"] = "7000"
        newer["epci"] = [e for e in newer["epci"] if e["siren"] != "242504355"]
        stats = self._load(newer)
        self.assertEqual(stats["commune"]["archived"], 1)
        self.assertEqual(stats["commune"]["updated"], 2)
        self.assertEqual(stats["epci"]["archived"], 1)
        self.assertFalse(self.villers.active)
        self.assertTrue(self.villers.exists(), "archived, never deleted")
        self.assertFalse(self.cc_russey.active)
        self.assertEqual(self.russey.epci_id, self.cc_morteau)
        self.assertEqual(self.morteau.population, 7000)
        # Records pointing to the archived commune keep working.
        self.assertEqual(partner.commune_id, self.villers)
        self.assertEqual(partner.epci_id, self.cc_morteau)
        self.assertEqual(
            self.env["res.partner"].search([("commune_id", "=", self.villers.id)]), partner
        )
        # It comes back when a later file lists it again.
        stats = self._load(SMALL_REFERENCE)
        self.assertTrue(self.villers.active)
        self.assertTrue(self.cc_russey.active)
        self.assertEqual(self.russey.epci_id, self.cc_russey)

    def test_scope_keeps_other_departments(self):
        only_doubs = copy.deepcopy(SMALL_REFERENCE)
        only_doubs["communes"] = [c for c in only_doubs["communes"] if c["code"] != "61001"]
        # Alençon is absent from the file but out of the chosen scope: left alone.
        stats = self._load(only_doubs, departments=["25"])
        self.assertEqual(stats["commune"]["archived"], 0)
        self.assertTrue(self.alencon.active)
        stats = self._load(only_doubs, departments=["61"])
        self.assertEqual(stats["commune"]["archived"], 1)
        self.assertFalse(self.alencon.active)

    def test_bad_input_writes_nothing(self):
        with self.assertRaisesRegex(UserError, "Unknown département code"):
            self._load(SMALL_REFERENCE, departments=["99"])
        broken = copy.deepcopy(SMALL_REFERENCE)
        # The EPCI are written before the communes; the bad commune row comes after.
        broken["epci"][0]["name"] = "CC renamed"
        broken["regions"][0]["name"] = "Région renamed"
        broken["communes"][-1]["population"] = "many"
        with self.assertRaisesRegex(UserError, "Invalid population many for 72001"):
            self._load(broken)
        self.env.invalidate_all()
        self.assertEqual(self.cc_morteau.name, "CC du Val de Morteau", "nothing half-written")
        self.assertEqual(self.morteau.region_id.name, "Bourgogne-Franche-Comté")
        broken = copy.deepcopy(SMALL_REFERENCE)
        broken["communes"][1]["epci_siren"] = "200000000"
        with self.assertRaisesRegex(UserError, "unknown EPCI 200000000"):
            self._load(broken)
        directory = tempfile.mkdtemp(prefix="ti_cog_")
        self.addCleanup(shutil.rmtree, directory)
        write_reference(directory, SMALL_REFERENCE)
        os.remove(os.path.join(directory, "epci.csv.gz"))
        with self.assertRaisesRegex(UserError, "epci.csv"):
            self.loader.load_reference(source_dir=directory)

    def test_shipped_files_are_readable(self):
        data = self.loader._read_source()
        self.assertGreater(len(data["communes"]), 34000)
        self.assertGreater(len(data["epci"]), 1200)
        self.assertEqual(len(data["regions"]), 26)
        codes = {row["code"] for row in data["communes"]}
        # Current communes only: Paris is one commune, its arrondissements are not loaded.
        self.assertIn("75056", codes)
        self.assertNotIn("75101", codes)

    def test_wizard_manager_only(self):
        Wizard = self.env["territory.reference.load.wizard"]
        with self.assertRaises(AccessError):
            Wizard.with_user(self.ti_user).create({"scope": "all"})
        wizard = Wizard.with_user(self.ti_manager).create(
            {"scope": "departments", "department_codes": "25 61, 72"}
        )
        self.assertEqual(wizard._department_code_list(), ["25", "61", "72"])
        wizard.department_codes = ""
        with self.assertRaisesRegex(UserError, "at least one département"):
            wizard.action_load()
        # The loader itself refuses a user who may not write the reference data.
        newer = copy.deepcopy(SMALL_REFERENCE)
        newer["communes"][0]["population"] = "7001"
        directory = tempfile.mkdtemp(prefix="ti_cog_")
        self.addCleanup(shutil.rmtree, directory)
        write_reference(directory, newer)
        with self.assertRaises(AccessError):
            self.loader.with_user(self.ti_user).load_reference(
                department_codes=["25"], source_dir=directory
            )

    def test_wizard_loads_shipped_department(self):
        wizard = (
            self.env["territory.reference.load.wizard"]
            .with_user(self.ti_manager)
            .create({"scope": "departments", "department_codes": "25"})
        )
        wizard.action_load()
        self.assertEqual(wizard.state, "done")
        # Created without demo data, re-activated (archived by the small file) with it.
        self.assertGreater(wizard.commune_created + wizard.commune_updated, 500)
        self.assertEqual(self.morteau.population, 6953)
        self.assertEqual(self.morteau.postal_codes, "25500")
        besancon = self.env["territory.commune"].search([("code", "=", "25056")])
        self.assertEqual(besancon.epci_id.siren, "242500361")
        self.assertEqual(besancon.epci_id.nature, "CU")
