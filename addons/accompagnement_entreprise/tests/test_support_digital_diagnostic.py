from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestSupportDigitalDiagnostic(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.digital = cls.env.ref("accompagnement_entreprise.support_programme_digitalisation")
        Case = cls.env["support.case"]
        cls.case = Case.create(
            {
                "name": "Vente en ligne du Comptoir",
                "partner_id": cls.company.id,
                "programme_id": cls.digital.id,
                "user_id": cls.advisor.id,
            }
        )
        cls.other_case = Case.create(
            {
                "name": "Site de la scierie",
                "partner_id": cls.other_company.id,
                "programme_id": cls.digital.id,
                "user_id": cls.other_advisor.id,
            }
        )
        Diagnostic = cls.env["support.digital.diagnostic"]
        cls.diagnostic = Diagnostic.create(
            {
                "case_id": cls.case.id,
                "score_visibility": "2",
                "score_online_sales": "0",
                "score_management": "3",
                "score_customer_relationship": "1",
                "action_ids": [
                    (0, 0, {"name": "Compléter la fiche Google", "state": "done"}),
                    (0, 0, {"name": "Créer un site vitrine", "state": "progress"}),
                    (0, 0, {"name": "Lettre d'information", "state": "cancelled"}),
                ],
            }
        )
        cls.other_diagnostic = Diagnostic.create({"case_id": cls.other_case.id})

    def test_total_score_and_action_plan_progress(self):
        self.assertEqual(self.diagnostic.total_score, 6)
        self.assertAlmostEqual(self.diagnostic.score_percent, 30.0)
        self.assertAlmostEqual(self.diagnostic.action_done_ratio, 50.0)
        self.diagnostic.score_online_sales = "5"
        self.assertEqual(self.diagnostic.total_score, 11)
        self.assertEqual(self.other_diagnostic.total_score, 0)

    def test_diagnostic_belongs_to_a_digitalisation_case(self):
        transfer_case = self.env["support.case"].create(
            {
                "name": "Cession",
                "partner_id": self.company.id,
                "programme_id": self.env.ref(
                    "accompagnement_entreprise.support_programme_transmission"
                ).id,
            }
        )
        with self.assertRaises(ValidationError):
            self.env["support.digital.diagnostic"].create({"case_id": transfer_case.id})
        self.assertEqual(self.case.digital_diagnostic_count, 1)
        self.assertTrue(self.case.is_digitalisation)
        self.assertFalse(transfer_case.is_digitalisation)
        action = self.case.action_view_digital_diagnostics()
        self.assertEqual(action["res_id"], self.diagnostic.id)

    def test_digital_workshops_attended_by_the_company(self):
        workshop_type = self.env.ref("accompagnement_entreprise.event_type_digital_workshop")
        Event = self.env["event.event"]
        workshop, other_event = Event.create(
            [
                {
                    "name": "Atelier : être visible sur Google",
                    "event_type_id": workshop_type.id,
                    "date_begin": "2025-04-03 07:30:00",
                    "date_end": "2025-04-03 10:00:00",
                },
                {
                    "name": "Soirée des entreprises",
                    "date_begin": "2025-04-10 16:00:00",
                    "date_end": "2025-04-10 19:00:00",
                },
            ]
        )
        manager = self.env["res.partner"].create(
            {"name": "Commerçante (test)", "parent_id": self.company.id}
        )
        self.env["event.registration"].create(
            [
                {"event_id": workshop.id, "partner_id": manager.id, "state": "done"},
                {"event_id": other_event.id, "partner_id": manager.id, "state": "done"},
                {"event_id": workshop.id, "partner_id": self.other_company.id, "state": "done"},
            ]
        )
        diagnostic = self.diagnostic.with_user(self.advisor)
        self.assertEqual(diagnostic.workshop_count, 1)
        self.assertIn("Atelier : être visible sur Google", diagnostic.workshop_summary)
        self.assertNotIn("Soirée", diagnostic.workshop_summary)

    def test_access_follows_the_case(self):
        Diagnostic = self.env["support.digital.diagnostic"]
        both = self.diagnostic | self.other_diagnostic
        self.assertEqual(
            Diagnostic.with_user(self.advisor).search([("id", "in", both.ids)]), self.diagnostic
        )
        self.diagnostic.with_user(self.advisor).write({"strengths": "Page Facebook suivie"})
        with self.assertRaises(AccessError):
            self.other_diagnostic.with_user(self.advisor).write({"strengths": "Non"})
        with self.assertRaises(AccessError):
            self.other_diagnostic.action_ids.with_user(self.advisor).create(
                {"diagnostic_id": self.other_diagnostic.id, "name": "Non"}
            )
        self.assertEqual(Diagnostic.with_user(self.manager).search([("id", "in", both.ids)]), both)
        # The territory partner reads the diagnostics of his EPCIs only, without editing.
        self.assertEqual(
            Diagnostic.with_user(self.territory_partner).search([("id", "in", both.ids)]),
            self.diagnostic,
        )
        with self.assertRaises(AccessError):
            self.diagnostic.with_user(self.territory_partner).write({"strengths": "Non"})
        with self.assertRaises(AccessError):
            Diagnostic.with_user(self.employee).search([])
