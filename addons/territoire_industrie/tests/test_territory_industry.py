from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from .common import TerritoryReferenceCase


class TestTerritoryIndustry(TerritoryReferenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.cci = Partner.create({"name": "CCI Saône-Doubs", "is_company": True})
        cls.elected_a = Partner.create({"name": "Élu A"})
        cls.elected_b = Partner.create({"name": "Élu B"})
        cls.industrial_a = Partner.create({"name": "Industriel A"})
        cls.industrial_b = Partner.create({"name": "Industriel B"})
        cls.industry = cls.env["territory.industry"].create(
            {
                "code": "ti-9001",
                "name": "Alliances Luxe & Précision Doubs",
                "phase_ids": [
                    (
                        0,
                        0,
                        {
                            "phase": "1",
                            "name": "Haut-Doubs Horloger",
                            "epci_ids": [(6, 0, cls.cc_morteau.ids)],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "phase": "2",
                            "name": "Alliances Luxe & Précision Doubs",
                            "epci_ids": [(6, 0, (cls.cc_morteau | cls.cc_russey).ids)],
                        },
                    ),
                ],
            }
        )

    def test_current_perimeter_follows_latest_phase(self):
        self.assertEqual(self.industry.current_phase_id.phase, "2")
        self.assertEqual(self.industry.epci_ids, self.cc_morteau | self.cc_russey)
        self.assertEqual(self.industry.epci_count, 2)
        self.assertEqual(self.industry.commune_ids, self.morteau | self.villers | self.russey)
        self.assertEqual(self.industry.commune_count, 3)
        self.assertEqual(self.industry.region_ids.code, "27")
        phase_1 = self.industry.phase_ids.filtered(lambda p: p.phase == "1")
        self.assertEqual(phase_1.name, "Haut-Doubs Horloger")
        self.assertEqual(phase_1.epci_ids, self.cc_morteau)
        # Enlarging the latest phase enlarges the current perimeter.
        self.industry.current_phase_id.epci_ids = [(4, self.cu_alencon.id)]
        self.assertIn(self.cu_alencon, self.industry.epci_ids)
        self.assertIn(self.industry, self.cu_alencon.industry_ids)
        # Search by commune.
        found = self.env["territory.industry"].search([("commune_ids", "in", self.russey.ids)])
        self.assertIn(self.industry, found)
        found = self.env["territory.industry"].search([("commune_ids", "in", self.aillieres.ids)])
        self.assertIn(self.industry, found)
        self.industry.current_phase_id.epci_ids = [(3, self.cu_alencon.id)]
        found = self.env["territory.industry"].search([("commune_ids", "in", self.aillieres.ids)])
        self.assertNotIn(self.industry, found)

    def test_smart_buttons(self):
        action = self.industry.action_open_communes()
        self.assertEqual(action["res_model"], "territory.commune")
        self.assertEqual(
            self.env["territory.commune"].search(action["domain"]), self.industry.commune_ids
        )
        action = self.industry.action_open_epcis()
        self.assertEqual(
            self.env["territory.epci"].search(action["domain"]), self.industry.epci_ids
        )

    def test_found_by_its_former_name(self):
        # An advisor choosing a scope types the name the territory had in phase 1.
        Industry = self.env["territory.industry"].with_user(self.ti_user)
        for typed in ("Haut-Doubs", "Luxe & Précision", "ti-9001"):
            with self.subTest(typed=typed):
                found = [row[0] for row in Industry.name_search(typed)]
                self.assertIn(self.industry.id, found)
        self.assertNotIn(self.industry.id, [row[0] for row in Industry.name_search("Alençon")])

    def test_code_validation(self):
        for bad in ("TI-9002", "ti-92", "ti-90021", "9002", "ti_9002"):
            with self.subTest(code=bad), self.assertRaisesRollback(ValidationError, "ti-8418"):
                self.env["territory.industry"].create({"code": bad, "name": "Bad"})
        # Odoo's assertRaises rolls back to a savepoint.
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["territory.industry"].create({"code": "ti-9001", "name": "Twice"})

    def test_form_creates_territory_with_phase(self):
        with Form(self.env["territory.industry"].with_user(self.ti_manager)) as form:
            form.code = "ti-9003"
            form.name = "Territoire d'industrie Alençon"
            with form.phase_ids.new() as phase:
                phase.phase = "2"
                phase.name = "Territoire d'industrie Alençon"
                phase.epci_ids.add(self.cu_alencon)
        industry = form.record
        self.assertEqual(industry.epci_ids, self.cu_alencon)
        self.assertEqual(industry.commune_ids, self.alencon | self.aillieres)

    def test_unique_role_overlap(self):
        Governance = self.env["territory.industry.governance"]
        Governance.create(
            {
                "industry_id": self.industry.id,
                "role": "elected_referent",
                "partner_id": self.elected_a.id,
                "date_start": "2019-01-01",
                "date_end": "2023-06-30",
            }
        )
        with self.assertRaisesRollback(
            ValidationError, "role Elected Referent of .* is already held by Élu A"
        ):
            Governance.create(
                {
                    "industry_id": self.industry.id,
                    "role": "elected_referent",
                    "partner_id": self.elected_b.id,
                    "date_start": "2023-01-01",
                }
            )
        # Successive terms are fine.
        Governance.create(
            {
                "industry_id": self.industry.id,
                "role": "elected_referent",
                "partner_id": self.elected_b.id,
                "date_start": "2023-07-01",
            }
        )
        # Several industrial referents at once are allowed.
        Governance.create(
            [
                {
                    "industry_id": self.industry.id,
                    "role": "industrial_referent",
                    "partner_id": partner.id,
                    "date_start": "2023-07-01",
                }
                for partner in (self.industrial_a, self.industrial_b)
            ]
        )
        self.assertEqual(len(self.industry.governance_ids), 4)
        # Two open-ended animators created together collide too.
        with self.assertRaises(ValidationError):
            Governance.create(
                [
                    {"industry_id": self.industry.id, "role": "animator", "partner_id": p.id}
                    for p in (self.cci, self.elected_a)
                ]
            )

    def test_governance_dates(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["territory.industry.governance"].create(
                {
                    "industry_id": self.industry.id,
                    "role": "state",
                    "partner_id": self.cci.id,
                    "date_start": "2024-01-01",
                    "date_end": "2023-01-01",
                }
            )

    def test_access_per_role(self):
        self.env["territory.industry.governance"].create(
            {"industry_id": self.industry.id, "role": "state", "partner_id": self.cci.id}
        )
        for model in (
            "territory.industry",
            "territory.industry.phase",
            "territory.industry.governance",
            "territory.region",
            "territory.department",
            "territory.epci",
            "territory.commune",
        ):
            with self.subTest(model=model):
                records = self.env[model].search([], limit=1)
                self.assertTrue(records)
                # A user reads, the manager reads and writes, an employee sees nothing.
                records.with_user(self.ti_user).read(["display_name"])
                records.with_user(self.ti_manager).check_access("write")
                with self.assertRaises(AccessError):
                    records.with_user(self.ti_user).check_access("write")
                with self.assertRaises(AccessError):
                    self.env[model].with_user(self.ti_user).check_access("create")
                with self.assertRaises(AccessError):
                    records.with_user(self.employee).read(["display_name"])
        self.industry.with_user(self.ti_manager).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.industry.with_user(self.ti_user).write({"name": "Renamed again"})
