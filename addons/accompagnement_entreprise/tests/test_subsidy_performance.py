from odoo.tests import tagged

from .subsidy_common import SubsidyCase


@tagged("post_install", "-at_install")
class TestSubsidyPerformance(SubsidyCase):
    """Query budgets of the hot paths: a payment, the envelope's totals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.subsidies = cls.env["support.subsidy"]
        for _index in range(5):
            cls.subsidies |= cls._commit(cls._subsidy(), amount=100)

    def test_payment_query_budget(self):
        subsidy = self.subsidies[0]
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=40):  # 37 measured, with the chatter post
            self._pay(subsidy, 40)
            self.env.flush_all()
        self.assertEqual(self.envelope.amount_paid, 40)

    def test_envelope_totals_query_budget(self):
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=2):
            self.envelope.read(["amount_committed", "amount_paid", "amount_remaining"])
        self.assertEqual(self.envelope.amount_committed, 500)
