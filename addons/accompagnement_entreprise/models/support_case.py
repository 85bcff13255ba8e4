from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CLOSING_REASONS = [
    ("done", "Done"),
    ("done_alone", "Done Without Help"),
    ("unreachable", "Not Reachable"),
    ("not_for_us", "Not for Us"),
    ("abandoned", "Abandoned"),
]
SATISFACTION_USEFUL = [("yes", "Useful"), ("partly", "Partly Useful"), ("no", "Not Useful")]
REMINDER_LEVELS = [
    ("reminder", "Reminder"),
    ("last_chance", "Last Chance"),
    ("abandon", "Abandon Proposed"),
]
REMINDER_RANK = {False: 0, "reminder": 1, "last_chance": 2, "abandon": 3}
REMINDER_ACTIVITY = "accompagnement_entreprise.mail_activity_type_support_case_reminder"


class SupportCase(models.Model):
    """A company (or a project holder) followed by an advisor in a support programme.

    The state follows the stage: a case is "new" until an advisor takes it in charge,
    "progress" while followed, "closed" once closed with a reason.
    """

    _name = "support.case"
    _description = "Support Case"
    _inherit = ["mail.thread", "mail.activity.mixin", "support.located.mixin"]
    _order = "priority desc, date_open desc, id desc"
    _check_company_auto = True

    reference = fields.Char(readonly=True, copy=False, default="/", index="trigram")
    name = fields.Char(string="Subject", required=True, tracking=True)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    priority = fields.Selection([("0", "Normal"), ("1", "High")], default="0")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    programme_id = fields.Many2one(
        "support.programme", required=True, tracking=True, index=True, ondelete="restrict"
    )
    stage_id = fields.Many2one(
        "support.case.stage",
        compute="_compute_stage_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index=True,
        ondelete="restrict",
        group_expand="_read_group_expand_stage_ids",
        domain="['|', ('programme_ids', '=', False), ('programme_ids', 'in', programme_id)]",
    )
    state = fields.Selection(related="stage_id.state", store=True, index=True, string="Status")
    partner_id = fields.Many2one(
        "res.partner",
        string="Company or Project Holder",
        required=True,
        tracking=True,
        index=True,
        help="The company followed, or a person with no SIRET yet (a project holder, "
        "a buyer in a business transfer).",
    )
    siret = fields.Char(related="partner_id.company_registry", string="SIRET")
    need_ids = fields.Many2many("support.need", string="Needs")
    user_id = fields.Many2one(
        "res.users",
        string="Advisor",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("accompagnement_entreprise.accompagnement_entreprise_group_user").id,
            )
        ],
    )
    team_id = fields.Many2one("support.team", tracking=True, index=True)
    organisation_id = fields.Many2one(
        "res.partner",
        string="Organisation in Charge",
        domain=[("organisation_type", "in", ("cci", "cma", "collectivite", "agency"))],
        tracking=True,
        index=True,
        help="Chamber or collectivité in charge of the case.",
    )
    convention_id = fields.Many2one(
        "territory.convention",
        tracking=True,
        index="btree_not_null",
        check_company=True,
        help="Convention the case counts for.",
    )
    action_id = fields.Many2one(
        "territory.action",
        index="btree_not_null",
        check_company=True,
        domain="[('convention_id', '=', convention_id)]",
        help="Action of the convention's plan the case counts for.",
    )
    territory_industry_id = fields.Many2one(
        "territory.industry",
        string="Territoire d'industrie",
        compute="_compute_territory_industry_id",
        store=True,
        index="btree_not_null",
    )
    date_open = fields.Date(
        string="Opened On", required=True, default=fields.Date.context_today, tracking=True
    )
    date_taken = fields.Date(string="Taken in Charge On", copy=False, tracking=True)
    date_closed = fields.Date(string="Closed On", copy=False, tracking=True)
    closing_reason = fields.Selection(CLOSING_REASONS, copy=False, tracking=True)
    closing_note = fields.Text(copy=False)
    satisfaction_contacted = fields.Boolean(
        string="Contacted After Closing", copy=False, tracking=True
    )
    satisfaction_useful = fields.Selection(
        SATISFACTION_USEFUL,
        string="Usefulness",
        copy=False,
        tracking=True,
    )
    satisfaction_comment = fields.Text(string="Company's Comment", copy=False)
    description = fields.Html()
    lead_id = fields.Many2one(
        "crm.lead",
        string="Origin Lead",
        copy=False,
        tracking=True,
        index="btree_not_null",
        ondelete="set null",
        help="The CRM lead or opportunity this case was opened from.",
    )
    eligibility_state = fields.Selection(
        [("eligible", "Eligible"), ("not_eligible", "Not Eligible"), ("unchecked", "Not Checked")],
        compute="_compute_eligibility",
        help="Eligibility of the company to the programme's rules, from its SIRENE "
        "establishment; not checked when the establishment is unknown.",
    )
    eligibility_warning = fields.Text(compute="_compute_eligibility")
    eligibility_override = fields.Boolean(
        string="Open Despite Ineligibility",
        copy=False,
        tracking=True,
        help="Follow the company in this programme although it does not meet its rules.",
    )
    eligibility_override_reason = fields.Char(
        string="Reason for the Exception",
        copy=False,
        tracking=True,
        help="Why the company is followed although it does not meet the programme's rules.",
    )
    reminder_level = fields.Selection(
        REMINDER_LEVELS,
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Set every day while the case waits to be taken in charge, from the delays of "
        "its programme.",
    )
    waiting_days = fields.Integer(
        string="Days Waiting",
        compute="_compute_waiting_days",
        help="Days since the case was opened, while nobody took it in charge.",
    )

    @api.depends("programme_id")
    def _compute_stage_id(self):
        for case in self:
            if case.stage_id and case.stage_id in case.programme_id._stages():
                continue
            case.stage_id = case.programme_id._stages()[:1]

    @api.depends("epci_id")
    def _compute_territory_industry_id(self):
        Industry = self.env["territory.industry"]
        Industry.flush_model(["epci_ids"])
        for case in self:
            case.territory_industry_id = (
                Industry.search([("epci_ids", "in", case.epci_id.ids)], limit=1)
                if case.epci_id
                else False
            )

    @api.depends(
        "programme_id",
        "establishment_id.naf_code",
        "establishment_id.headcount_bracket",
        "establishment_id.creation_date",
        "establishment_id.legal_category",
        "establishment_id.craft_code",
    )
    def _compute_eligibility(self):
        for case in self:
            reasons = case.programme_id._ineligibility_reasons(case.establishment_id)
            case.eligibility_warning = "\n".join(reasons)
            if reasons:
                case.eligibility_state = "not_eligible"
            elif case.programme_id.has_eligibility_rules and not case.establishment_id:
                case.eligibility_state = "unchecked"
            else:
                case.eligibility_state = "eligible"

    @api.depends("date_open", "state")
    def _compute_waiting_days(self):
        today = fields.Date.context_today(self)
        for case in self:
            case.waiting_days = (
                (today - case.date_open).days if case.state == "new" and case.date_open else 0
            )

    @api.model
    def _read_group_expand_stage_ids(self, stages, domain):
        programme_id = self.env.context.get("default_programme_id")
        if programme_id:
            return self.env["support.programme"].browse(programme_id)._stages()
        return stages

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("reference", "/") == "/":
                vals["reference"] = self.env["ir.sequence"].next_by_code("support.case") or "/"
        cases = super().create(vals_list)
        cases._sync_dates_with_state()
        return cases

    def write(self, vals):
        result = super().write(vals)
        if "stage_id" in vals or "programme_id" in vals:
            self._sync_dates_with_state()
        return result

    def _sync_dates_with_state(self):
        """Stamp the take-in-charge and closing dates when the stage says so."""
        today = fields.Date.context_today(self)
        for case in self:
            values = {}
            if case.state in ("progress", "closed") and not case.date_taken:
                values["date_taken"] = today
            if case.state == "closed" and not case.date_closed:
                values["date_closed"] = today
            if case.state != "closed" and case.date_closed:
                values.update(date_closed=False, closing_reason=False)
            if case.state != "new" and case.reminder_level:
                values["reminder_level"] = False
                case.activity_unlink([REMINDER_ACTIVITY])
            if values:
                case.write(values)  # no stage change: no recursion

    @api.constrains("stage_id", "closing_reason")
    def _check_closing_reason(self):
        for case in self:
            if case.state == "closed" and not case.closing_reason:
                raise ValidationError(
                    self.env._(
                        "Give a closing reason to close the case %(case)s.",
                        case=case.display_name,
                    )
                )

    @api.constrains(
        "programme_id", "establishment_id", "eligibility_override", "eligibility_override_reason"
    )
    def _check_eligibility(self):
        for case in self:
            if case.eligibility_override and not (case.eligibility_override_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Give the reason why %(case)s is followed despite the programme's rules.",
                        case=case.display_name,
                    )
                )
            # Closed cases are history: a later SIRENE update must not reopen the debate.
            if case.state == "closed" or case.eligibility_override:
                continue
            if case.eligibility_state == "not_eligible":
                raise ValidationError(
                    self.env._(
                        "%(company)s is not eligible for the programme %(programme)s:\n"
                        '%(reasons)s\nTick "Open Despite Ineligibility" and give a reason to '
                        "follow it anyway.",
                        company=case.partner_id.display_name,
                        programme=case.programme_id.name,
                        reasons=case.eligibility_warning,
                    )
                )

    @api.constrains("stage_id", "programme_id")
    def _check_stage_programme(self):
        for case in self:
            if case.stage_id and case.stage_id not in case.programme_id._stages():
                raise ValidationError(
                    self.env._(
                        "The stage %(stage)s is not a stage of the programme %(programme)s.",
                        stage=case.stage_id.name,
                        programme=case.programme_id.name,
                    )
                )

    @api.depends("reference", "name")
    def _compute_display_name(self):
        for case in self:
            case.display_name = (
                f"{case.reference} - {case.name}"
                if case.reference not in (False, "/")
                else case.name
            )

    def action_take_in_charge(self):
        """Move new cases to the first "in progress" stage of their programme, as theirs."""
        for case in self:
            if case.state != "new":
                continue
            stage = case.programme_id._stages().filtered(lambda s: s.state == "progress")[:1]
            if not stage:
                raise UserError(
                    self.env._(
                        "The programme %(programme)s has no stage for cases in progress.",
                        programme=case.programme_id.name,
                    )
                )
            case.write({"stage_id": stage.id, "user_id": case.user_id.id or self.env.uid})
        return True

    def _close(self, reason, note=False):
        """Close the cases with ``reason`` in their programme's closing stage."""
        if not reason:
            raise UserError(self.env._("Give a closing reason to close a case."))
        for case in self:
            stage = case.programme_id._stages().filtered(lambda s: s.state == "closed")[:1]
            if not stage:
                raise UserError(
                    self.env._(
                        "The programme %(programme)s has no closing stage.",
                        programme=case.programme_id.name,
                    )
                )
            case.write({"stage_id": stage.id, "closing_reason": reason, "closing_note": note})
        return True

    def action_open_close_wizard(self):
        """Close the cases through the wizard asking the reason and the satisfaction."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_case_close_wizard_action"
        )
        action["context"] = {"active_model": self._name, "active_ids": self.ids}
        return action

    def action_open_lead(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
        }

    def action_reopen(self):
        for case in self.filtered(lambda c: c.state == "closed"):
            stage = case.programme_id._stages().filtered(lambda s: s.state == "progress")[:1]
            case.write({"stage_id": stage.id})
        return True

    @api.model
    def _cron_send_reminders(self):
        """Raise the reminder level of the cases waiting to be taken in charge.

        Idempotent: a case is reminded once per level, so running it twice a day changes
        nothing.
        """
        today = fields.Date.context_today(self)
        for programme in self.env["support.programme"].search([]):
            cases = self.search(
                [
                    ("programme_id", "=", programme.id),
                    ("state", "=", "new"),
                    ("date_open", "<=", today - timedelta(days=programme.reminder_days)),
                ]
            )
            for case in cases:
                level = case._reminder_level_due(today)
                if REMINDER_RANK[level] > REMINDER_RANK[case.reminder_level]:
                    case._send_reminder(level)

    def _reminder_level_due(self, today):
        self.ensure_one()
        days = (today - self.date_open).days
        programme = self.programme_id
        if days >= programme.abandon_days:
            return "abandon"
        if days >= programme.last_chance_days:
            return "last_chance"
        if days >= programme.reminder_days:
            return "reminder"
        return False

    def _reminder_users(self):
        """Who is reminded: the advisor, else the team leader, else the managers."""
        self.ensure_one()
        if self.user_id.active:
            return self.user_id
        if self.team_id.leader_id.active:
            return self.team_id.leader_id
        managers = self.env.ref(
            "accompagnement_entreprise.accompagnement_entreprise_group_manager"
        ).users
        return managers.filtered(
            lambda user: user.active and not user.share and self.company_id in user.company_ids
        )

    def _send_reminder(self, level):
        """Raise the case to ``level``: a fresh reminder activity and a note in the chatter."""
        self.ensure_one()
        self.reminder_level = level
        self._schedule_reminder_activity()
        days = (fields.Date.context_today(self) - self.date_open).days
        messages = {
            "reminder": self.env._(
                "Opened %(days)s days ago and not taken in charge yet.", days=days
            ),
            "last_chance": self.env._(
                "Opened %(days)s days ago and still not taken in charge: last reminder.",
                days=days,
            ),
            "abandon": self.env._(
                "Opened %(days)s days ago and never taken in charge: take it in charge now or "
                "close it as abandoned.",
                days=days,
            ),
        }
        self.message_post(body=messages[level], subtype_xmlid="mail.mt_note")

    def _schedule_reminder_activity(self):
        """Replace the pending reminder activities by one per person to remind."""
        summaries = {
            "reminder": self.env._("Take this case in charge"),
            "last_chance": self.env._("Last chance to take this case in charge"),
            "abandon": self.env._("Close this case as abandoned?"),
        }
        self.activity_unlink([REMINDER_ACTIVITY])
        for case in self.filtered("reminder_level"):
            for user in case._reminder_users():
                case.activity_schedule(
                    REMINDER_ACTIVITY, summary=summaries[case.reminder_level], user_id=user.id
                )
