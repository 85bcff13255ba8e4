from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestForumCheckInCaseActivity(TransactionCase):
    """An exhibitor that an advisor follows checks in at a forum: the advisor is told."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        advisor_group = "accompagnement_entreprise.accompagnement_entreprise_group_user"
        cls.advisor = new_test_user(cls.env, "si_advisor", groups=advisor_group)
        cls.other_advisor = new_test_user(cls.env, "si_advisor_2", groups=advisor_group)
        cls.desk = new_test_user(cls.env, "si_desk", groups="forum_emploi.forum_emploi_group_desk")
        Partner = cls.env["res.partner"]
        cls.company = Partner.create({"name": "Décolletage du Russey", "is_company": True})
        cls.contact = Partner.create({"name": "Anne Cuenot", "parent_id": cls.company.id})
        cls.unfollowed = Partner.create({"name": "Scierie du Plateau", "is_company": True})
        cls.absent = Partner.create({"name": "Transports Comtois", "is_company": True})
        programme = cls.env.ref("accompagnement_entreprise.support_programme_digitalisation")
        Case = cls.env["support.case"]

        def case(name, partner, user):
            return Case.create(
                {
                    "name": name,
                    "partner_id": partner.id,
                    "programme_id": programme.id,
                    "user_id": user.id if user else False,
                }
            )

        cls.case_open = case("Diagnostic numérique", cls.company, cls.advisor)
        cls.case_contact = case("Site internet", cls.contact, cls.other_advisor)
        cls.case_closed = case("Ancien accompagnement", cls.company, cls.advisor)
        cls.case_closed._close("done")
        cls.case_unassigned = case("Demande à affecter", cls.company, None)
        cls.case_other_company = case("Transmission", cls.absent, cls.advisor)

        now = fields.Datetime.now()
        cls.forum = cls.env["event.event"].create(
            {
                "name": "Forum de l'emploi du Russey",
                "event_type_id": cls.env.ref("forum_emploi.event_type_job_forum").id,
                "date_begin": now - timedelta(hours=1),
                "date_end": now + timedelta(hours=7),
                "event_mail_ids": [(5, 0, 0)],
            }
        )
        Exhibitor = cls.env["forum.exhibitor"]
        cls.exhibitor = Exhibitor.create({"event_id": cls.forum.id, "partner_id": cls.company.id})
        cls.other_exhibitor = Exhibitor.create(
            {"event_id": cls.forum.id, "partner_id": cls.unfollowed.id}
        )
        Registration = cls.env["event.registration"]
        cls.staff, cls.staff_2, cls.other_staff = Registration.create(
            [
                {"event_id": cls.forum.id, "name": "Marc Petit", "exhibitor_id": cls.exhibitor.id},
                {"event_id": cls.forum.id, "name": "Lise Petit", "exhibitor_id": cls.exhibitor.id},
                {
                    "event_id": cls.forum.id,
                    "name": "Paul Roy",
                    "exhibitor_id": cls.other_exhibitor.id,
                },
            ]
        )
        cls.candidates = Registration.create(
            [{"event_id": cls.forum.id, "name": f"Candidat {i}"} for i in range(3)]
        )
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    def activities(self, cases):
        return self.env["mail.activity"].search(
            [("res_model", "=", "support.case"), ("res_id", "in", cases.ids)]
        )

    def scan(self, registration):
        return (
            self.env["event.registration"]
            .with_user(self.desk)
            .forum_desk_scan(self.forum.id, registration.barcode)
        )

    def test_check_in_schedules_one_activity_per_open_case_and_forum(self):
        all_cases = (
            self.case_open
            | self.case_contact
            | self.case_closed
            | self.case_unassigned
            | self.case_other_company
        )
        before = self.activities(all_cases)
        self.assertEqual(self.scan(self.staff)["status"], "welcome")
        new = self.activities(all_cases) - before
        self.assertEqual(
            {(a.res_id, a.user_id, a.activity_type_id) for a in new},
            {
                (self.case_open.id, self.advisor, self.todo),
                (self.case_contact.id, self.other_advisor, self.todo),
            },
            "open cases of the company and its contacts only, for each case's advisor",
        )
        self.assertEqual(
            set(new.mapped("summary")),
            {"Décolletage du Russey checked in at Forum de l'emploi du Russey"},
        )
        # Double scan, a second staff member, a walk-in of the same company: no duplicate.
        self.assertEqual(self.scan(self.staff)["status"], "already_checked_in")
        self.scan(self.staff_2)
        self.env["event.registration"].with_user(self.desk).forum_desk_walk_in(
            self.forum.id,
            {
                "name": "Jean Faivre",
                "attendee_type": "exhibitor_staff",
                "exhibitor_id": self.exhibitor.id,
            },
        )
        self.assertEqual(self.activities(all_cases) - before, new)
        # The advisor sees it on the case; the desk still sees nothing of support cases.
        self.assertIn(
            self.case_open.with_user(self.advisor).activity_ids.filtered(
                lambda a: a.user_id == self.advisor
            )[:1],
            new,
        )
        with self.assertRaises(AccessError):
            self.env["support.case"].with_user(self.desk).search([])

    def test_a_case_opened_later_in_the_day_is_told_too(self):
        self.scan(self.staff)
        late_case = self.env["support.case"].create(
            {
                "name": "Recrutement d'alternants",
                "partner_id": self.company.id,
                "programme_id": self.case_open.programme_id.id,
                "user_id": self.advisor.id,
            }
        )
        self.scan(self.staff_2)
        self.assertEqual(len(self.activities(late_case)), 1)
        self.assertEqual(len(self.activities(self.case_open)), 1)

    def test_exhibitor_without_case_and_candidates_get_nothing(self):
        before = self.env["mail.activity"].search_count([("res_model", "=", "support.case")])
        self.scan(self.other_staff)
        self.scan(self.candidates[0])
        after = self.env["mail.activity"].search_count([("res_model", "=", "support.case")])
        self.assertEqual(after, before)

    def test_candidate_scan_costs_no_query_for_the_hook(self):
        Registration = self.env["event.registration"].with_user(self.desk)
        # Warm the caches (ACL, rules), as on a running desk.
        Registration.forum_desk_scan(self.forum.id, self.candidates[0].barcode)

        def queries(barcode):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            result = Registration.forum_desk_scan(self.forum.id, barcode)
            self.env.flush_all()
            self.assertEqual(result["status"], "welcome")
            return self.cr.sql_log_count - before

        with_hook = queries(self.candidates[1].barcode)
        self.patch(type(Registration), "_forum_on_check_in", lambda records: True)
        without_hook = queries(self.candidates[2].barcode)
        self.assertEqual(with_hook, without_hook)
