from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestSupportVisitSecurity(VisitCase):
    """Who reads and writes field visits: as for cases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._visit(user_id=cls.advisor.id)
        cls.unassigned = cls._visit(user_id=False)
        cls.participated = cls._visit(
            user_id=cls.other_advisor.id, participant_user_ids=[(6, 0, cls.advisor.ids)]
        )
        cls.others = cls._visit(user_id=cls.other_advisor.id)
        cls.elsewhere = cls._visit(user_id=cls.other_advisor.id, partner_id=cls.other_company.id)
        cls.all_visits = cls.own | cls.unassigned | cls.participated | cls.others | cls.elsewhere
        need = cls.env.ref("accompagnement_entreprise.support_need_digital")
        cls.env["support.visit.need"].create(
            [{"visit_id": visit.id, "need_id": need.id} for visit in cls.all_visits]
        )

    def _readable(self, user):
        return self.env["support.visit"].with_user(user).search([("id", "in", self.all_visits.ids)])

    def test_advisor_sees_visits_in_charge_taken_part_in_or_unassigned(self):
        self.assertEqual(
            self._readable(self.advisor), self.own | self.unassigned | self.participated
        )
        lines = (
            self.env["support.visit.need"]
            .with_user(self.advisor)
            .search([("visit_id", "in", self.all_visits.ids)])
        )
        self.assertEqual(lines.visit_id, self.own | self.unassigned | self.participated)
        with self.assertRaises(AccessError):
            self.others.with_user(self.advisor).read(["name"])
        self.own.with_user(self.advisor).write({"report": "<p>Compte rendu</p>"})
        with self.assertRaises(AccessError):
            self.own.with_user(self.advisor).unlink()

    def test_manager_sees_and_deletes_all(self):
        self.assertEqual(self._readable(self.manager), self.all_visits)
        self.others.with_user(self.manager).unlink()
        self.assertFalse(self.others.exists())

    def test_territory_partner_reads_the_visits_of_his_territories_only(self):
        self.assertEqual(self._readable(self.territory_partner), self.all_visits - self.elsewhere)
        with self.assertRaises(AccessError):
            self.own.with_user(self.territory_partner).write({"report": "<p>Non</p>"})
        with self.assertRaises(AccessError):
            self.env["support.visit"].with_user(self.territory_partner).create(
                {"partner_id": self.company.id, "date_planned": "2025-05-01 09:00:00"}
            )
        with self.assertRaises(AccessError):
            self.own.need_line_ids.with_user(self.territory_partner).write({"comment": "Non"})

    def test_employee_without_support_role_sees_nothing(self):
        with self.assertRaises(AccessError):
            self._readable(self.employee)
        self.assertFalse(
            "support_visit_count"
            in self.env["res.partner"].with_user(self.employee).fields_get(["support_visit_count"])
        )
