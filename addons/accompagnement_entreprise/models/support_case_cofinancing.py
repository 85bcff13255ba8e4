from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import share_in_cents, to_cents

FUNDER_ROLES = [
    ("territory", "Territory"),
    ("chamber", "Chamber"),
    ("region", "Region"),
    ("other", "Other Funder"),
]


class SupportCaseCofinancing(models.Model):
    """One public funder's share of an audit, as a fixed amount or a percentage.

    Rounding rule: a percentage share is computed in cents and rounded half up; the
    company's remainder on the case absorbs the difference so that the split adds up to the
    cost exactly. If the public shares reach 100 % and the rounding overshoots, the last
    percentage share gives back the extra cent(s).
    """

    _name = "support.case.cofinancing"
    _description = "Audit Co-financing Share"
    _order = "case_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    case_id = fields.Many2one(
        "support.case", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="case_id.currency_id")
    role = fields.Selection(
        FUNDER_ROLES,
        required=True,
        default="territory",
        help="Who the funder is in the co-financing plan.",
    )
    funder_id = fields.Many2one(
        "res.partner",
        required=True,
        domain=[("is_company", "=", True)],
        ondelete="restrict",
        help="The organisation paying this share.",
    )
    share_type = fields.Selection(
        [("percent", "Percentage"), ("amount", "Fixed Amount")],
        required=True,
        default="percent",
        help="A percentage of the audit cost, or a fixed amount.",
    )
    percent = fields.Float(digits=(5, 2), help="Share of the audit cost, in percent.")
    fixed_amount = fields.Monetary(help="Share of the audit cost, as an amount.")
    amount = fields.Monetary(
        compute="_compute_amount",
        store=True,
        help="The share in euros: a percentage is computed in cents, rounded half up.",
    )

    @api.depends(
        "share_type",
        "percent",
        "fixed_amount",
        "case_id.audit_cost",
        "case_id.cofinancing_line_ids.percent",
        "case_id.cofinancing_line_ids.share_type",
    )
    def _compute_amount(self):
        """Percentage shares in cents, rounded half up. When the percentages add up to
        100 % and the rounding would overshoot the cost (two times 50 % of 10,01 €), the
        last percentage share gives back the extra cents."""
        amounts = {}
        for case in self.case_id:
            lines = case.cofinancing_line_ids
            cents = {}
            for line in lines:
                if line.share_type == "amount":
                    cents[line] = to_cents(line.fixed_amount)
                else:
                    cents[line] = share_in_cents(case.audit_cost, line.percent, 100)
            percent_lines = lines.filtered(lambda line: line.share_type == "percent")
            cost = to_cents(case.audit_cost)
            excess = sum(cents.values()) - cost
            # Only the rounding's extra cents go back: the exact shares fit in the cost. Shares
            # that exceed it (a fixed amount one cent too high) are left to the constraint.
            exact = sum(
                Decimal(cost) * Decimal(str(line.percent)) / 100 for line in percent_lines
            ) + sum(cents[line] for line in lines - percent_lines)
            if percent_lines and 0 < excess <= len(percent_lines) and exact <= cost:
                cents[percent_lines[-1]] -= excess
            amounts.update(cents)
        for line in self:
            if line in amounts:
                line.amount = amounts[line] / 100
            elif line.share_type == "amount":
                line.amount = line.fixed_amount
            else:
                line.amount = share_in_cents(line.case_id.audit_cost, line.percent, 100) / 100

    @api.constrains("percent", "fixed_amount")
    def _check_positive(self):
        for line in self:
            if line.percent < 0 or line.percent > 100 or line.fixed_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The share of %(funder)s must be between 0 and 100 %% or a positive "
                        "amount.",
                        funder=line.funder_id.display_name,
                    )
                )
