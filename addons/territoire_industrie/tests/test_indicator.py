from contextlib import contextmanager
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ConventionCase


@tagged("post_install", "-at_install")
class TestIndicator(ConventionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.indicator = cls.env["territory.indicator"].create(
            {
                "action_id": cls.action.id,
                "name": "Companies at the HR club",
                "unit": "companies",
                "target": 40,
                "measurement_ids": [
                    (0, 0, {"date": "2024-12-31", "value": 12}),
                    (0, 0, {"date": "2025-06-30", "value": 19}),
                    (0, 0, {"date": "2024-06-30", "value": 5}),
                ],
            }
        )

    @contextmanager
    def _extra_source(self, field, value, label):
        """Stand-in for ``selection_add=[(value, label)]`` in another addon."""
        selection = [*field.selection, (value, label)]
        with (
            patch.object(field, "selection", selection),
            patch.object(field, "_selection", dict(selection)),
        ):
            yield

    def test_actual_versus_target_and_previous(self):
        indicator = self.indicator
        self.assertEqual(indicator.convention_id, self.convention)
        self.assertEqual(str(indicator.last_date), "2025-06-30")
        self.assertEqual(indicator.last_value, 19)
        self.assertEqual(indicator.previous_value, 12)
        self.assertEqual(indicator.variation, 7)
        self.assertAlmostEqual(indicator.achievement, 47.5)
        self.env["territory.indicator.measurement"].create(
            {"indicator_id": indicator.id, "date": "2025-12-31", "value": 44}
        )
        self.assertEqual(indicator.previous_value, 19)
        self.assertAlmostEqual(indicator.achievement, 110.0)

    def test_indicator_needs_owner(self):
        with self.assertRaisesRegex(ValidationError, "must belong to an action or a convention"):
            self.env["territory.indicator"].create({"name": "Orphan", "unit": "companies"})

    def test_manual_indicator_cannot_be_computed(self):
        with self.assertRaisesRegex(UserError, "typed in"):
            self.indicator.action_compute_measurement()

    @freeze_time("2025-07-01")
    def test_committed_actions_source(self):
        indicator = self.env["territory.indicator"].create(
            {
                "convention_id": self.convention.id,
                "name": "Committed actions",
                "unit": "actions",
                "target": 2,
                "source": "committed_actions",
            }
        )
        self.action.state = "committed"
        measurement = indicator.action_compute_measurement()
        self.assertEqual(str(measurement.date), "2025-07-01")
        self.assertEqual(measurement.value, 1)
        self.other_action.write({"state": "done", "date_start": "2025-09-01"})
        # Started after the measured date: not counted yet.
        self.assertEqual(indicator.action_compute_measurement("2025-08-01").value, 1)
        self.assertEqual(indicator.action_compute_measurement("2025-10-01").value, 2)
        self.assertEqual(indicator.last_value, 2)
        self.assertEqual(indicator.previous_value, 1)
        self.assertAlmostEqual(indicator.achievement, 100.0)

    @freeze_time("2025-07-01")
    def test_measured_twice_the_same_day_updates_that_day(self):
        indicator = self.env["territory.indicator"].create(
            {
                "convention_id": self.convention.id,
                "name": "Committed actions",
                "unit": "actions",
                "source": "committed_actions",
            }
        )
        self.action.state = "committed"
        first = indicator.action_compute_measurement()
        self.other_action.write({"state": "committed", "date_start": "2025-06-01"})
        again = indicator.action_compute_measurement()
        self.assertEqual(again, first)
        self.assertEqual((again.value, len(indicator.measurement_ids)), (2, 1))

    def test_convention_parties_source(self):
        indicator = self.env["territory.indicator"].create(
            {
                "convention_id": self.convention.id,
                "name": "Organisations involved",
                "unit": "organisations",
                "source": "convention_parties",
            }
        )
        self.other_action.partner_ids = self.region
        self.assertEqual(indicator.action_compute_measurement("2025-01-01").value, 3)

    def test_another_addon_plugs_a_source(self):
        """What forum_emploi does with selection_add and _compute_source_forum_attendees."""
        Indicator = self.env.registry["territory.indicator"]
        field = Indicator._fields["source"]
        calls = []

        def _compute_source_forum_attendees(indicator, date_from, date_to):
            calls.append((indicator, date_from, date_to))
            return 312

        with (
            self._extra_source(field, "forum_attendees", "Forum attendees"),
            patch.object(
                Indicator,
                "_compute_source_forum_attendees",
                _compute_source_forum_attendees,
                create=True,
            ),
        ):
            indicator = self.env["territory.indicator"].create(
                {
                    "action_id": self.other_action.id,
                    "name": "Forum attendees",
                    "unit": "people",
                    "target": 300,
                    "source": "forum_attendees",
                }
            )
            measurement = indicator.action_compute_measurement("2024-10-15")
        self.assertEqual(measurement.value, 312)
        self.assertEqual(calls, [(indicator, self.convention.date_start, date(2024, 10, 15))])
        self.assertAlmostEqual(indicator.achievement, 104.0)

    def test_unknown_source_is_reported(self):
        indicator = self.indicator
        field = self.env.registry["territory.indicator"]._fields["source"]
        with self._extra_source(field, "audits", "Audits"):
            indicator.source = "audits"
            with self.assertRaisesRegex(UserError, "No computation is installed"):
                indicator.action_compute_measurement()
