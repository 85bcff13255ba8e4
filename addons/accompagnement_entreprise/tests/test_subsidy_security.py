from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .subsidy_common import SubsidyCase


@tagged("post_install", "-at_install")
class TestSubsidySecurity(SubsidyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.subsidy = cls._commit(cls._subsidy())
        cls._pay(cls.subsidy, 300)
        cls.other_advisor = new_test_user(
            cls.env,
            "ae_other_advisor",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
        )

    def test_manager_decides_and_pays(self):
        subsidy = self._subsidy().with_user(self.manager)
        subsidy.action_submit()
        subsidy.write(
            {"deliberation_number": "M-1", "date_decision": "2025-05-01", "amount_granted": 100}
        )
        subsidy.action_decide()
        self.assertEqual(subsidy.state, "decided")
        self.assertEqual(
            self.env["support.subsidy.envelope"].with_user(self.manager).search_count([]),
            self.env["support.subsidy.envelope"].search_count([]),
        )

    def test_advisor_proposes_but_neither_decides_nor_pays(self):
        Subsidy = self.env["support.subsidy"].with_user(self.advisor)
        request = Subsidy.create(
            {"case_id": self.case.id, "funder_id": self.pays.id, "object": "Audit"}
        )
        request.amount_requested = 1100
        request.action_submit()
        self.assertEqual(request.state, "review")
        with self.assertRaises(AccessError):
            request.action_decide()
        with self.assertRaises(AccessError):
            request.write({"amount_granted": 1000})
        with self.assertRaises(AccessError):
            Subsidy.create(
                {
                    "case_id": self.case.id,
                    "funder_id": self.pays.id,
                    "object": "Audit",
                    "amount_granted": 1000,
                }
            )
        subsidy = self.subsidy.with_user(self.advisor)
        self.assertEqual(subsidy.amount_paid, 300.0)
        self.assertEqual(subsidy.payment_ids.amount, 300.0)
        with self.assertRaises(AccessError):
            subsidy.action_service_done()
        with self.assertRaises(AccessError):
            subsidy.write({"object": "Changed"})
        with self.assertRaises(AccessError):
            self.env["support.subsidy.payment"].with_user(self.advisor).create(
                {"subsidy_id": self.subsidy.id, "payment_type": "advance", "amount": 10}
            )
        with self.assertRaises(AccessError):
            self.envelope.with_user(self.advisor).write({"amount": 10**6})
        self.assertEqual(self.envelope.with_user(self.advisor).amount_committed, 1200.0)

    def test_advisor_does_not_see_the_subsidies_of_other_audits(self):
        Subsidy = self.env["support.subsidy"].with_user(self.other_advisor)
        self.assertFalse(Subsidy.search([("id", "=", self.subsidy.id)]))
        with self.assertRaises(AccessError):
            self.subsidy.with_user(self.other_advisor).read(["amount_granted"])
        Payment = self.env["support.subsidy.payment"].with_user(self.other_advisor)
        self.assertFalse(Payment.search([("subsidy_id", "=", self.subsidy.id)]))

    def test_territory_partner_and_event_staff_see_nothing_financial(self):
        for user in (self.territory_partner, self.employee):
            for model in (
                "support.subsidy",
                "support.subsidy.payment",
                "support.subsidy.envelope",
                "support.case.cofinancing",
                "support.deminimis.declaration",
            ):
                with self.subTest(user=user.login, model=model), self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])
        self.assertFalse(
            self.env["support.case"]
            .with_user(self.territory_partner)
            ._fields["audit_cost"]
            .is_accessible(self.env["support.case"].with_user(self.territory_partner).env)
        )
