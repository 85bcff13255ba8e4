from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ConventionCase


@tagged("post_install", "-at_install")
class TestConventionSecurity(ConventionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.indicator = cls.env["territory.indicator"].create(
            {"action_id": cls.action.id, "name": "Members", "unit": "companies", "target": 30}
        )
        cls.other_indicator = cls.env["territory.indicator"].create(
            {"action_id": cls.other_action.id, "name": "Visitors", "unit": "people"}
        )

    def test_employee_sees_nothing(self):
        for model in (
            "territory.convention",
            "territory.action",
            "territory.funding.line",
            "territory.indicator",
            "territory.indicator.measurement",
            "territory.action.axis",
            "territory.funding.scheme",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.employee).search([])

    def test_user_reads_everything_edits_own_actions(self):
        convention = self.convention.with_user(self.ti_user)
        self.assertEqual(convention.action_ids, self.action | self.other_action)
        with self.assertRaises(AccessError):
            convention.name = "Renamed"
        with self.assertRaises(AccessError):
            self.env["territory.convention"].with_user(self.ti_user).create(
                {
                    "name": "New",
                    "party_ids": [(6, 0, (self.cci | self.region).ids)],
                    "date_start": "2025-01-01",
                    "date_end": "2025-12-31",
                }
            )
        # Their own action: edit, add milestones, indicators and measurements.
        own = self.action.with_user(self.ti_user)
        own.write({"progress": 40, "state": "committed"})
        self.env["territory.action.milestone"].with_user(self.ti_user).create(
            {"action_id": own.id, "name": "Kick-off", "date": "2024-09-19"}
        )
        self.env["territory.indicator.measurement"].with_user(self.ti_user).create(
            {"indicator_id": self.indicator.id, "date": "2024-12-31", "value": 11}
        )
        self.assertEqual(self.indicator.last_value, 11)
        # Someone else's action: read only.
        other = self.other_action.with_user(self.ti_user)
        self.assertEqual(other.name, "Job forum 2024")
        with self.assertRaises(AccessError):
            other.progress = 10
        with self.assertRaises(AccessError):
            self.env["territory.indicator.measurement"].with_user(self.ti_user).create(
                {"indicator_id": self.other_indicator.id, "date": "2024-12-31", "value": 1}
            )
        with self.assertRaises(AccessError):
            self.env["territory.action"].with_user(self.ti_user).create(
                {
                    "convention_id": self.convention.id,
                    "name": "For someone else",
                    "user_id": self.ti_manager.id,
                }
            )
        with self.assertRaises(AccessError):
            own.unlink()

    def test_user_cannot_change_configuration(self):
        axis = self.axis_skills.with_user(self.ti_user)
        self.assertTrue(axis.name)
        with self.assertRaises(AccessError):
            axis.name = "Other"
        with self.assertRaises(AccessError):
            self.env["territory.funding.scheme"].with_user(self.ti_user).create({"name": "X"})

    def test_manager_edits_everything(self):
        convention = self.convention.with_user(self.ti_manager)
        convention.name = "Renamed by the manager"
        self.other_action.with_user(self.ti_manager).progress = 80
        self.action.with_user(self.ti_manager).user_id = self.ti_manager
        self.env["territory.action.axis"].with_user(self.ti_manager).create({"name": "Tourisme"})
        self.other_action.with_user(self.ti_manager).unlink()
        self.assertFalse(self.other_action.exists())

    def test_other_company_is_hidden(self):
        other_company = self.env["res.company"].create({"name": "Autre structure"})
        hidden = self.convention.copy(
            {"company_id": other_company.id, "date_start": "2027-01-01", "date_end": "2027-12-31"}
        )
        visible = self.env["territory.convention"].with_user(self.ti_manager).search([])
        self.assertIn(self.convention, visible)
        self.assertNotIn(hidden, visible)
