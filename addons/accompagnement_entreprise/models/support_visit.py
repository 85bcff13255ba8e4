from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

VISIT_STATES = [
    ("planned", "Planned"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class SupportVisit(models.Model):
    """A field visit to a company, often with elected officials of the chamber and of the
    collectivité, to learn its needs; each need detected may open a support case.

    A visit may repeat (e.g. every 12 months): marking it done plans the next one.
    """

    _name = "support.visit"
    _description = "Field Visit"
    _inherit = ["mail.thread", "mail.activity.mixin", "support.located.mixin"]
    _order = "date_planned desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Subject",
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Company Visited",
        required=True,
        tracking=True,
        index=True,
        help="The company visited.",
    )
    date_planned = fields.Datetime(
        string="Planned On", required=True, tracking=True, help="Date and time of the visit."
    )
    duration = fields.Float(default=1.5, help="Expected duration of the visit, in hours.")
    date_done = fields.Date(
        string="Done On",
        copy=False,
        tracking=True,
        help="Day the visit took place; it counts for the indicators from this day.",
    )
    state = fields.Selection(
        VISIT_STATES,
        string="Status",
        required=True,
        default="planned",
        copy=False,
        tracking=True,
        index=True,
        group_expand=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Advisor",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        help="Advisor in charge of the visit and of its follow-up.",
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("accompagnement_entreprise.accompagnement_entreprise_group_user").id,
            )
        ],
    )
    participant_user_ids = fields.Many2many(
        "res.users",
        "support_visit_participant_user_rel",
        "visit_id",
        "user_id",
        string="Participating Users",
        help="Staff with an account who take part in the visit; they see it.",
    )
    chamber_participant_ids = fields.Many2many(
        "res.partner",
        "support_visit_chamber_participant_rel",
        "visit_id",
        "partner_id",
        string="Chamber Participants",
        help="People of the chamber (CCI, CMA) taking part, e.g. its president.",
    )
    collectivite_participant_ids = fields.Many2many(
        "res.partner",
        "support_visit_collectivite_participant_rel",
        "visit_id",
        "partner_id",
        string="Collectivité Participants",
        help="People of the collectivité taking part, e.g. the president of the "
        "communauté de communes.",
    )
    company_contact_ids = fields.Many2many(
        "res.partner",
        "support_visit_company_contact_rel",
        "visit_id",
        "partner_id",
        string="People Met",
        help="People of the company met during the visit.",
    )
    organisation_id = fields.Many2one(
        "res.partner",
        string="Organisation in Charge",
        domain=[("organisation_type", "in", ("cci", "cma", "collectivite", "agency"))],
        tracking=True,
        help="Chamber or collectivité organising the visit.",
    )
    convention_id = fields.Many2one(
        "territory.convention",
        tracking=True,
        index="btree_not_null",
        check_company=True,
        help="Convention the visit counts for.",
    )
    action_id = fields.Many2one(
        "territory.action",
        index="btree_not_null",
        check_company=True,
        domain="[('convention_id', '=', convention_id)]",
        help="Action of the convention's plan the visit counts for.",
    )
    report = fields.Html(string="Visit Report", help="What was seen and said during the visit.")
    need_line_ids = fields.One2many(
        "support.visit.need", "visit_id", string="Needs Detected", copy=False
    )
    case_ids = fields.One2many("support.case", "visit_id", string="Cases Opened")
    case_count = fields.Integer(compute="_compute_case_count")
    recurrence_months = fields.Integer(
        string="Repeat Every (Months)",
        help="Plan the next visit of the company this many months after this one is done; "
        "0 for a one-off visit.",
    )
    previous_visit_id = fields.Many2one(
        "support.visit", copy=False, index="btree_not_null", help="Visit this one follows."
    )
    next_visit_id = fields.Many2one(
        "support.visit",
        compute="_compute_next_visit_id",
        help="Visit planned when this one was done.",
    )
    meeting_id = fields.Many2one(
        "calendar.event",
        copy=False,
        help="Meeting in the participants' calendars.",
    )

    _sql_constraints = [
        (
            "recurrence_months_positive",
            "CHECK(recurrence_months >= 0)",
            "The recurrence of a visit cannot be negative.",
        ),
    ]

    @api.depends("partner_id")
    def _compute_name(self):
        for visit in self:
            if visit.partner_id and not visit.name:
                visit.name = self.env._("Visit of %(company)s", company=visit.partner_id.name)

    def _compute_case_count(self):
        counts = dict(
            self.env["support.case"]._read_group(
                [("visit_id", "in", self.ids)], ["visit_id"], ["__count"]
            )
        )
        for visit in self:
            visit.case_count = counts.get(visit, 0)

    def _compute_next_visit_id(self):
        next_visits = self.search([("previous_visit_id", "in", self.ids)], order="id")
        by_previous = {}
        for next_visit in next_visits:
            by_previous.setdefault(next_visit.previous_visit_id, next_visit)
        for visit in self:
            visit.next_visit_id = by_previous.get(visit, False)

    @api.constrains("state", "date_done")
    def _check_date_done(self):
        for visit in self:
            if visit.state == "done" and not visit.date_done:
                raise ValidationError(
                    self.env._(
                        "Give the day the visit %(visit)s took place.", visit=visit.display_name
                    )
                )

    def action_done(self):
        """Mark the visits done on their planned day (today if planned later), and plan
        the next visit of recurring ones."""
        today = fields.Date.context_today(self)
        for visit in self:
            if visit.state != "planned":
                raise UserError(
                    self.env._(
                        "Only a planned visit can be marked done: %(visit)s is not.",
                        visit=visit.display_name,
                    )
                )
            planned_day = fields.Date.context_today(self, visit.date_planned)
            visit.write({"state": "done", "date_done": min(planned_day, today)})
        self._plan_next_visits()
        return True

    def action_cancel(self):
        if self.filtered(lambda visit: visit.state == "done"):
            raise UserError(self.env._("A visit that took place cannot be cancelled."))
        self.write({"state": "cancelled"})
        return True

    def action_replan(self):
        self.write({"state": "planned", "date_done": False})
        return True

    def _plan_next_visits(self):
        """Create the next visit of each done recurring visit that has none yet."""
        vals_list = []
        for visit in self:
            if visit.state != "done" or not visit.recurrence_months or visit.next_visit_id:
                continue
            hour = visit.date_planned.time() if visit.date_planned else time(9, 0)
            day = visit.date_done + relativedelta(months=visit.recurrence_months)
            vals_list.append(
                visit.copy_data(
                    {
                        "date_planned": datetime.combine(day, hour),
                        "previous_visit_id": visit.id,
                        "report": False,
                    }
                )[0]
            )
        return self.create(vals_list)

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_case_action"
        )
        action.update(
            domain=[("visit_id", "=", self.id)],
            context={"default_visit_id": self.id, "default_partner_id": self.partner_id.id},
        )
        if self.case_count == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=self.case_ids.id)
        return action

    def action_schedule_meeting(self):
        """Put the visit in the participants' calendars (one meeting per visit)."""
        self.ensure_one()
        partners = (
            self.user_id.partner_id
            | self.participant_user_ids.partner_id
            | self.chamber_participant_ids
            | self.collectivite_participant_ids
        )
        values = {
            "name": self.name,
            "start": self.date_planned,
            "stop": self.date_planned + timedelta(hours=self.duration or 1.0),
            "partner_ids": [fields.Command.set(partners.ids)],
            "location": self.partner_id._display_address(without_company=True).replace("\n", ", "),
            "user_id": self.user_id.id or self.env.uid,
        }
        if self.meeting_id:
            self.meeting_id.write(values)
        else:
            self.meeting_id = self.env["calendar.event"].create(values)
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.meeting_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
