from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount

from odoo.addons.territoire_industrie.tools import (
    amount_to_words_and_figures_fr,
    amount_to_words_fr,
)

from ..tools import share_in_cents, to_cents

MANAGER_GROUP = "accompagnement_entreprise.accompagnement_entreprise_group_manager"
STATES = [
    ("request", "Request"),
    ("review", "Under Review"),
    ("decided", "Decided"),
    ("notified", "Notified"),
    ("committed", "Committed"),
    ("advance_paid", "Advance Paid"),
    ("service_done", "Service Done"),
    ("recovery", "Overpayment to Recover"),
    ("closed", "Closed"),
    ("lapsed", "Lapsed"),
    ("refused", "Refused"),
]
# Aid that has been granted (counts for de minimis), and aid committed on an envelope.
GRANTED_STATES = (
    "decided",
    "notified",
    "committed",
    "advance_paid",
    "service_done",
    "recovery",
    "closed",
)
COMMITTED_STATES = ("committed", "advance_paid", "service_done", "recovery", "closed")
# What an advisor may fill in on a request; everything else is the managers' decision.
ADVISOR_FIELDS = {
    "case_id",
    "funder_id",
    "envelope_id",
    "object",
    "eligible_cost",
    "amount_requested",
    "date_request",
    "deminimis_declaration_id",
    "company_id",
    "note",
}
# Above this amount a convention is compulsory for a private-law beneficiary
# (loi 2000-321 art. 10, décret 2001-495).
CONVENTION_THRESHOLD = 23000.0
DEMINIMIS_YEARS = 3


