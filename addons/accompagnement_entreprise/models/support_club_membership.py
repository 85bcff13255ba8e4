from odoo import fields, models


class SupportClubMembership(models.Model):
    """A company member of a club for one year."""

    _name = "support.club.membership"
    _description = "Club Membership"
    _order = "year desc, partner_id"
    _check_company_auto = True

    club_id = fields.Many2one("support.club", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="club_id.company_id", store=True, index=True)
    epci_id = fields.Many2one(related="club_id.epci_id", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Member Company", required=True, index=True, ondelete="restrict"
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        aggregator=False,
        help="Year of the membership.",
    )
    contact_id = fields.Many2one(
        "res.partner",
        domain="[('parent_id', '=', partner_id)]",
        help="Manager or HR lead taking part in the club.",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "club_partner_year_unique",
            "UNIQUE(club_id, partner_id, year)",
            "This company is already a member of the club for this year.",
        ),
        (
            "year_valid",
            "CHECK(year BETWEEN 2000 AND 2100)",
            "The membership year must be between 2000 and 2100.",
        ),
    ]

    def _compute_display_name(self):
        for membership in self:
            membership.display_name = f"{membership.partner_id.name} ({membership.year})"
