from odoo import api, fields, models


class SupportClubSession(models.Model):
    """A meeting of a club, hosted by a company, on a theme, often with an expert."""

    _name = "support.club.session"
    _description = "Club Session"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Theme", required=True, tracking=True)
    club_id = fields.Many2one("support.club", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="club_id.company_id", store=True, index=True)
    epci_id = fields.Many2one(related="club_id.epci_id", store=True)
    date = fields.Datetime(required=True, tracking=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Held"), ("cancelled", "Cancelled")],
        string="Status",
        required=True,
        default="planned",
        tracking=True,
    )
    host_partner_id = fields.Many2one(
        "res.partner",
        string="Host Company",
        tracking=True,
        help="Company receiving the club, often with a visit of its site.",
    )
    expert_id = fields.Many2one(
        "res.partner",
        string="Expert Speaker",
        help="Expert invited to speak (lawyer, trainer, France Travail adviser...).",
    )
    description = fields.Html(help="Programme of the session and what was said.")
    attendance_ids = fields.One2many("support.club.attendance", "session_id")
    attendance_count = fields.Integer(
        compute="_compute_attendance_count",
        string="Companies Present",
        help="Companies present at the session.",
    )

    @api.depends("attendance_ids.state")
    def _compute_attendance_count(self):
        for session in self:
            session.attendance_count = len(
                session.attendance_ids.filtered(lambda a: a.state == "present")
            )

    def action_add_members(self):
        """List the club's member companies of the session's year not listed yet."""
        vals_list = []
        for session in self:
            listed = session.attendance_ids.partner_id
            members = session.club_id._members(session.date.year) - listed
            vals_list += [
                {"session_id": session.id, "partner_id": partner.id} for partner in members
            ]
        self.env["support.club.attendance"].create(vals_list)
        return True

    def action_done(self):
        self.write({"state": "done"})
        return True
