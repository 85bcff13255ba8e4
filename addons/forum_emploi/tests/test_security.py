from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ForumDataCase


@tagged("post_install", "-at_install")
class TestForumSecurity(ForumDataCase):
    def test_desk_checks_in_but_sees_no_offers(self):
        Registration = self.env["event.registration"].with_user(self.desk)
        self.assertEqual(
            Registration.forum_desk_scan(self.forum.id, self.candidate.barcode)["status"],
            "welcome",
        )
        self.assertEqual(self.exhibitor_a.with_user(self.desk).name, "Usinage du Russey")
        with self.assertRaises(AccessError):
            self.env["forum.job.offer"].with_user(self.desk).search([])
        with self.assertRaises(AccessError):
            self.exhibitor_a.with_user(self.desk).write({"siret": False})
        with self.assertRaises(AccessError):
            self.env["forum.zone"].with_user(self.desk).create(
                {"name": "Zone", "event_id": self.forum.id}
            )

    def test_employee_cannot_use_the_desk(self):
        with self.assertRaises(AccessError):
            self.env["event.registration"].with_user(self.employee).forum_desk_scan(
                self.forum.id, self.candidate.barcode
            )
        self.assertEqual(self.candidate.state, "open")
        with self.assertRaises(AccessError):
            self.env["forum.exhibitor"].with_user(self.employee).search([])

    def test_organiser_manages_exhibitors_and_offers(self):
        Offer = self.env["forum.job.offer"].with_user(self.organiser)
        self.assertEqual(
            Offer.search([("event_id", "=", self.forum.id)]), self.offer_a | self.offer_b
        )
        offer = Offer.create(
            {"exhibitor_id": self.exhibitor_b.id, "name": "Cariste", "rome_code": "N1101"}
        )
        offer.unlink()
        self.exhibitor_b.with_user(self.organiser).siret = "73282932000074"
        zone = (
            self.env["forum.zone"]
            .with_user(self.organiser)
            .create({"name": "Conseil", "event_id": self.forum.id, "kind": "advice"})
        )
        self.assertEqual(zone.event_id, self.forum)

    def test_recruiter_sees_only_own_company(self):
        Offer = self.env["forum.job.offer"].with_user(self.recruiter)
        self.assertEqual(Offer.search([]), self.offer_a)
        self.assertEqual(
            self.env["forum.exhibitor"].with_user(self.recruiter).search([]), self.exhibitor_a
        )
        Offer.create({"exhibitor_id": self.exhibitor_a.id, "name": "Régleur", "rome_code": "H2909"})
        with self.assertRaises(AccessError):
            Offer.create(
                {"exhibitor_id": self.exhibitor_b.id, "name": "Intrus", "rome_code": "H2909"}
            )
        with self.assertRaises(AccessError):
            self.offer_b.with_user(self.recruiter).write({"positions": 9})
        with self.assertRaises(AccessError):
            self.env["event.registration"].with_user(self.recruiter).forum_desk_scan(
                self.forum.id, self.candidate.barcode
            )

    def test_manager_configures(self):
        self.offer_b.with_user(self.manager).unlink()
        self.exhibitor_b.with_user(self.manager).unlink()
        self.assertFalse(self.exhibitor_b.exists())
