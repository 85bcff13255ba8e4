from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TerritoryFundingLine(models.Model):
    """One funder's share of an action."""

    _name = "territory.funding.line"
    _description = "Funding Line"
    _order = "action_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    action_id = fields.Many2one(
        "territory.action", required=True, index=True, ondelete="cascade", check_company=True
    )
    convention_id = fields.Many2one(
        related="action_id.convention_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="action_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="action_id.currency_id")
    funder_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        domain=[("is_company", "=", True)],
        ondelete="restrict",
    )
    scheme_id = fields.Many2one("territory.funding.scheme", required=True, ondelete="restrict")
    amount = fields.Monetary(required=True)
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("requested", "Requested"),
            ("granted", "Granted"),
            ("paid", "Paid"),
        ],
        string="Status",
        default="planned",
        required=True,
    )
    funding_type = fields.Selection(
        [("own", "Own Funds"), ("aid", "Aid")],
        compute="_compute_funding_type",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="Own funds come from a pilot of the action; the rest is aid.",
    )
    note = fields.Char()

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A funding amount must be positive.")
    ]

    @api.depends("funder_id", "action_id")
    def _compute_funding_type(self):
        for line in self:
            is_pilot = line.funder_id and line.funder_id in line.action_id.pilot_ids
            line.funding_type = "own" if is_pilot else "aid"

    @api.onchange("scheme_id")
    def _onchange_scheme_id(self):
        if self.scheme_id.partner_id and not self.funder_id:
            self.funder_id = self.scheme_id.partner_id

    @api.constrains("amount", "action_id")
    def _check_action_budget(self):
        self.action_id._check_funding_within_budget()

    @api.constrains("action_id", "funder_id")
    def _check_funder_is_organisation(self):
        people = self.funder_id.filtered(lambda partner: not partner.is_company)
        if people:
            raise ValidationError(
                self.env._(
                    "The funder %(name)s is a person: choose an organisation.",
                    name=people[0].name,
                )
            )
