from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .subsidy_common import SubsidyCase


@tagged("post_install", "-at_install")
class TestSubsidyLifecycle(SubsidyCase):
    def test_request_takes_the_funder_share_and_the_audit_cost(self):
        subsidy = self._subsidy()
        self.assertTrue(subsidy.name.startswith("SUB-"))
        self.assertEqual(subsidy.state, "request")
        self.assertEqual(subsidy.amount_requested, 1200.0)
        self.assertEqual(subsidy.eligible_cost, 2400.0)
        self.assertEqual(subsidy.notification_type, "notification")

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_full_lifecycle_moves_the_envelope(self):
        subsidy = self._commit(self._subsidy())
        self._flush_tracking()
        self.assertEqual(subsidy.state, "committed")
        self.assertEqual(self.envelope.amount_committed, 1200.0)
        self.assertEqual(self.envelope.amount_remaining, 1800.0)
        self._pay(subsidy, 480)
        self._flush_tracking()
        self.assertEqual(subsidy.state, "advance_paid")
        self.assertEqual(self.envelope.amount_paid, 480.0)
        subsidy.action_service_done()
        self._flush_tracking()
        self.assertEqual(subsidy.state, "service_done")
        self.assertEqual(self.case.audit_date_report, subsidy.date_service_done)
        self.assertEqual(subsidy.amount_to_pay, 720.0)
        self._pay(subsidy, 720, "balance")
        self._flush_tracking()
        self.assertEqual(subsidy.state, "closed")
        self.assertEqual(self.envelope.amount_paid, 1200.0)
        self.assertEqual(subsidy.deminimis_amount, 1200.0)
        # Every payment and state change is in the chatter.
        messages = self.env["mail.message"].search(
            [("model", "=", "support.subsidy"), ("res_id", "=", subsidy.id)]
        )
        self.assertIn("720", " ".join(messages.mapped("body")))
        tracked = (
            self.env["mail.tracking.value"]
            .sudo()
            .search([("mail_message_id", "in", messages.ids)])
            .mapped("field_id.name")
        )
        self.assertIn("state", tracked)
        self.assertIn("amount_paid", tracked)

    def test_decision_needs_deliberation_and_amount(self):
        subsidy = self._subsidy()
        subsidy.action_submit()
        with self.assertRefused(UserError, "deliberation number"):
            subsidy.action_decide()
        self.assertEqual(subsidy.state, "review")

    def test_amount_granted_above_the_cost_is_refused(self):
        subsidy = self._subsidy()
        subsidy.action_submit()
        with self.assertRefused(ValidationError, "exceeds the eligible cost"):
            subsidy.amount_granted = 2400.01

    def test_convention_compulsory_above_23000(self):
        case = self.case.copy({"audit_cost": 60000})
        subsidy = self._subsidy(case=case, notification_type="notification")
        self._decide(subsidy, amount=25000)
        self.assertEqual(subsidy.notification_type, "convention")
        subsidy.notification_type = "notification"
        with self.assertRefused(UserError, "convention is compulsory"):
            subsidy.action_notify()

    def test_over_envelope_commitment_is_refused_then_overridden(self):
        self._commit(self._subsidy(), amount=2000)
        second = self._subsidy()
        self._decide(second, amount=1200)
        second.action_notify()
        with self.assertRefused(UserError, r"1[,\s\xa0\u202f]?000[.,]00[\s\xa0\u202f]*€? left"):
            second.action_commit()
        self.assertEqual(second.state, "notified")
        self.assertEqual(self.envelope.amount_committed, 2000.0)
        wizard = (
            self.env["support.subsidy.override"]
            .with_user(self.manager)
            .create({"subsidy_id": second.id, "reason": "Rallonge votée le 12 mars"})
        )
        wizard.action_confirm()
        self.assertEqual(second.state, "committed")
        self.assertTrue(second.envelope_override)
        self.assertEqual(second.envelope_override_user_id, self.manager)
        self.assertEqual(second.envelope_override_reason, "Rallonge votée le 12 mars")
        self.assertTrue(second.envelope_override_date)
        self.assertEqual(self.envelope.amount_remaining, -200.0)

    def test_envelope_of_another_funder_or_programme_is_refused(self):
        subsidy = self._subsidy()
        self._decide(subsidy)
        subsidy.action_notify()
        self.envelope.programme_ids = self.env.ref(
            "accompagnement_entreprise.support_programme_audit_rh"
        )
        with self.assertRefused(UserError, "cannot fund"):
            subsidy.action_commit()
        self.envelope.programme_ids = False
        subsidy.funder_id = self.region
        with self.assertRefused(UserError, "cannot fund"):
            subsidy.action_commit()
        self.assertEqual(subsidy.state, "notified")

    def test_over_payment_is_refused(self):
        subsidy = self._commit(self._subsidy())
        self._pay(subsidy, 1000)
        with self.assertRefused(ValidationError, "Over-payment refused"):
            self._pay(subsidy, 200.01)
        self.assertEqual(subsidy.amount_paid, 1000.0)
        self.assertEqual(len(subsidy.payment_ids), 1)
        # The balance waits for the service to be done.
        with self.assertRefused(UserError, "not possible"):
            self._pay(subsidy, 200, "balance")

    def test_lower_actual_cost_reduces_the_balance_pro_rata(self):
        subsidy = self._commit(self._subsidy())
        self._pay(subsidy, 480)
        # 1 200 € granted on 2 400 €; 1 999,99 € spent: 1 200 x 1 999,99 / 2 400 =
        # 999,995 € -> 1 000,00 € (half up); balance 520 €.
        subsidy.actual_cost = 1999.99
        subsidy.action_service_done()
        self.assertEqual(subsidy.amount_final, 1000.0)
        self.assertEqual(subsidy.amount_to_pay, 520.0)
        self.assertEqual(self.envelope.amount_committed, 1000.0)
        with self.assertRefused(ValidationError, "Over-payment refused"):
            self._pay(subsidy, 520.01, "balance")
        self._pay(subsidy, 520, "balance")
        self.assertEqual(subsidy.state, "closed")

    def test_overpaid_advance_is_recovered(self):
        subsidy = self._commit(self._subsidy())
        self._pay(subsidy, 1000)
        subsidy.actual_cost = 1200
        subsidy.action_service_done()
        self.assertEqual(subsidy.amount_final, 600.0)
        self.assertEqual(subsidy.state, "recovery")
        self.assertEqual(subsidy.amount_to_recover, 400.0)
        with self.assertRefused(ValidationError, "more than was overpaid"):
            self._pay(subsidy, 400.01, "recovery")
        self._pay(subsidy, 400, "recovery")
        self.assertEqual(subsidy.state, "closed")
        self.assertEqual(subsidy.amount_paid, 600.0)
        self.assertEqual(self.envelope.amount_paid, 600.0)

    def test_lapse_frees_the_envelope_and_asks_for_the_advance_back(self):
        subsidy = self._commit(self._subsidy())
        self._pay(subsidy, 300)
        subsidy.action_lapse()
        self.assertEqual(subsidy.state, "lapsed")
        self.assertEqual(subsidy.amount_to_recover, 300.0)
        self.assertEqual(self.envelope.amount_committed, 0.0)
        self._pay(subsidy, 300, "recovery")
        self.assertEqual(subsidy.amount_paid, 0.0)
        self.assertEqual(subsidy.deminimis_amount, 0.0)
        self.assertEqual(subsidy.state, "lapsed")

    def test_committed_amount_is_locked(self):
        subsidy = self._commit(self._subsidy())
        with self.assertRefused(UserError, "cannot change"):
            subsidy.amount_granted = 1000
