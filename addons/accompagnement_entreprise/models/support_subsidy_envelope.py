from odoo import api, fields, models

from .support_subsidy import COMMITTED_STATES


class SupportSubsidyEnvelope(models.Model):
    """A funder's yearly budget for subsidies (optionally under a convention).

    Committed is what the committed subsidies take (their final amount), paid is what was
    paid out net of recoveries, remaining is the budget minus the committed amount.
    """

    _name = "support.subsidy.envelope"
    _description = "Subsidy Budget Envelope"
    _inherit = ["mail.thread"]
    _order = "year desc, funder_id, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    funder_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        ondelete="restrict",
        help="The collectivité or body whose budget this is.",
    )
    convention_id = fields.Many2one(
        "territory.convention",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The convention the envelope funds, if any.",
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
        aggregator=None,
    )
    programme_ids = fields.Many2many(
        "support.programme",
        string="Programmes",
        domain=[("is_audit", "=", True)],
        help="Audit programmes the envelope pays for; empty: all.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(
        string="Budget", required=True, tracking=True, help="Amount voted for the year."
    )
    subsidy_ids = fields.One2many("support.subsidy", "envelope_id", string="Subsidies")
    amount_committed = fields.Monetary(string="Committed", compute="_compute_amounts", store=True)
    amount_paid = fields.Monetary(string="Paid", compute="_compute_amounts", store=True)
    amount_remaining = fields.Monetary(string="Remaining", compute="_compute_amounts", store=True)
    subsidy_count = fields.Integer(compute="_compute_amounts", store=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "An envelope's budget cannot be negative."),
        (
            "funder_year_name_unique",
            "UNIQUE(funder_id, year, name, company_id)",
            "This funder already has an envelope of this name for this year.",
        ),
    ]

    @api.depends(
        "amount",
        "subsidy_ids.amount_committed",
        "subsidy_ids.amount_paid",
        "subsidy_ids.state",
    )
    def _compute_amounts(self):
        for envelope in self:
            subsidies = envelope.subsidy_ids.filtered(
                lambda subsidy: subsidy.state in COMMITTED_STATES or subsidy.amount_paid
            )
            envelope.amount_committed = sum(subsidies.mapped("amount_committed"))
            envelope.amount_paid = sum(subsidies.mapped("amount_paid"))
            envelope.amount_remaining = envelope.amount - envelope.amount_committed
            envelope.subsidy_count = len(subsidies)

    @api.depends("name", "year", "funder_id")
    def _compute_display_name(self):
        for envelope in self:
            envelope.display_name = f"{envelope.name} ({envelope.year})"

    def action_view_subsidies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_subsidy_action"
        )
        action["domain"] = [("envelope_id", "=", self.id)]
        action["context"] = {
            "default_envelope_id": self.id,
            "default_funder_id": self.funder_id.id,
        }
        return action