class SupportSubsidy(models.Model):
    """A subsidy paying part of an audit, from the request to its closing.

    request -> review -> decision (deliberation) -> notification or convention ->
    commitment on a funder's envelope -> advance(s) -> service done (report received) ->
    balance -> closed; side exits: refused, lapsed, recovery of an overpayment.
    """

    _name = "support.subsidy"
    _description = "Subsidy"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_request desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    state = fields.Selection(
        STATES,
        string="Status",
        default="request",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    case_id = fields.Many2one(
        "support.case",
        string="Audit",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
        domain=[("programme_id.is_audit", "=", True)],
        help="The audit the subsidy pays part of.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        related="case_id.partner_id", string="Beneficiary", store=True, index=True
    )
    programme_id = fields.Many2one(related="case_id.programme_id", store=True, index=True)
    epci_id = fields.Many2one(related="case_id.epci_id", store=True, string="EPCI")
    territory_industry_id = fields.Many2one(related="case_id.territory_industry_id", store=True)
    user_id = fields.Many2one(related="case_id.user_id", string="Advisor", store=True)
    siren = fields.Char(
        string="SIREN",
        compute="_compute_siren",
        store=True,
        index=True,
        help="SIREN of the beneficiary: the first nine digits of its SIRET.",
    )
    undertaking_id = fields.Many2one(
        "res.partner",
        string="Single Undertaking",
        compute="_compute_siren",
        store=True,
        index=True,
        help="The single undertaking (entreprise unique) de minimis aid is summed on.",
    )
    funder_id = fields.Many2one(
        "res.partner",
        required=True,
        tracking=True,
        index=True,
        domain=[("is_company", "=", True)],
        ondelete="restrict",
        help="The collectivité or body granting the subsidy.",
    )
    envelope_id = fields.Many2one(
        "support.subsidy.envelope",
        string="Budget Envelope",
        tracking=True,
        index=True,
        check_company=True,
        domain="[('funder_id', '=', funder_id)]",
        help="The funder's budget envelope the subsidy is committed on.",
    )
    object = fields.Char(
        required=True,
        help="What the subsidy pays for, as written in the decision and the convention.",
    )
    note = fields.Html()
    date_request = fields.Date(
        string="Requested On", required=True, default=fields.Date.context_today
    )
    eligible_cost = fields.Monetary(
        compute="_compute_eligible_cost",
        store=True,
        readonly=False,
        tracking=True,
        help="Cost of the audit the subsidy is computed on.",
    )
    amount_requested = fields.Monetary(
        compute="_compute_amount_requested",
        store=True,
        readonly=False,
        tracking=True,
        help="The funder's share in the audit's co-financing plan.",
    )
    # Decision
    deliberation_number = fields.Char(tracking=True, copy=False)
    date_decision = fields.Date(
        string="Decided On",
        tracking=True,
        copy=False,
        help="Date of the deliberation: the grant date for the de minimis rule.",
    )
    amount_granted = fields.Monetary(tracking=True, copy=False)
    amount_granted_words = fields.Char(
        string="Amount in Words", compute="_compute_amount_granted_words"
    )
    amount_granted_text = fields.Char(
        string="Amount in Words and Figures",
        compute="_compute_amount_granted_words",
        help='As written in the documents, e.g. "douze mille cinq cents euros (12 500,00 €)".',
    )
    # Notification or convention
    notification_type = fields.Selection(
        [("notification", "Notification Letter"), ("convention", "Convention")],
        compute="_compute_notification_type",
        store=True,
        readonly=False,
        tracking=True,
        help="A convention is compulsory above EUR 23,000 for a private beneficiary.",
    )
    date_notified = fields.Date(string="Notified On", tracking=True, copy=False)
    # Commitment
    date_committed = fields.Date(string="Committed On", tracking=True, copy=False)
    envelope_override = fields.Boolean(
        string="Committed Beyond the Envelope", readonly=True, copy=False, tracking=True
    )
    envelope_override_reason = fields.Text(readonly=True, copy=False)
    envelope_override_user_id = fields.Many2one(
        "res.users", string="Overridden By", readonly=True, copy=False
    )
    envelope_override_date = fields.Datetime(string="Overridden On", readonly=True, copy=False)
    # Service done and balance
    date_service_due = fields.Date(
        string="Service Due By",
        tracking=True,
        help="The audit report must be received by this date, or the subsidy may lapse.",
    )
    date_service_done = fields.Date(string="Service Done On", tracking=True, copy=False)
    actual_cost = fields.Monetary(
        tracking=True,
        copy=False,
        help="Cost actually justified; lower than the eligible cost, it reduces the "
        "subsidy pro rata.",
    )
    amount_final = fields.Monetary(
        string="Final Amount",
        compute="_compute_amount_final",
        store=True,
        tracking=True,
        help="Amount granted, reduced pro rata when the actual cost is lower (computed in "
        "cents, rounded half up); zero once lapsed.",
    )
    lapse_reason = fields.Text(copy=False)
    payment_ids = fields.One2many("support.subsidy.payment", "subsidy_id", string="Payments")
    amount_paid = fields.Monetary(
        compute="_compute_amount_paid",
        store=True,
        tracking=True,
        help="Advances and balance paid, minus the amounts recovered.",
    )
    amount_to_pay = fields.Monetary(
        string="Left to Pay", compute="_compute_amount_paid", store=True
    )
    amount_to_recover = fields.Monetary(compute="_compute_amount_paid", store=True)
    amount_committed = fields.Monetary(
        compute="_compute_amount_committed",
        store=True,
        help="What the subsidy takes from its envelope.",
    )
    deminimis_amount = fields.Monetary(
        string="De Minimis Aid",
        compute="_compute_amount_committed",
        store=True,
        help="Aid counted for the de minimis ceiling.",
    )
    deminimis_declaration_id = fields.Many2one(
        "support.deminimis.declaration",
        string="De Minimis Declaration",
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id)]",
        help="The beneficiary's declaration of the aid received from other bodies.",
    )
    deminimis_total = fields.Monetary(
        string="De Minimis Total",
        compute="_compute_deminimis_total",
        help="Aid of the single undertaking over the three years up to the grant date, "
        "this aid included.",
    )
    deminimis_ceiling = fields.Monetary(compute="_compute_deminimis_total")

    _sql_constraints = [
        (
            "amounts_positive",
            (
                "CHECK(amount_requested >= 0 AND amount_granted >= 0 AND eligible_cost >= 0 "
                "AND actual_cost >= 0)"
            ),
            "Subsidy amounts cannot be negative.",
        ),
    ]

    @api.depends("partner_id.company_registry", "partner_id.deminimis_undertaking_id")
    def _compute_siren(self):
        for subsidy in self:
            company = subsidy.partner_id.commercial_partner_id
            registry = (company.company_registry or "").replace(" ", "")
            subsidy.siren = registry[:9] if len(registry) >= 9 else False
            subsidy.undertaking_id = company.deminimis_undertaking_id or company

    @api.depends("case_id")
    def _compute_eligible_cost(self):
        for subsidy in self:
            if not subsidy.eligible_cost:
                subsidy.eligible_cost = subsidy.case_id.sudo().audit_cost

    @api.depends("case_id", "funder_id")
    def _compute_amount_requested(self):
        for subsidy in self:
            if subsidy.amount_requested:
                continue
            lines = subsidy.case_id.sudo().cofinancing_line_ids.filtered(
                lambda line, funder=subsidy.funder_id: line.funder_id == funder
            )
            subsidy.amount_requested = sum(lines.mapped("amount"))

    @api.depends("amount_granted")
    def _compute_amount_granted_words(self):
        for subsidy in self:
            subsidy.amount_granted_words = amount_to_words_fr(subsidy.amount_granted)
            subsidy.amount_granted_text = amount_to_words_and_figures_fr(subsidy.amount_granted)

    @api.depends("amount_granted", "amount_requested")
    def _compute_notification_type(self):
        for subsidy in self:
            amount = subsidy.amount_granted or subsidy.amount_requested
            if amount > CONVENTION_THRESHOLD or not subsidy.notification_type:
                subsidy.notification_type = (
                    "convention" if amount > CONVENTION_THRESHOLD else "notification"
                )

    @api.depends("amount_granted", "eligible_cost", "actual_cost", "date_service_done", "state")
    def _compute_amount_final(self):
        for subsidy in self:
            if subsidy.state in ("lapsed", "refused"):
                subsidy.amount_final = 0.0
            elif (
                subsidy.date_service_done
                and subsidy.eligible_cost
                and to_cents(subsidy.actual_cost) < to_cents(subsidy.eligible_cost)
            ):
                subsidy.amount_final = (
                    share_in_cents(
                        subsidy.amount_granted,
                        to_cents(subsidy.actual_cost),
                        to_cents(subsidy.eligible_cost),
                    )
                    / 100
                )
            else:
                subsidy.amount_final = subsidy.amount_granted

    @api.depends("payment_ids.amount", "payment_ids.payment_type", "amount_final")
    def _compute_amount_paid(self):
        for subsidy in self:
            paid = 0
            for payment in subsidy.payment_ids:
                sign = -1 if payment.payment_type == "recovery" else 1
                paid += sign * to_cents(payment.amount)
            final = to_cents(subsidy.amount_final)
            subsidy.amount_paid = paid / 100
            subsidy.amount_to_pay = max(final - paid, 0) / 100
            subsidy.amount_to_recover = max(paid - final, 0) / 100

    @api.depends("state", "amount_granted", "amount_final", "amount_paid")
    def _compute_amount_committed(self):
        for subsidy in self:
            subsidy.amount_committed = (
                subsidy.amount_final if subsidy.state in COMMITTED_STATES else 0.0
            )
            if subsidy.state in GRANTED_STATES:
                subsidy.deminimis_amount = subsidy.amount_final
            elif subsidy.state == "lapsed":
                subsidy.deminimis_amount = subsidy.amount_paid
            else:
                subsidy.deminimis_amount = 0.0

    @api.depends("undertaking_id", "siren", "date_decision", "amount_granted", "state")
    def _compute_deminimis_total(self):
        Ceiling = self.env["support.deminimis.ceiling"]
        for subsidy in self:
            date = subsidy.date_decision or fields.Date.context_today(subsidy)
            if subsidy.state in GRANTED_STATES or subsidy.state == "lapsed":
                own = subsidy.deminimis_amount
            elif subsidy.state == "refused":
                own = 0.0
            else:
                own = subsidy.amount_granted or subsidy.amount_requested
            previous = subsidy._deminimis_previous_aid(date) if subsidy.partner_id else 0.0
            subsidy.deminimis_total = (to_cents(previous) + to_cents(own)) / 100
            subsidy.deminimis_ceiling = Ceiling._ceiling_at(date).amount

    @api.constrains("amount_granted", "eligible_cost")
    def _check_amount_granted(self):
        for subsidy in self:
            if to_cents(subsidy.amount_granted) > to_cents(subsidy.eligible_cost):
                raise ValidationError(
                    self.env._(
                        "The amount granted (%(granted)s) exceeds the eligible cost of the "
                        "audit (%(cost)s).",
                        granted=subsidy._fmt(subsidy.amount_granted),
                        cost=subsidy._fmt(subsidy.eligible_cost),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        is_manager = self.env.user.has_group(MANAGER_GROUP) or self.env.su
        for vals in vals_list:
            if not is_manager:
                self._check_advisor_fields(vals)
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code(
                        "support.subsidy", sequence_date=vals.get("date_request")
                    )
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            allowed_state = vals.get("state") == "review" and all(
                subsidy.state == "request" for subsidy in self
            )
            self._check_advisor_fields(
                {key: value for key, value in vals.items() if key != "state" or not allowed_state}
            )
        self._check_locked_fields(vals)
        return super().write(vals)

    def _check_advisor_fields(self, vals):
        # Empty values (a new form sends every field) decide nothing.
        forbidden = (
            {key for key, value in vals.items() if value}
            - ADVISOR_FIELDS
            - {
                "name",
                "message_follower_ids",
                "notification_type",
            }
        )
        if forbidden:
            raise AccessError(
                self.env._(
                    "Only a subsidy manager can decide, commit or pay a subsidy "
                    "(fields: %(fields)s).",
                    fields=", ".join(sorted(forbidden)),
                )
            )

    def _check_locked_fields(self, vals):
        locked = {"amount_granted", "envelope_id", "funder_id", "eligible_cost"} & set(vals)
        if locked and any(subsidy.state in COMMITTED_STATES for subsidy in self):
            raise UserError(
                self.env._(
                    "The amount, funder, envelope and eligible cost of a committed subsidy "
                    "cannot change: record the actual cost when the service is done."
                )
            )

    def _fmt(self, amount):
        return format_amount(self.env, amount, self.currency_id or self.env.company.currency_id)

    def _check_manager(self):
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(self.env._("Only a subsidy manager can do this."))

    def _check_state(self, allowed, action):
        for subsidy in self:
            if subsidy.state not in allowed:
                raise UserError(
                    self.env._(
                        "The subsidy %(subsidy)s cannot be %(action)s in the status %(state)s.",
                        subsidy=subsidy.name,
                        action=action,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            subsidy.state
                        ],
                    )
                )

    def _deminimis_domain(self):
        self.ensure_one()
        undertaking = self.undertaking_id
        members = (
            self.env["res.partner"].search([("deminimis_undertaking_id", "=", undertaking.id)])
            if undertaking
            else self.env["res.partner"]
        )
        sirens = {
            (partner.company_registry or "").replace(" ", "")[:9]
            for partner in members
            if len((partner.company_registry or "").replace(" ", "")) >= 9
        }
        if self.siren:
            sirens.add(self.siren)
        domain = [("undertaking_id", "=", undertaking.id)] if undertaking else []
        if sirens:
            domain = (
                ["|", ("siren", "in", list(sirens))] + domain
                if domain
                else [("siren", "in", list(sirens))]
            )
        return domain or [("id", "=", self.id)], members

    def _deminimis_previous_aid(self, date):
        """De minimis aid of the single undertaking granted in the three years counted back
        from ``date``, both ends included ([date - 3 years, date]): our subsidies (other
        than this one) and the aid the beneficiary declared."""
        self.ensure_one()
        date = fields.Date.to_date(date)
        start = date - relativedelta(years=DEMINIMIS_YEARS)
        domain, members = self._deminimis_domain()
        Subsidy = self.env["support.subsidy"].sudo()
        subsidies = Subsidy.search(
            domain
            + [
                ("id", "!=", self._origin.id or 0),
                ("date_decision", ">=", start),
                ("date_decision", "<=", date),
                ("deminimis_amount", ">", 0),
            ]
        )
        total = sum(to_cents(amount) for amount in subsidies.mapped("deminimis_amount"))
        partners = members | self.partner_id.commercial_partner_id
        lines = (
            self.env["support.deminimis.declaration.line"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", partners.ids),
                    ("date_granted", ">=", start),
                    ("date_granted", "<=", date),
                ]
            )
        )
        total += sum(to_cents(amount) for amount in lines.mapped("amount"))
        return total / 100

    def _check_deminimis(self):
        Ceiling = self.env["support.deminimis.ceiling"]
        for subsidy in self:
            ceiling = Ceiling._ceiling_at(subsidy.date_decision)
            if not ceiling:
                raise UserError(
                    self.env._(
                        "No de minimis ceiling is configured for %(date)s.",
                        date=subsidy.date_decision,
                    )
                )
            previous = subsidy._deminimis_previous_aid(subsidy.date_decision)
            total = to_cents(previous) + to_cents(subsidy.amount_granted)
            if total > to_cents(ceiling.amount):
                raise UserError(
                    self.env._(
                        "De minimis ceiling exceeded for %(beneficiary)s: %(previous)s of aid "
                        "in the three years up to %(date)s plus this %(amount)s come to "
                        "%(total)s, above the ceiling of %(ceiling)s.",
                        beneficiary=subsidy.partner_id.display_name,
                        previous=subsidy._fmt(previous),
                        date=subsidy.date_decision,
                        amount=subsidy._fmt(subsidy.amount_granted),
                        total=subsidy._fmt(total / 100),
                        ceiling=subsidy._fmt(ceiling.amount),
                    )
                )

    # Lifecycle -----------------------------------------------------------------------

    def action_submit(self):
        self._check_state(("request",), self.env._("submitted"))
        self.write({"state": "review"})
        return True

    def action_decide(self):
        self._check_manager()
        self._check_state(("review",), self.env._("decided"))
        for subsidy in self:
            if not (
                subsidy.deliberation_number and subsidy.date_decision and subsidy.amount_granted > 0
            ):
                raise UserError(
                    self.env._(
                        "Give the deliberation number, its date and the amount granted "
                        "before recording the decision on %(subsidy)s.",
                        subsidy=subsidy.name,
                    )
                )
        self._check_deminimis()
        self.write({"state": "decided"})
        return True

    def action_refuse(self):
        self._check_manager()
        self._check_state(("request", "review"), self.env._("refused"))
        self.write({"state": "refused"})
        return True

    def action_notify(self):
        self._check_manager()
        self._check_state(("decided",), self.env._("notified"))
        for subsidy in self:
            if (
                subsidy.amount_granted > CONVENTION_THRESHOLD
                and subsidy.notification_type != "convention"
            ):
                raise UserError(
                    self.env._(
                        "Above %(threshold)s a convention is compulsory: choose a "
                        "convention for %(subsidy)s.",
                        threshold=subsidy._fmt(CONVENTION_THRESHOLD),
                        subsidy=subsidy.name,
                    )
                )
        self.write(
            {
                "state": "notified",
                "date_notified": self.date_notified or fields.Date.context_today(self),
            }
            if len(self) == 1
            else {"state": "notified", "date_notified": fields.Date.context_today(self)}
        )
        return True

    def action_commit(self):
        """Commit the subsidies on their envelopes; refused beyond what is left."""
        self._check_manager()
        self._check_state(("notified",), self.env._("committed"))
        for subsidy in self:
            subsidy._check_envelope_room()
            subsidy.write({"state": "committed", "date_committed": fields.Date.context_today(self)})
        return True

    def _check_envelope_room(self, override=False):
        self.ensure_one()
        if not self.envelope_id:
            raise UserError(
                self.env._(
                    "Choose the budget envelope the subsidy %(subsidy)s is committed on.",
                    subsidy=self.name,
                )
            )
        envelope = self.envelope_id
        if envelope.funder_id != self.funder_id or (
            envelope.programme_ids and self.programme_id not in envelope.programme_ids
        ):
            raise UserError(
                self.env._(
                    "The envelope %(envelope)s belongs to %(funder)s and pays for "
                    "%(programmes)s: it cannot fund the subsidy %(subsidy)s.",
                    envelope=envelope.display_name,
                    funder=envelope.funder_id.display_name,
                    programmes=", ".join(envelope.programme_ids.mapped("name"))
                    or self.env._("every audit programme"),
                    subsidy=self.name,
                )
            )
        convention = envelope.sudo().convention_id
        if convention and convention.date_end < fields.Date.context_today(self):
            # Even beyond the envelope: an ended convention commits nothing any more.
            raise UserError(
                self.env._(
                    "The envelope %(envelope)s funds the convention %(convention)s, which "
                    "ended on %(date)s: no subsidy can be committed on it any more. Choose "
                    "an envelope of a convention in force.",
                    envelope=envelope.display_name,
                    convention=convention.display_name,
                    date=convention.date_end,
                )
            )
        remaining = envelope.amount_remaining
        if to_cents(self.amount_granted) > to_cents(remaining) and not override:
            raise UserError(
                self.env._(
                    "The envelope %(envelope)s has %(remaining)s left: committing "
                    "%(amount)s would exceed it by %(excess)s. A manager can commit it "
                    "beyond the envelope with a reason.",
                    envelope=self.envelope_id.display_name,
                    remaining=self._fmt(remaining),
                    amount=self._fmt(self.amount_granted),
                    excess=self._fmt(self.amount_granted - remaining),
                )
            )

    def _commit_beyond_envelope(self, reason):
        """Commit beyond the envelope, recording who, when and why."""
        self.ensure_one()
        self._check_manager()
        self._check_state(("notified",), self.env._("committed"))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for committing beyond the envelope."))
        self._check_envelope_room(override=True)
        self.write(
            {
                "state": "committed",
                "date_committed": fields.Date.context_today(self),
                "envelope_override": True,
                "envelope_override_reason": reason,
                "envelope_override_user_id": self.env.uid,
                "envelope_override_date": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=self.env._(
                "Committed beyond the envelope %(envelope)s by %(user)s: %(reason)s",
                envelope=self.envelope_id.display_name,
                user=self.env.user.name,
                reason=reason,
            )
        )
        return True

    def action_open_override(self):
        self.ensure_one()
        self._check_manager()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Commit Beyond the Envelope"),
            "res_model": "support.subsidy.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_subsidy_id": self.id},
        }

    def action_service_done(self):
        """The audit report is received: the balance is computed on the actual cost."""
        self._check_manager()
        self._check_state(("committed", "advance_paid"), self.env._("marked as done"))
        today = fields.Date.context_today(self)
        for subsidy in self:
            actual = subsidy.actual_cost or subsidy.eligible_cost
            if to_cents(actual) <= 0:
                raise UserError(
                    self.env._(
                        "Give the actual cost of the audit of %(subsidy)s.", subsidy=subsidy.name
                    )
                )
            subsidy.write(
                {"state": "service_done", "date_service_done": today, "actual_cost": actual}
            )
            case = subsidy.case_id.sudo()
            if not case.audit_date_report:
                case.audit_date_report = today
            subsidy._update_payment_state()
        return True

    def action_lapse(self):
        self._check_manager()
        self._check_state(
            ("decided", "notified", "committed", "advance_paid"), self.env._("lapsed")
        )
        self.write({"state": "lapsed"})
        return True

    def action_close(self):
        self._check_manager()
        for subsidy in self:
            if subsidy.state not in ("service_done", "recovery") or (
                subsidy.amount_to_pay or subsidy.amount_to_recover
            ):
                raise UserError(
                    self.env._(
                        "The subsidy %(subsidy)s can be closed once the service is done and "
                        "nothing is left to pay or to recover.",
                        subsidy=subsidy.name,
                    )
                )
        self.write({"state": "closed"})
        return True

    def action_register_payment(self):
        self.ensure_one()
        self._check_manager()
        payment_type = "advance"
        amount = self.amount_to_pay
        if self.state in ("service_done",):
            payment_type = "balance"
        elif self.amount_to_recover:
            payment_type, amount = "recovery", self.amount_to_recover
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Register a Payment"),
            "res_model": "support.subsidy.payment",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_subsidy_id": self.id,
                "default_payment_type": payment_type,
                "default_amount": amount,
            },
        }

    def action_print_decision(self):
        return self.env.ref(
            "accompagnement_entreprise.support_subsidy_report_decision"
        ).report_action(self)

    def action_print_convention(self):
        return self.env.ref(
            "accompagnement_entreprise.support_subsidy_report_convention"
        ).report_action(self)

    def _update_payment_state(self):
        """Move the subsidies along when a payment or the actual cost changes what is due."""
        for subsidy in self:
            state = subsidy.state
            if state == "committed" and subsidy.amount_paid > 0:
                state = "advance_paid"
            if state in ("service_done", "recovery"):
                if subsidy.amount_to_recover:
                    state = "recovery"
                elif not subsidy.amount_to_pay:
                    state = "closed"
                else:
                    state = "service_done"
            if state != subsidy.state:
                subsidy.write({"state": state})
