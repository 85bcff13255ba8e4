from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestSupportClub(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.member_a, cls.member_b, cls.guest = Partner.create(
            [
                {"name": "Décolletage (test)", "is_company": True},
                {"name": "Fromagerie (test)", "is_company": True},
                {"name": "Invité (test)", "is_company": True},
            ]
        )
        cls.club = cls.env["support.club"].create(
            {
                "name": "Club RH de test",
                "epci_id": cls.epci.id,
                "membership_ids": [
                    (0, 0, {"partner_id": cls.member_a.id, "year": 2025}),
                    (0, 0, {"partner_id": cls.member_b.id, "year": 2025}),
                    (0, 0, {"partner_id": cls.member_a.id, "year": 2026}),
                ],
            }
        )
        cls.other_club = cls.env["support.club"].create(
            {"name": "Club du Val", "epci_id": cls.other_epci.id}
        )
        Session = cls.env["support.club.session"]
        cls.march, cls.june, cls.january = Session.create(
            [
                {
                    "club_id": cls.club.id,
                    "name": "Recruter des jeunes",
                    "date": "2025-03-13 16:30:00",
                    "host_partner_id": cls.member_a.id,
                },
                {
                    "club_id": cls.club.id,
                    "name": "Entretiens professionnels",
                    "date": "2025-06-19 16:30:00",
                    "host_partner_id": cls.member_b.id,
                },
                {
                    "club_id": cls.club.id,
                    "name": "Marque employeur",
                    "date": "2026-01-22 16:30:00",
                },
            ]
        )

    def test_listing_members_and_counting_attendance(self):
        self.march.action_add_members()
        self.assertEqual(self.march.attendance_ids.partner_id, self.member_a | self.member_b)
        self.march.attendance_ids.filtered(lambda a: a.partner_id == self.member_b).state = "absent"
        self.env["support.club.attendance"].create(
            {"session_id": self.march.id, "partner_id": self.guest.id}
        )
        self.assertEqual(self.march.attendance_count, 2)
        guest_line = self.march.attendance_ids.filtered(lambda a: a.partner_id == self.guest)
        self.assertFalse(guest_line.is_member)
        # Listing again adds nobody twice; January lists the members of 2026 only.
        self.march.action_add_members()
        self.assertEqual(len(self.march.attendance_ids), 3)
        self.january.action_add_members()
        self.assertEqual(self.january.attendance_ids.partner_id, self.member_a)

    def test_yearly_attendance_per_company(self):
        (self.march | self.june | self.january).action_add_members()
        self.june.attendance_ids.filtered(lambda a: a.partner_id == self.member_b).state = "excused"
        counts = self.club._attendance_by_company(2025)
        self.assertEqual(counts, {(self.club, self.member_a): 2, (self.club, self.member_b): 1})
        # The pivot: companies in rows, months in columns, present companies counted.
        groups = self.env["support.club.attendance"]._read_group(
            [("club_id", "=", self.club.id), ("state", "=", "present")],
            ["partner_id", "session_date:month"],
            ["__count"],
        )
        months = {(partner, month.month): count for partner, month, count in groups}
        self.assertEqual(
            months,
            {
                (self.member_a, 3): 1,
                (self.member_a, 6): 1,
                (self.member_a, 1): 1,
                (self.member_b, 3): 1,
            },
        )
        with freeze_time("2025-06-30"):
            self.club.invalidate_recordset(["member_count"])
            self.assertEqual(self.club.member_count, 2)
        self.assertEqual(self.club.session_count, 3)

    @mute_logger("odoo.sql_db")
    def test_a_company_is_member_once_a_year(self):
        with self.assertRaises(IntegrityError):
            self.env["support.club.membership"].create(
                {"club_id": self.club.id, "partner_id": self.member_a.id, "year": 2025}
            )

    def test_access_per_role(self):
        # Advisors run every club.
        self.march.with_user(self.advisor).action_add_members()
        self.assertEqual(len(self.march.attendance_ids), 2)
        # Partners read the clubs of their territories, without editing them.
        clubs = (
            self.env["support.club"]
            .with_user(self.territory_partner)
            .search([("id", "in", (self.club | self.other_club).ids)])
        )
        self.assertEqual(clubs, self.club)
        sessions = (
            self.env["support.club.attendance"]
            .with_user(self.territory_partner)
            .search([("club_id", "=", self.club.id)])
        )
        self.assertEqual(len(sessions), 2)
        with self.assertRaises(AccessError):
            self.march.with_user(self.territory_partner).write({"name": "Non"})
        with self.assertRaises(AccessError):
            self.other_club.with_user(self.territory_partner).read(["name"])
        with self.assertRaises(AccessError):
            self.env["support.club"].with_user(self.employee).search([])
