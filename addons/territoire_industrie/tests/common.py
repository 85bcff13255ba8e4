import csv
import gzip
import os
import shutil
import tempfile
from contextlib import contextmanager

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

# A small découpage administratif, in the format shipped in data/cog (fictional codes in
# the 9x range are avoided: real codes, real names, a few rows).
SMALL_REFERENCE = {
    "regions": [
        {"code": "27", "name": "Bourgogne-Franche-Comté"},
        {"code": "28", "name": "Normandie"},
        {"code": "52", "name": "Pays de la Loire"},
    ],
    "departements": [
        {"code": "25", "name": "Doubs", "region_code": "27"},
        {"code": "61", "name": "Orne", "region_code": "28"},
        {"code": "72", "name": "Sarthe", "region_code": "52"},
    ],
    "epci": [
        {
            "siren": "242504116",
            "name": "CC du Val de Morteau",
            "nature": "CC",
            "population": "21000",
        },
        {
            "siren": "242504355",
            "name": "CC du Plateau de Russey",
            "nature": "CC",
            "population": "9000",
        },
        {"siren": "246100663", "name": "CU d'Alençon", "nature": "CU", "population": "55000"},
    ],
    "communes": [
        {
            "code": "25411",
            "name": "Morteau",
            "department_code": "25",
            "postal_codes": "25500",
            "population": "6953",
            "epci_siren": "242504116",
        },
        {
            "code": "25624",
            "name": "Villers-le-Lac",
            "department_code": "25",
            "postal_codes": "25130",
            "population": "4867",
            "epci_siren": "242504116",
        },
        {
            "code": "25512",
            "name": "Le Russey",
            "department_code": "25",
            "postal_codes": "25210",
            "population": "2599",
            "epci_siren": "242504355",
        },
        {
            "code": "61001",
            "name": "Alençon",
            "department_code": "61",
            "postal_codes": "61000",
            "population": "25490",
            "epci_siren": "246100663",
        },
        {
            "code": "72001",
            "name": "Aillières-Beauvoir",
            "department_code": "72",
            "postal_codes": "72600",
            "population": "250",
            "epci_siren": "246100663",
        },
    ],
}
COLUMNS = {
    "regions": ["code", "name"],
    "departements": ["code", "name", "region_code"],
    "epci": ["siren", "name", "nature", "population"],
    "communes": ["code", "name", "department_code", "postal_codes", "population", "epci_siren"],
    "arrondissements": ["code", "name", "commune_code", "postal_codes"],
    "communes_former": ["code", "name", "kind", "commune_code"],
}


def write_reference(directory, reference, compress=True):
    """Write ``reference`` ({file: [rows]}) as the loader's CSV files into ``directory``."""
    for name, rows in reference.items():
        path = os.path.join(directory, f"{name}.csv" + (".gz" if compress else ""))
        opener = gzip.open if compress else open
        with opener(path, "wt", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS[name])
            writer.writeheader()
            writer.writerows(rows)


class TerritoireIndustrieCase(TransactionCase):
    """One user per role of the addon, built once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, "ti_employee", groups="base.group_user")
        cls.ti_user = new_test_user(
            cls.env, "ti_user", groups="territoire_industrie.territoire_industrie_group_user"
        )
        cls.ti_manager = new_test_user(
            cls.env, "ti_manager", groups="territoire_industrie.territoire_industrie_group_manager"
        )

    @contextmanager
    def assertRaisesRegex(self, expected_exception, expected_regex):
        """Like Odoo's assertRaises: roll back what the failed operation wrote."""
        with (
            super().assertRaisesRegex(expected_exception, expected_regex) as cm,
            self.env.cr.savepoint(),
        ):
            yield cm

    @contextmanager
    def assertRaisesRollback(self, exception, regex):
        """assertRaisesRegex that also rolls back what the failed call wrote."""
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield

    @classmethod
    def _reference(cls, model, key, values):
        """The record with this code if the database has it (demo data loads the official
        reference), else a new one: tests run the same with and without demo data."""
        Model = cls.env[model].with_context(active_test=False)
        return Model.search([(key, "=", values[key])]) or Model.create(values)

    @classmethod
    def _doubs(cls):
        """The Doubs and its région, as the official reference has them."""
        region = cls._reference(
            "territory.region", "code", {"code": "27", "name": "Bourgogne-Franche-Comté"}
        )
        return cls._reference(
            "territory.department", "code", {"code": "25", "name": "Doubs", "region_id": region.id}
        )

    def _more_than_the_table_holds(self):
        """More rows than the establishments (demo data included) and than PostgreSQL's
        estimate of them, which decides a SIRENE import's bulk path: an index build of an
        earlier test's bulk import, rolled back, leaves its count in pg_class."""
        establishments = self.env["territory.establishment"].sudo().search_count([])
        self.env.cr.execute(
            "SELECT reltuples FROM pg_class WHERE oid = 'territory_establishment'::regclass"
        )
        return max(int(self.env.cr.fetchone()[0]), establishments)

    def assertMenuVisible(self, user, xmlid, visible=True):
        menu = self.env.ref(xmlid)
        visible_ids = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        self.assertEqual(menu.id in visible_ids, visible, f"{xmlid} visible to {user.login}")


