from odoo import api, fields, models
from odoo.exceptions import ValidationError

SCORE_LEVELS = [
    ("0", "0 - Absent"),
    ("1", "1 - Beginning"),
    ("2", "2 - Basic"),
    ("3", "3 - Intermediate"),
    ("4", "4 - Advanced"),
    ("5", "5 - Exemplary"),
]
SCORE_FIELDS = (
    "score_visibility",
    "score_online_sales",
    "score_management",
    "score_customer_relationship",
)
SCORE_MAX = 5 * len(SCORE_FIELDS)


class SupportDigitalDiagnostic(models.Model):
    """The digital maturity of a small business, scored on the France Num axes, and the
    action plan that follows, within a case of the digitalisation programme."""

    _name = "support.digital.diagnostic"
    _description = "Digital Diagnostic"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    case_id = fields.Many2one(
        "support.case",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('programme_id.code', '=', 'DIGITAL')]",
        help="Case of the digitalisation programme this diagnostic belongs to.",
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="case_id.partner_id", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Advisor",
        default=lambda self: self.env.user,
        help="Advisor who made the diagnostic.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    score_visibility = fields.Selection(
        SCORE_LEVELS,
        string="Visibility",
        required=True,
        default="0",
        tracking=True,
        help="Website, online listings, social networks, reviews.",
    )
    score_online_sales = fields.Selection(
        SCORE_LEVELS,
        string="Online Sales",
        required=True,
        default="0",
        tracking=True,
        help="Online shop, marketplaces, online payment, click and collect.",
    )
    score_management = fields.Selection(
        SCORE_LEVELS,
        string="Management",
        required=True,
        default="0",
        tracking=True,
        help="Booking, stock and orders, till, hosting and cybersecurity.",
    )
    score_customer_relationship = fields.Selection(
        SCORE_LEVELS,
        string="Customer Relationship",
        required=True,
        default="0",
        tracking=True,
        help="Customer file, e-mailing, loyalty.",
    )
    total_score = fields.Integer(
        compute="_compute_total_score",
        store=True,
        aggregator="avg",
        help="Sum of the four axes, out of 20.",
    )
    score_percent = fields.Float(
        compute="_compute_total_score",
        store=True,
        string="Maturity (%)",
        aggregator="avg",
        help="Total score over the maximum, in percent.",
    )
    strengths = fields.Text()
    weaknesses = fields.Text()
    action_ids = fields.One2many(
        "support.digital.action", "diagnostic_id", string="Action Plan", copy=True
    )
    action_done_ratio = fields.Float(
        compute="_compute_action_done_ratio",
        string="Action Plan Done (%)",
        help="Actions done over actions not cancelled, in percent.",
    )
    workshop_count = fields.Integer(
        compute="_compute_workshops",
        string="Workshops Attended",
        help="Digital workshops the company attended (events of the digital workshop type).",
    )
    workshop_summary = fields.Text(
        compute="_compute_workshops",
        string="Digital Workshops",
        help="Digital workshops the company registered to, with their date.",
    )

    @api.depends(*SCORE_FIELDS)
    def _compute_total_score(self):
        for diagnostic in self:
            total = sum(int(diagnostic[name] or 0) for name in SCORE_FIELDS)
            diagnostic.total_score = total
            diagnostic.score_percent = 100.0 * total / SCORE_MAX

    @api.depends("action_ids.state")
    def _compute_action_done_ratio(self):
        for diagnostic in self:
            actions = diagnostic.action_ids.filtered(lambda a: a.state != "cancelled")
            done = actions.filtered(lambda a: a.state == "done")
            diagnostic.action_done_ratio = 100.0 * len(done) / len(actions) if actions else 0.0

    @api.depends("partner_id")
    def _compute_workshops(self):
        workshop_type = self.env.ref(
            "accompagnement_entreprise.event_type_digital_workshop", raise_if_not_found=False
        )
        # Advisors have no rights on events: the registrations of the diagnostic's own
        # company are summed up here, read as superuser, never chosen by the user.
        registrations = self.env["event.registration"].sudo()
        if workshop_type and self.partner_id:
            registrations = registrations.search(
                [
                    ("partner_id", "child_of", self.partner_id.commercial_partner_id.ids),
                    ("event_id.event_type_id", "=", workshop_type.id),
                    ("state", "in", ("open", "done")),
                ],
                order="event_begin_date",
            )
        for diagnostic in self:
            own = registrations.filtered(
                lambda r, d=diagnostic: (
                    r.partner_id.commercial_partner_id == d.partner_id.commercial_partner_id
                )
            )
            diagnostic.workshop_count = len(own.filtered(lambda r: r.state == "done"))
            diagnostic.workshop_summary = "\n".join(
                self.env._(
                    "%(date)s: %(workshop)s (%(state)s)",
                    date=fields.Date.to_string(r.event_begin_date.date()),
                    workshop=r.event_id.name,
                    state=self.env._("attended") if r.state == "done" else self.env._("registered"),
                )
                for r in own
            )

    @api.constrains("case_id")
    def _check_case_programme(self):
        digital = self.env.ref(
            "accompagnement_entreprise.support_programme_digitalisation", raise_if_not_found=False
        )
        for diagnostic in self:
            if diagnostic.case_id.programme_id != digital:
                raise ValidationError(
                    self.env._(
                        "A digital diagnostic belongs to a case of the digitalisation "
                        "programme; %(case)s is in %(programme)s.",
                        case=diagnostic.case_id.display_name,
                        programme=diagnostic.case_id.programme_id.name,
                    )
                )

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for diagnostic in self:
            diagnostic.display_name = self.env._(
                "Digital diagnostic of %(company)s (%(date)s)",
                company=diagnostic.partner_id.name or "",
                date=fields.Date.to_string(diagnostic.date) or "",
            )
