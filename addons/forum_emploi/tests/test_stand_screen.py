from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import ForumDataCase


@tagged("post_install", "-at_install")
class TestStandScreen(ForumDataCase):
    """A recruiter records interviews at their stand, in one step, for their company only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_recruiter = new_test_user(
            cls.env, "fe_recruiter_b", groups="forum_emploi.forum_emploi_group_exhibitor"
        )
        cls.exhibitor_b.user_ids = cls.other_recruiter
        cls.Interview = cls.env["forum.interview"].with_user(cls.recruiter)

    def test_stand_data_lists_own_exhibitor_and_offers(self):
        data = self.Interview.forum_stand_data()
        self.assertEqual(
            data,
            [
                {
                    "id": self.exhibitor_a.id,
                    "name": "Usinage du Russey",
                    "forum": "Forum de l'emploi test",
                    "offers": [{"id": self.offer_a.id, "name": "Décolleteur"}],
                }
            ],
        )

    def test_scan_records_offer_outcome_and_note_in_one_step(self):
        result = self.Interview.forum_stand_record(
            self.exhibitor_a.id,
            {
                "barcode": f" {self.candidate.barcode} ",
                "offer_id": self.offer_a.id,
                "state": "shortlisted",
                "note": "Profil solide en décolletage, à rappeler lundi.",
            },
        )
        interview = self.env["forum.interview"].browse(result["interview_id"])
        self.assertEqual(result["name"], "Julie Martin")
        self.assertIn("Julie Martin", result["message"])
        self.assertEqual(interview.registration_id, self.candidate)
        self.assertEqual(interview.offer_id, self.offer_a)
        self.assertEqual(interview.state, "shortlisted")
        self.assertEqual(interview.note, "Profil solide en décolletage, à rappeler lundi.")

    def test_pick_the_name(self):
        found = self.Interview.forum_stand_search(self.exhibitor_a.id, "juli")
        self.assertEqual(found, [{"id": self.candidate.id, "name": "Julie Martin"}])
        self.assertFalse(
            self.Interview.forum_stand_search(self.exhibitor_a.id, "Zoé"), "another event"
        )
        self.assertFalse(self.Interview.forum_stand_search(self.exhibitor_a.id, "Paul"))
        result = self.Interview.forum_stand_record(
            self.exhibitor_a.id, {"registration_id": self.candidate.id}
        )
        self.assertEqual(self.env["forum.interview"].browse(result["interview_id"]).state, "held")
        with self.assertRaisesRegex(UserError, "another event"):
            self.Interview.forum_stand_record(
                self.exhibitor_a.id, {"registration_id": self.stranger.id}
            )

    def test_clear_errors_and_nothing_written(self):
        cases = [
            ({"barcode": self.stranger.barcode}, "another event"),
            ({"barcode": "9999999999"}, "Unknown badge 9999999999"),
            ({"barcode": ""}, "Scan the candidate's badge"),
            ({"barcode": self.cancelled.barcode}, "cancelled"),
            ({"barcode": self.staff.barcode}, "not a candidate"),
            ({"barcode": self.candidate.barcode, "offer_id": self.offer_b.id}, "offers of"),
            ({"barcode": self.candidate.barcode, "state": "hired_twice"}, "outcome"),
        ]
        for values, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(UserError, message):
                self.Interview.forum_stand_record(self.exhibitor_a.id, values)
        self.assertFalse(self.env["forum.interview"].search([("event_id", "=", self.forum.id)]))

    def test_recruiter_cannot_record_or_read_for_another_exhibitor(self):
        with self.assertRaises(AccessError):
            self.Interview.forum_stand_record(
                self.exhibitor_b.id, {"barcode": self.candidate.barcode}
            )
        with self.assertRaises(AccessError):
            self.Interview.forum_stand_search(self.exhibitor_b.id, "Julie")
        with self.assertRaises(AccessError):
            self.Interview.create(
                {"exhibitor_id": self.exhibitor_b.id, "registration_id": self.candidate.id}
            )
        theirs = (
            self.env["forum.interview"]
            .with_user(self.other_recruiter)
            .forum_stand_record(self.exhibitor_b.id, {"barcode": self.candidate.barcode})
        )
        ours = self.Interview.forum_stand_record(
            self.exhibitor_a.id, {"barcode": self.candidate.barcode}
        )
        self.assertEqual(self.Interview.search([]).ids, [ours["interview_id"]])
        their_interview = self.env["forum.interview"].browse(theirs["interview_id"])
        with self.assertRaises(AccessError):
            their_interview.with_user(self.recruiter).read(["note"])
        with self.assertRaises(AccessError):
            their_interview.with_user(self.recruiter).write({"state": "rejected"})

    def test_desk_and_employee_have_no_stand(self):
        for user in (self.desk, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["forum.interview"].with_user(user).forum_stand_record(
                    self.exhibitor_a.id, {"barcode": self.candidate.barcode}
                )

    def test_organiser_records_for_any_exhibitor(self):
        result = (
            self.env["forum.interview"]
            .with_user(self.organiser)
            .forum_stand_record(
                self.exhibitor_b.id,
                {"barcode": self.candidate.barcode, "offer_id": self.offer_b.id},
            )
        )
        self.assertEqual(
            self.env["forum.interview"].browse(result["interview_id"]).exhibitor_id,
            self.exhibitor_b,
        )
