from psycopg2.errors import CheckViolation

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ConventionCase


@tagged("post_install", "-at_install")
class TestAction(ConventionCase):
    def test_kanban_shows_every_status_and_axis(self):
        groups = self.env["territory.action"].read_group(
            [("convention_id", "=", self.convention.id)], ["state"], ["state"]
        )
        self.assertEqual(
            [group["state"] for group in groups],
            ["idea", "emerging", "setting_up", "committed", "done", "abandoned"],
        )
        counts = {group["state"]: group["state_count"] for group in groups}
        self.assertEqual(counts["idea"], 2)
        self.assertEqual(counts["done"], 0)
        axes = self.env["territory.action"].read_group(
            [("convention_id", "=", self.convention.id)], ["axis_id"], ["axis_id"]
        )
        axis_ids = {group["axis_id"][0] for group in axes if group["axis_id"]}
        national = self.env["territory.action.axis"].search([("is_national", "=", True)])
        self.assertEqual(len(national), 4)
        self.assertTrue(set(national.ids) <= axis_ids)

    def test_local_axis(self):
        local = self.env["territory.action.axis"].create({"name": "Commerce de proximité"})
        self.action.axis_id = local
        self.assertFalse(local.is_national)

    def test_period_within_convention(self):
        with self.assertRaisesRegex(ValidationError, "within the period of its convention"):
            self.action.date_end = "2027-03-31"
        with self.assertRaisesRegex(ValidationError, "before it starts"):
            self.action.write({"date_start": "2025-06-01", "date_end": "2025-01-01"})
        self.action.write({"date_start": "2024-09-01", "date_end": "2026-06-30"})
        with self.assertRaisesRegex(ValidationError, "must fall between"):
            self.env["territory.action.milestone"].create(
                {"action_id": self.action.id, "name": "First session", "date": "2024-05-01"}
            )
        milestone = self.env["territory.action.milestone"].create(
            {"action_id": self.action.id, "name": "First session", "date": "2024-09-19"}
        )
        self.action.invalidate_recordset(["milestone_ids"])
        self.assertEqual(self.action.milestone_ids, milestone)

    def test_progress_bounds(self):
        with self.assertRaises(CheckViolation), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.action.progress = 120
            self.action.flush_recordset()

    def test_form_by_pilot(self):
        with Form(self.env["territory.action"].with_user(self.ti_user)) as form:
            form.convention_id = self.convention
            form.code = "A7"
            form.name = "Profitability and digitalisation"
            form.axis_id = self.axis_skills
            form.state = "emerging"
        action = form.record
        self.assertEqual(action.user_id, self.ti_user)
        self.assertEqual(action.company_id, self.convention.company_id)
        self.assertEqual(action.display_name, "A7 Profitability and digitalisation")
