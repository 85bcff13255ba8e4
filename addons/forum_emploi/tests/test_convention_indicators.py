import datetime

from odoo.tests import tagged

from .common import ForumDataCase


@tagged("post_install", "-at_install")
class TestConventionIndicators(ForumDataCase):
    """Forum attendance and hires feed the convention indicators of territoire_industrie."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        parties = Partner.create(
            [
                {"name": "Communauté de communes du Plateau de Russey", "is_company": True},
                {"name": "CCI Saône-Doubs", "is_company": True},
            ]
        )
        cls.convention = cls.env["territory.convention"].create(
            {
                "name": "Groupes Entreprises et Territoires 2024-2026",
                "party_ids": [(6, 0, parties.ids)],
                "date_start": "2024-01-01",
                "date_end": "2026-12-31",
            }
        )
        cls.forum.convention_id = cls.convention
        Indicator = cls.env["territory.indicator"]
        cls.visitors, cls.hires = Indicator.create(
            [
                {
                    "name": "Visiteurs des forums",
                    "unit": "visiteurs",
                    "target": 500,
                    "convention_id": cls.convention.id,
                    "source": "forum_visitors",
                },
                {
                    "name": "Embauches après les forums",
                    "unit": "embauches",
                    "target": 40,
                    "convention_id": cls.convention.id,
                    "source": "forum_hires",
                },
            ]
        )

    def test_checked_in_candidates_and_reported_hires_are_measured(self):
        registration = self.env["event.registration"]
        registration.forum_desk_scan(self.forum.id, self.candidate.barcode)
        registration.forum_desk_scan(self.forum.id, self.staff.barcode)  # staff: not a visitor
        registration.forum_desk_scan(self.other_event.id, self.stranger.barcode)  # no convention
        self.offer_a.hires_reported = 2
        self.offer_b.hires_reported = 1
        (self.visitors | self.hires).action_compute_measurement(datetime.date(2024, 12, 31))
        self.assertEqual(self.visitors.last_value, 1)
        self.assertEqual(self.hires.last_value, 3)

    def test_forums_outside_the_period_do_not_count(self):
        self.env["event.registration"].forum_desk_scan(self.forum.id, self.candidate.barcode)
        self.visitors.action_compute_measurement(datetime.date(2024, 3, 1))  # before the forum
        self.assertEqual(self.visitors.last_value, 0)
