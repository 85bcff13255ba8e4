from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from ..tools import share_in_cents
from .subsidy_common import SubsidyCase


@tagged("post_install", "-at_install")
class TestAuditSplit(SubsidyCase):
    def test_split_adds_up_to_the_cost(self):
        self.assertEqual(self.case.cofinancing_line_ids.mapped("amount"), [1200.0, 480.0])
        self.assertEqual(self.case.audit_company_amount, 720.0)
        self.assertAlmostEqual(self.case.audit_company_percent, 30.0)

    def _split(self, cost, *percents):
        case = self.case.copy({"audit_cost": cost})
        case.cofinancing_line_ids.unlink()
        funders = [self.pays, self.cma, self.region]
        case.write(
            {
                "cofinancing_line_ids": [
                    (0, 0, {"funder_id": funders[index].id, "percent": percent, "sequence": index})
                    for index, percent in enumerate(percents)
                ]
            }
        )
        return case

    def test_rounding_half_up_and_the_company_absorbs_the_difference(self):
        # 50 % of 10,01 € is 5,005 €: half a cent goes up, 5,01 €; 20 % is 2,002 €: 2,00 €;
        # the company pays the 3,00 € left, so the total is exactly the cost.
        case = self._split(10.01, 50, 20)
        self.assertEqual(case.cofinancing_line_ids.mapped("amount"), [5.01, 2.0])
        self.assertEqual(case.audit_company_amount, 3.0)
        case = self._split(1000.01, 33.33, 33.33)
        self.assertEqual(case.cofinancing_line_ids.mapped("amount"), [333.3, 333.3])
        self.assertEqual(case.audit_company_amount, 333.41)
        self.assertEqual(share_in_cents(0.05, 50, 100), 3)
        self.assertEqual(share_in_cents(0.03, 50, 100), 2)

    def test_full_public_funding_never_overshoots_the_cost(self):
        case = self._split(10.01, 50, 50)
        self.assertEqual(case.cofinancing_line_ids.mapped("amount"), [5.01, 5.0])
        self.assertEqual(case.audit_company_amount, 0.0)

    def test_fixed_amount_and_percentage_mixed(self):
        with Form(self.case) as form, form.cofinancing_line_ids.new() as line:
            line.role = "region"
            line.funder_id = self.region
            line.share_type = "amount"
            line.fixed_amount = 300.5
        self.assertEqual(self.case.audit_funded_amount, 1980.5)
        self.assertEqual(self.case.audit_company_amount, 419.5)

    def test_shares_above_the_cost_are_refused(self):
        with self.assertRefused(ValidationError, "exceed the audit cost"):
            self.case.write(
                {
                    "cofinancing_line_ids": [
                        (0, 0, {"role": "region", "funder_id": self.region.id, "percent": 40})
                    ]
                }
            )

    def test_cost_change_recomputes_percentage_shares(self):
        self.case.audit_cost = 3000
        self.assertEqual(self.case.cofinancing_line_ids.mapped("amount"), [1500.0, 600.0])
        self.assertEqual(self.case.audit_company_amount, 900.0)
