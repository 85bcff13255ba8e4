from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import AccompagnementCase


@tagged("post_install", "-at_install")
class TestResPartnerSmartButtons(AccompagnementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk_advisor = new_test_user(
            cls.env,
            "ae_desk_advisor",
            groups="event.group_event_registration_desk,"
            "accompagnement_entreprise.accompagnement_entreprise_group_manager",
        )
        cls.company = cls.env["res.partner"].create(
            {"name": "Décolletage Jeanningros", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Anne Jeanningros", "parent_id": cls.company.id}
        )
        cls.other = cls.env["res.partner"].create({"name": "Autre entreprise", "is_company": True})
        programme = cls.env.ref("accompagnement_entreprise.support_programme_field_visit")
        cls.cases = cls.env["support.case"].create(
            [
                {"name": "Visite", "partner_id": partner.id, "programme_id": programme.id}
                for partner in (cls.company, cls.contact, cls.other)
            ]
        )
        event = cls.env["event.event"].create(
            {
                "name": "Matinale de l'industrie",
                "date_begin": fields.Datetime.now(),
                "date_end": fields.Datetime.add(fields.Datetime.now(), hours=3),
            }
        )
        Registration = cls.env["event.registration"]
        Registration.create({"event_id": event.id, "partner_id": cls.contact.id, "state": "done"})
        Registration.create({"event_id": event.id, "partner_id": cls.company.id, "state": "open"})

    def test_cases_of_the_company_and_its_contacts(self):
        for partner in (self.company, self.contact):
            partner = partner.with_user(self.desk_advisor)
            self.assertEqual(partner.support_case_count, 2)
            action = partner.action_view_support_cases()
            self.assertEqual(self.env["support.case"].search(action["domain"]), self.cases[:2])

    def test_events_attended_only(self):
        company = self.company.with_user(self.desk_advisor)
        self.assertEqual(company.event_attended_count, 1)
        action = company.action_view_events_attended()
        registrations = self.env["event.registration"].search(action["domain"])
        self.assertEqual(registrations.partner_id, self.contact)

    def test_buttons_are_hidden_from_users_without_the_rights(self):
        employee = new_test_user(self.env, "ae_plain_employee", groups="base.group_user")
        view = self.env["res.partner"].with_user(employee).get_views([(False, "form")])
        arch = view["views"]["form"]["arch"]
        self.assertNotIn("support_case_count", arch)
        self.assertNotIn("event_attended_count", arch)