class TerritoryReferenceCase(TerritoireIndustrieCase):
    """Loads the small reference above (not the demo data) once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source_dir = tempfile.mkdtemp(prefix="ti_cog_")
        cls.addClassCleanup(shutil.rmtree, cls.source_dir)
        write_reference(cls.source_dir, SMALL_REFERENCE)
        cls.loader = cls.env["territory.reference.loader"]
        cls.loader.load_reference(department_codes=["25", "61", "72"], source_dir=cls.source_dir)
        Commune = cls.env["territory.commune"]
        Epci = cls.env["territory.epci"]
        cls.morteau = Commune.search([("code", "=", "25411")])
        cls.villers = Commune.search([("code", "=", "25624")])
        cls.russey = Commune.search([("code", "=", "25512")])
        cls.alencon = Commune.search([("code", "=", "61001")])
        cls.aillieres = Commune.search([("code", "=", "72001")])
        cls.cc_morteau = Epci.search([("siren", "=", "242504116")])
        cls.cc_russey = Epci.search([("siren", "=", "242504355")])
        cls.cu_alencon = Epci.search([("siren", "=", "246100663")])


class ConventionCase(TerritoireIndustrieCase):
    """A convention between an EPCI and a chamber, with one action and its funding."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.epci_partner = Partner.create(
            {"name": "Communauté de communes du Plateau de Russey", "is_company": True}
        )
        cls.cci = Partner.create({"name": "CCI Saône-Doubs", "is_company": True})
        cls.region = Partner.create({"name": "Région Bourgogne-Franche-Comté", "is_company": True})
        cls.signatory = Partner.create(
            {"name": "Claire Martin", "parent_id": cls.cci.id, "function": "Présidente"}
        )
        cls.axis_skills = cls.env.ref("territoire_industrie.territory_action_axis_skills")
        cls.scheme_region = cls.env.ref("territoire_industrie.territory_funding_scheme_region")
        cls.scheme_chamber = cls.env.ref("territoire_industrie.territory_funding_scheme_chamber")
        cls.convention = cls.env["territory.convention"].create(
            {
                "name": "Groupes Entreprises et Territoires 2024-2026",
                "party_ids": [(6, 0, (cls.epci_partner | cls.cci).ids)],
                "signatory_ids": [(6, 0, cls.signatory.ids)],
                "date_start": "2024-01-01",
                "date_end": "2026-12-31",
            }
        )
        cls.action = cls.env["territory.action"].create(
            {
                "convention_id": cls.convention.id,
                "code": "A5",
                "name": "HR club",
                "axis_id": cls.axis_skills.id,
                "pilot_ids": [(6, 0, cls.cci.ids)],
                "user_id": cls.ti_user.id,
                "budget": 20000,
            }
        )
        cls.other_action = cls.env["territory.action"].create(
            {
                "convention_id": cls.convention.id,
                "code": "A9",
                "name": "Job forum 2024",
                "user_id": cls.ti_manager.id,
            }
        )
