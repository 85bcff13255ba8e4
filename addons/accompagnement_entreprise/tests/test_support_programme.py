from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import AccompagnementCase


@tagged("post_install", "-at_install")
class TestSupportProgramme(AccompagnementCase):
    def test_mission_programmes_are_provided(self):
        codes = set(self.env["support.programme"].search([]).mapped("code"))
        self.assertGreaterEqual(
            codes,
            {
                "TRANSMISSION",
                "DIGITAL",
                "MARCHES",
                "AUDIT_RH",
                "AUDIT_DEVCOM",
                "VISITE",
                "CLUB_RH",
                "COMMERCE",
                "CREATION",
            },
        )

    def test_manager_adds_a_programme_without_code(self):
        with Form(self.env["support.programme"].with_user(self.manager)) as form:
            form.name = "Export Support"
            form.code = "EXPORT"
        programme = form.save()
        self.assertEqual(programme.code, "EXPORT")
        self.assertIn(programme, self.env["support.programme"].with_user(self.advisor).search([]))

    def test_advisor_reads_but_does_not_configure(self):
        programme = self.env.ref("accompagnement_entreprise.support_programme_transmission")
        self.assertEqual(programme.with_user(self.advisor).name, "Business Transfer")
        with self.assertRaises(AccessError):
            programme.with_user(self.advisor).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env["support.programme"].with_user(self.advisor).create({"name": "X", "code": "X"})

    def test_employee_without_role_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.env["support.programme"].with_user(self.employee).search([])

    @mute_logger("odoo.sql_db")
    def test_code_is_unique(self):
        with self.assertRaises(IntegrityError):
            self.env["support.programme"].create({"name": "Duplicate", "code": "DIGITAL"})
