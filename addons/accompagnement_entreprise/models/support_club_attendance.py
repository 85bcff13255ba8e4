from odoo import api, fields, models


class SupportClubAttendance(models.Model):
    """Whether a company came to a club session (its yearly attendance is a pivot of these)."""

    _name = "support.club.attendance"
    _description = "Club Attendance"
    _order = "session_date desc, partner_id"
    _check_company_auto = True

    session_id = fields.Many2one(
        "support.club.session", required=True, index=True, ondelete="cascade"
    )
    club_id = fields.Many2one(related="session_id.club_id", store=True, index=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    epci_id = fields.Many2one(related="session_id.epci_id", store=True)
    session_date = fields.Datetime(related="session_id.date", store=True, string="Session Date")
    partner_id = fields.Many2one(
        "res.partner",
        string="Participating Company",
        required=True,
        index=True,
        ondelete="restrict",
    )
    attendee_ids = fields.Many2many(
        "res.partner",
        string="People Present",
        domain="[('parent_id', '=', partner_id)]",
        help="People of the company who came.",
    )
    state = fields.Selection(
        [("present", "Present"), ("excused", "Excused"), ("absent", "Absent")],
        string="Attendance",
        required=True,
        default="present",
    )
    is_member = fields.Boolean(
        compute="_compute_is_member",
        string="Member",
        help="The company is a member of the club in the year of the session.",
    )

    _sql_constraints = [
        (
            "session_partner_unique",
            "UNIQUE(session_id, partner_id)",
            "This company is already listed for this session.",
        ),
    ]

    @api.depends("session_id.date", "partner_id", "club_id.membership_ids")
    def _compute_is_member(self):
        for attendance in self:
            year = attendance.session_date.year if attendance.session_date else False
            attendance.is_member = bool(
                year and attendance.partner_id in attendance.club_id._members(year)
            )
