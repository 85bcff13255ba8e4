from odoo import fields, models


class SupportClub(models.Model):
    """A club of companies of a territory meeting on a topic (e.g. the HR club).

    Sessions are a model of their own rather than Odoo events: a club counts the
    attendance of member companies (not of tickets or seats), each session has a host
    company and an expert, and advisors need no rights on events to run the club.
    """

    _name = "support.club"
    _description = "Company Club"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    programme_id = fields.Many2one(
        "support.programme",
        default=lambda self: self.env.ref(
            "accompagnement_entreprise.support_programme_hr_club", raise_if_not_found=False
        ),
        ondelete="restrict",
        help="Programme the club belongs to.",
    )
    organisation_id = fields.Many2one(
        "res.partner",
        string="Organisation in Charge",
        domain=[("organisation_type", "in", ("cci", "cma", "collectivite", "agency"))],
        help="Chamber or collectivité running the club.",
    )
    user_id = fields.Many2one(
        "res.users", string="Facilitator", default=lambda self: self.env.user, tracking=True
    )
    epci_id = fields.Many2one(
        "territory.epci", string="EPCI", index=True, help="Territory of the member companies."
    )
    convention_id = fields.Many2one(
        "territory.convention",
        check_company=True,
        help="Convention the club's sessions count for.",
    )
    description = fields.Html()
    membership_ids = fields.One2many("support.club.membership", "club_id", string="Memberships")
    session_ids = fields.One2many("support.club.session", "club_id", string="Sessions")
    member_count = fields.Integer(
        compute="_compute_counts", string="Members This Year", help="Member companies this year."
    )
    session_count = fields.Integer(compute="_compute_counts", string="Number of Sessions")

    def _compute_counts(self):
        year = fields.Date.context_today(self).year
        members = dict(
            self.env["support.club.membership"]._read_group(
                [("club_id", "in", self.ids), ("year", "=", year)], ["club_id"], ["__count"]
            )
        )
        sessions = dict(
            self.env["support.club.session"]._read_group(
                [("club_id", "in", self.ids)], ["club_id"], ["__count"]
            )
        )
        for club in self:
            club.member_count = members.get(club, 0)
            club.session_count = sessions.get(club, 0)

    def _members(self, year):
        """Member companies of the club for ``year``."""
        self.ensure_one()
        return self.membership_ids.filtered(lambda m: m.year == year).partner_id

    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_club_session_action"
        )
        action.update(domain=[("club_id", "=", self.id)], context={"default_club_id": self.id})
        return action

    def action_view_attendance(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_club_attendance_action"
        )
        action["domain"] = [("club_id", "=", self.id)]
        return action

    def _attendance_by_company(self, year):
        """{(club, company): sessions attended during ``year``} for these clubs."""
        groups = self.env["support.club.attendance"]._read_group(
            [
                ("club_id", "in", self.ids),
                ("state", "=", "present"),
                ("session_date", ">=", fields.Datetime.to_datetime(f"{year}-01-01")),
                ("session_date", "<", fields.Datetime.to_datetime(f"{year + 1}-01-01")),
            ],
            ["club_id", "partner_id"],
            ["__count"],
        )
        return {(club, partner): count for club, partner, count in groups}
