import datetime

from odoo.tests import tagged

from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestTerritoryIndicatorVisit(VisitCase):
    """Field visits made feed the convention indicators."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Convention = cls.env["territory.convention"]
        cls.convention, cls.other_convention = Convention.create(
            [
                {
                    "name": "Convention de test 2024-2026",
                    "date_start": "2024-01-01",
                    "date_end": "2026-12-31",
                },
                {
                    "name": "Autre convention",
                    "date_start": "2024-01-01",
                    "date_end": "2026-12-31",
                },
            ]
        )
        cls.indicator = cls.env["territory.indicator"].create(
            {
                "name": "Visites de terrain réalisées",
                "unit": "visites",
                "target": 30,
                "convention_id": cls.convention.id,
                "source": "visits_made",
            }
        )

    def _measure(self):
        return self.indicator._compute_source_visits_made(
            self.convention.date_start, datetime.date(2025, 12, 31)
        )

    def test_indicator_moves_when_a_visit_is_done(self):
        visit = self._visit(convention_id=self.convention.id)
        self._visit(convention_id=self.other_convention.id).action_done()
        self._visit(convention_id=self.convention.id, date_planned="2023-06-01 09:00:00")
        self._visit(convention_id=self.convention.id, state="cancelled")
        self.assertEqual(self._measure(), 0, "planned visits are not made")
        visit.action_done()
        self.assertEqual(self._measure(), 1)
        self.indicator.action_compute_measurement(datetime.date(2025, 12, 31))
        self.assertEqual(self.indicator.last_value, 1)
        # Before the convention started: not counted, even once done.
        self.env["support.visit"].search(
            [("convention_id", "=", self.convention.id), ("date_planned", "<", "2024-01-01")]
        ).action_done()
        self.assertEqual(self._measure(), 1)

    def test_advisor_measures_visits_he_cannot_read(self):
        self._visit(convention_id=self.convention.id, user_id=self.other_advisor.id).action_done()
        indicator = self.indicator.with_user(self.advisor)
        self.assertEqual(
            indicator._compute_source_visits_made(datetime.date(2024, 1, 1), datetime.date.today()),
            1,
        )
        self.assertEqual(
            self.env["support.visit"]
            .with_user(self.advisor)
            .search_count([("convention_id", "=", self.convention.id)]),
            0,
        )
