from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import amount_to_words_fr


class TerritoryConvention(models.Model):
    """A convention signed by two or more organisations, carrying an action plan."""

    _name = "territory.convention"
    _description = "Convention"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _rec_names_search = ["name", "reference"]
    _check_company_auto = True

    reference = fields.Char(
        required=True, readonly=True, copy=False, default="/", index=True, tracking=True
    )
    name = fields.Char(string="Title", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: (
            self.env.ref("base.EUR", raise_if_not_found=False) or self.env.company.currency_id
        ),
        help="Conventions are written in euros; amounts in words read euros.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("negotiation", "Negotiation"),
            ("signed", "Signed"),
            ("running", "Running"),
            ("closed", "Closed"),
            ("terminated", "Terminated"),
        ],
        string="Status",
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    party_ids = fields.Many2many(
        "res.partner",
        "territory_convention_party_rel",
        "convention_id",
        "partner_id",
        string="Parties",
        domain=[("is_company", "=", True)],
        help="Organisations that sign the convention: a collectivité with one or several "
        "chambers, or chambers together.",
    )
    signatory_ids = fields.Many2many(
        "res.partner",
        "territory_convention_signatory_rel",
        "convention_id",
        "partner_id",
        string="Signatories",
        domain=[("is_company", "=", False)],
        help="People who sign on behalf of the parties.",
    )
    industry_ids = fields.Many2many(
        "territory.industry", string="Territoires d'industrie", help="Territorial scope."
    )
    epci_ids = fields.Many2many("territory.epci", string="EPCIs", help="Territorial scope.")
    commune_ids = fields.Many2many(
        "territory.commune", string="Communes", help="Territorial scope."
    )
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    previous_id = fields.Many2one(
        "territory.convention",
        string="Continues",
        index="btree_not_null",
        check_company=True,
        help="Earlier convention that this one continues.",
    )
    next_ids = fields.One2many("territory.convention", "previous_id", string="Continued By")
    signature_date = fields.Date(tracking=True, copy=False)
    signature_place = fields.Char(copy=False)
    description = fields.Html(help="Object of the convention.")
    action_ids = fields.One2many("territory.action", "convention_id", string="Actions")
    indicator_ids = fields.One2many("territory.indicator", "convention_id", string="Indicators")
    meeting_ids = fields.One2many("calendar.event", "territory_convention_id", string="Meetings")
    document_ids = fields.Many2many(
        "ir.attachment",
        "territory_convention_document_rel",
        "convention_id",
        "attachment_id",
        string="Signed Documents",
        copy=False,
    )
    action_count = fields.Integer(compute="_compute_counts", string="Actions in Plan")
    meeting_count = fields.Integer(compute="_compute_counts", string="Number of Meetings")
    budget_total = fields.Monetary(
        compute="_compute_funding_totals", string="Budget", help="Sum of the action budgets."
    )
    funding_total = fields.Monetary(
        compute="_compute_funding_totals",
        string="Total Funding",
        help="Sum of the funding lines of all actions.",
    )
    own_funds_total = fields.Monetary(compute="_compute_funding_totals", string="Own Funds")
    aid_total = fields.Monetary(compute="_compute_funding_totals", string="Aided Share")

    _sql_constraints = [
        (
            "reference_company_unique",
            "UNIQUE(reference, company_id)",
            "A convention with this reference already exists.",
        )
    ]

    @api.depends("action_ids", "meeting_ids")
    def _compute_counts(self):
        actions = dict(
            self.env["territory.action"]._read_group(
                [("convention_id", "in", self.ids)], ["convention_id"], ["__count"]
            )
        )
        meetings = dict(
            self.env["calendar.event"]._read_group(
                [("territory_convention_id", "in", self.ids)],
                ["territory_convention_id"],
                ["__count"],
            )
        )
        for convention in self:
            convention.action_count = actions.get(convention, 0)
            convention.meeting_count = meetings.get(convention, 0)

    @api.depends(
        "action_ids.budget",
        "action_ids.funding_line_ids.amount",
        "action_ids.funding_line_ids.funding_type",
    )
    def _compute_funding_totals(self):
        budgets = dict(
            self.env["territory.action"]._read_group(
                [("convention_id", "in", self.ids)], ["convention_id"], ["budget:sum"]
            )
        )
        funding = {
            (convention, kind): amount
            for convention, kind, amount in self.env["territory.funding.line"]._read_group(
                [("convention_id", "in", self.ids)],
                ["convention_id", "funding_type"],
                ["amount:sum"],
            )
        }
        for convention in self:
            own = funding.get((convention, "own"), 0.0)
            aid = funding.get((convention, "aid"), 0.0)
            convention.budget_total = budgets.get(convention, 0.0)
            convention.own_funds_total = own
            convention.aid_total = aid
            convention.funding_total = own + aid

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for convention in self:
            if convention.date_end < convention.date_start:
                raise ValidationError(
                    self.env._(
                        "The convention %(name)s ends on %(end)s, before it starts on %(start)s.",
                        name=convention.display_name,
                        end=convention.date_end,
                        start=convention.date_start,
                    )
                )

    @api.constrains("party_ids")
    def _check_parties(self):
        for convention in self:
            if len(convention.party_ids) < 2:
                raise ValidationError(
                    self.env._(
                        "The convention %(name)s needs at least two parties.",
                        name=convention.display_name,
                    )
                )
            people = convention.party_ids.filtered(lambda partner: not partner.is_company)
            if people:
                raise ValidationError(
                    self.env._(
                        "The parties of a convention are organisations; %(names)s are "
                        "people: add them as signatories instead.",
                        names=", ".join(people.mapped("name")),
                    )
                )

    @api.constrains("previous_id", "date_start", "date_end")
    def _check_previous(self):
        for convention in self.filtered("previous_id"):
            previous = convention.previous_id
            if convention._has_cycle("previous_id"):
                raise ValidationError(
                    self.env._("A convention cannot continue itself, even indirectly.")
                )
            if previous.date_end >= convention.date_start:
                raise ValidationError(
                    self.env._(
                        "The convention %(name)s starts on %(start)s while the convention it "
                        "continues, %(previous)s, runs until %(end)s: the periods overlap.",
                        name=convention.display_name,
                        start=convention.date_start,
                        previous=previous.display_name,
                        end=previous.date_end,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("reference", "/") == "/":
                vals["reference"] = (
                    self.env["ir.sequence"].next_by_code("territory.convention") or "/"
                )
        return super().create(vals_list)

    @api.depends("reference", "name")
    def _compute_display_name(self):
        for convention in self:
            if convention.reference and convention.reference != "/":
                convention.display_name = f"{convention.reference} {convention.name}"
            else:
                convention.display_name = convention.name

    def _set_state(self, new_state, allowed_from):
        wrong = self.filtered(lambda convention: convention.state not in allowed_from)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "The convention %(name)s is %(state)s: it cannot become %(new)s.",
                    name=wrong[0].display_name,
                    state=labels[wrong[0].state],
                    new=labels[new_state],
                )
            )
        self.write({"state": new_state})

    def action_negotiate(self):
        self._set_state("negotiation", ("draft",))

    def action_sign(self):
        unsigned = self.filtered(lambda convention: not convention.signature_date)
        if unsigned:
            raise UserError(
                self.env._(
                    "Set the signature date of %(name)s before marking it as signed.",
                    name=unsigned[0].display_name,
                )
            )
        self._set_state("signed", ("draft", "negotiation"))

    def action_run(self):
        self._set_state("running", ("signed",))

    def action_close(self):
        self._set_state("closed", ("running", "signed"))

    def action_terminate(self):
        self._set_state("terminated", ("draft", "negotiation", "signed", "running"))

    def action_reset_draft(self):
        self._set_state("draft", ("negotiation", "terminated"))

    def action_view_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "territoire_industrie.territory_action_action"
        )
        action["domain"] = [("convention_id", "=", self.id)]
        action["context"] = {"default_convention_id": self.id}
        return action

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "territoire_industrie.calendar_event_action_territory_meeting"
        )
        action["domain"] = [("territory_convention_id", "=", self.id)]
        action["context"] = {
            "default_territory_convention_id": self.id,
            "default_territory_meeting_type": "steering_committee",
            "default_partner_ids": self.signatory_ids.ids,
        }
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/territoire_industrie/convention/{self.id}/action_plan.xlsx",
            "target": "download",
        }

    def _get_funding_by_funder(self):
        """Return [(funder, amount)] summed over the funding lines of the conventions."""
        return self.env["territory.funding.line"]._read_group(
            [("convention_id", "in", self.ids)],
            ["funder_id"],
            ["amount:sum"],
            order="amount:sum desc",
        )

    def _amount_in_words(self, amount):
        return amount_to_words_fr(amount)
