from datetime import datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import AccompagnementCase


@tagged("post_install", "-at_install")
class TestProcurementEvent(AccompagnementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.event_advisor = new_test_user(
            cls.env,
            "ae_event_advisor",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_user,"
            "event.group_event_user",
        )
        cls.programme = cls.env.ref(
            "accompagnement_entreprise.support_programme_public_procurement"
        )
        Partner = cls.env["res.partner"]
        cls.joinery = Partner.create({"name": "Menuiserie Session", "is_company": True})
        cls.joiner = Partner.create({"name": "Marc Session", "parent_id": cls.joinery.id})
        cls.painter = Partner.create({"name": "Peinture Session", "is_company": True})
        cls.absent = Partner.create({"name": "Absent Session", "is_company": True})
        start = datetime.now() - timedelta(days=2)
        cls.session = cls.env["event.event"].create(
            {
                "name": "Répondre aux marchés publics",
                "event_type_id": cls.env.ref(
                    "accompagnement_entreprise.event_type_procurement_session"
                ).id,
                "date_begin": start,
                "date_end": start + timedelta(hours=2),
            }
        )
        cls.existing_case = cls.env["support.case"].create(
            {"name": "Déjà suivie", "partner_id": cls.painter.id, "programme_id": cls.programme.id}
        )
        Registration = cls.env["event.registration"]
        cls.registrations = Registration.create(
            [
                {"event_id": cls.session.id, "partner_id": cls.joiner.id, "state": "done"},
                {"event_id": cls.session.id, "partner_id": cls.painter.id, "state": "done"},
                {"event_id": cls.session.id, "partner_id": cls.absent.id, "state": "open"},
            ]
        )

    def test_session_type_brings_the_programme(self):
        self.assertEqual(self.session.support_programme_id, self.programme)

    def test_attending_companies_are_linked_to_their_cases(self):
        session = self.session.with_user(self.event_advisor)
        session.action_link_attendee_cases()
        joiner_reg, painter_reg, absent_reg = self.registrations
        new_case = joiner_reg.support_case_id
        self.assertEqual(new_case.partner_id, self.joinery)
        self.assertEqual(new_case.programme_id, self.programme)
        self.assertEqual(
            new_case.stage_id,
            self.env.ref("accompagnement_entreprise.support_case_stage_procurement_information"),
        )
        self.assertEqual(new_case.user_id, self.event_advisor)
        self.assertEqual(painter_reg.support_case_id, self.existing_case)
        self.assertFalse(absent_reg.support_case_id)
        self.assertEqual(session.support_case_count, 2)
        # Running it again opens no second case.
        cases = self.env["support.case"].search_count([("programme_id", "=", self.programme.id)])
        session.action_link_attendee_cases()
        self.assertEqual(
            self.env["support.case"].search_count([("programme_id", "=", self.programme.id)]),
            cases,
        )

    def test_event_without_programme_is_refused(self):
        self.session.support_programme_id = False
        with self.assertRaises(UserError):
            self.session.action_link_attendee_cases()
