from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TerritoryAction(models.Model):
    """A fiche-action of a convention's action plan."""

    _name = "territory.action"
    _description = "Action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "convention_id, sequence, code, id"
    _rec_names_search = ["name", "code"]
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    code = fields.Char(index=True, help="Code of the fiche-action in the plan, e.g. A3.")
    name = fields.Char(string="Title", required=True, tracking=True)
    description = fields.Html()
    convention_id = fields.Many2one(
        "territory.convention",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        related="convention_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="convention_id.currency_id")
    axis_id = fields.Many2one(
        "territory.action.axis",
        ondelete="restrict",
        index=True,
        tracking=True,
        group_expand="_read_group_axis_ids",
    )
    ambition_id = fields.Many2one("territory.action.ambition", ondelete="restrict", index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        help="User who follows the action; besides managers, only this user may edit it.",
    )
    pilot_ids = fields.Many2many(
        "res.partner",
        "territory_action_pilot_rel",
        "action_id",
        "partner_id",
        string="Pilots",
        domain=[("is_company", "=", True)],
        help="Organisations that lead the action (maîtres d'ouvrage). Their funding lines "
        "count as own funds.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "territory_action_partner_rel",
        "action_id",
        "partner_id",
        string="Partners",
        domain=[("is_company", "=", True)],
    )
    date_start = fields.Date(string="Start Date")
    date_end = fields.Date(string="End Date")
    state = fields.Selection(
        [
            ("idea", "Idea"),
            ("emerging", "Emerging"),
            ("setting_up", "Being Set Up"),
            ("committed", "Committed"),
            ("done", "Done"),
            ("abandoned", "Abandoned"),
        ],
        string="Status",
        default="idea",
        required=True,
        tracking=True,
        index=True,
        group_expand="_read_group_states",
    )
    progress = fields.Integer(help="Progress of the action, in percent.", tracking=True)
    milestone_ids = fields.One2many("territory.action.milestone", "action_id", string="Milestones")
    budget = fields.Monetary(
        help="Optional total cost of the action; when set, funding cannot exceed it."
    )
    funding_line_ids = fields.One2many(
        "territory.funding.line", "action_id", string="Funding Lines"
    )
    funding_total = fields.Monetary(
        compute="_compute_funding_totals", store=True, string="Total Funding"
    )
    own_funds_total = fields.Monetary(
        compute="_compute_funding_totals", store=True, string="Own Funds"
    )
    aid_total = fields.Monetary(compute="_compute_funding_totals", store=True, string="Aided Share")
    aid_rate = fields.Float(
        compute="_compute_funding_totals",
        store=True,
        string="Aid Rate (%)",
        aggregator="avg",
        help="Aided share of the total funding, in percent.",
    )
    indicator_ids = fields.One2many("territory.indicator", "action_id", string="Indicators")
    color = fields.Integer()
    kanban_state = fields.Selection(
        [("normal", "On Track"), ("blocked", "Blocked"), ("done", "Ready")],
        default="normal",
    )

    _sql_constraints = [
        ("progress_range", "CHECK(progress BETWEEN 0 AND 100)", "Progress is between 0 and 100 %."),
        ("budget_positive", "CHECK(budget IS NULL OR budget >= 0)", "A budget cannot be negative."),
    ]

    @api.model
    def _read_group_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection]

    @api.model
    def _read_group_axis_ids(self, axes, domain):
        return axes.search([])

    @api.depends("funding_line_ids.amount", "funding_line_ids.funding_type")
    def _compute_funding_totals(self):
        for action in self:
            own = sum(
                action.funding_line_ids.filtered(lambda line: line.funding_type == "own").mapped(
                    "amount"
                )
            )
            total = sum(action.funding_line_ids.mapped("amount"))
            action.own_funds_total = own
            action.aid_total = total - own
            action.funding_total = total
            action.aid_rate = 100.0 * (total - own) / total if total else 0.0

    @api.constrains("date_start", "date_end", "convention_id")
    def _check_dates(self):
        for action in self:
            if action.date_start and action.date_end and action.date_end < action.date_start:
                raise ValidationError(
                    self.env._(
                        "The action %(name)s ends on %(end)s, before it starts on %(start)s.",
                        name=action.display_name,
                        end=action.date_end,
                        start=action.date_start,
                    )
                )
            convention = action.convention_id
            # Each date within the convention's period: an action starting after the
            # convention ended, or ending before it began, is outside it too.
            outside = any(
                date and not convention.date_start <= date <= convention.date_end
                for date in (action.date_start, action.date_end)
            )
            if outside:
                raise ValidationError(
                    self.env._(
                        "The action %(name)s must take place within the period of its "
                        "convention, from %(start)s to %(end)s.",
                        name=action.display_name,
                        start=convention.date_start,
                        end=convention.date_end,
                    )
                )

    @api.constrains("budget", "funding_line_ids")
    def _check_funding_within_budget(self):
        for action in self:
            if action.budget and action.funding_total > action.budget:
                raise ValidationError(
                    self.env._(
                        "The funding of the action %(name)s (%(funding)s) exceeds its budget "
                        "(%(budget)s).",
                        name=action.display_name,
                        funding=action._format_amount(action.funding_total),
                        budget=action._format_amount(action.budget),
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for action in self:
            action.display_name = f"{action.code} {action.name}" if action.code else action.name

    def _format_amount(self, amount):
        return f"{amount:,.2f} {self.currency_id.symbol or ''}".replace(",", "\u202f").replace(
            ".", ","
        )
