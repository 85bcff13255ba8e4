from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import to_cents

FINANCE_GROUPS = "accompagnement_entreprise.accompagnement_entreprise_group_user"


class SupportCase(models.Model):
    """Audit details of a support case of an audit programme (RH+, Dév'com+...).

    The co-financing lines give the public funders' shares (territory, chamber, Region);
    the company pays the remainder, which absorbs the rounding difference so that the
    shares always add up to the audit cost, to the cent.
    """

    _inherit = "support.case"

    is_audit = fields.Boolean(related="programme_id.is_audit", string="Is an Audit")
    currency_id = fields.Many2one(related="company_id.currency_id")
    audit_provider_id = fields.Many2one(
        "res.partner",
        tracking=True,
        groups=FINANCE_GROUPS,
        help="Consultant or firm carrying out the audit.",
    )
    audit_days = fields.Float(
        tracking=True,
        groups=FINANCE_GROUPS,
        help="Number of consultant days of the audit.",
    )
    audit_cost = fields.Monetary(
        tracking=True,
        groups=FINANCE_GROUPS,
        help="Total cost of the audit (excluding VAT), shared between the funders and the company.",
    )
    audit_date_visit = fields.Date(
        string="Diagnostic Visit On", tracking=True, groups=FINANCE_GROUPS
    )
    audit_date_report = fields.Date(
        string="Report Received On",
        tracking=True,
        groups=FINANCE_GROUPS,
        help="Date the audit report was received: the service is done.",
    )
    cofinancing_line_ids = fields.One2many(
        "support.case.cofinancing",
        "case_id",
        string="Co-financing",
        groups=FINANCE_GROUPS,
        help="Public funders' shares; the company pays the remainder.",
    )
    audit_funded_amount = fields.Monetary(
        string="Public Funding",
        compute="_compute_audit_company_amount",
        store=True,
        groups=FINANCE_GROUPS,
    )
    audit_company_amount = fields.Monetary(
        string="Company's Remainder",
        compute="_compute_audit_company_amount",
        store=True,
        groups=FINANCE_GROUPS,
        help="Cost minus the funders' shares: it absorbs the rounding of the percentages.",
    )
    audit_company_percent = fields.Float(
        string="Company's Remainder (%)",
        compute="_compute_audit_company_amount",
        store=True,
        digits=(5, 2),
        groups=FINANCE_GROUPS,
    )
    subsidy_ids = fields.One2many(
        "support.subsidy", "case_id", string="Subsidies", groups=FINANCE_GROUPS
    )
    subsidy_count = fields.Integer(compute="_compute_subsidy_count", groups=FINANCE_GROUPS)

    @api.depends("audit_cost", "cofinancing_line_ids.amount")
    def _compute_audit_company_amount(self):
        for case in self:
            funded = sum(to_cents(line.amount) for line in case.cofinancing_line_ids)
            cost = to_cents(case.audit_cost)
            case.audit_funded_amount = funded / 100
            case.audit_company_amount = (cost - funded) / 100
            case.audit_company_percent = (cost - funded) * 100 / cost if cost else 0.0

    def _compute_subsidy_count(self):
        counts = dict(
            self.env["support.subsidy"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.subsidy_count = counts.get(case, 0)

    @api.constrains("audit_cost", "audit_days", "cofinancing_line_ids")
    def _check_audit_split(self):
        for case in self:
            if case.audit_cost < 0 or case.audit_days < 0:
                raise ValidationError(
                    self.env._(
                        "The audit cost and days of %(case)s cannot be negative.",
                        case=case.display_name,
                    )
                )
            if case.audit_company_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The funders' shares of %(case)s (%(funded).2f) exceed the audit "
                        "cost (%(cost).2f).",
                        case=case.display_name,
                        funded=case.audit_funded_amount,
                        cost=case.audit_cost,
                    )
                )

    def action_view_subsidies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_subsidy_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {
            "default_case_id": self.id,
            "search_default_group_by_state": 0,
        }
        return action
