from odoo import fields, models


class SupportTeam(models.Model):
    """Advisors working together: each sees the cases of the teams they belong to."""

    _name = "support.team"
    _description = "Advisor Team"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    organisation_id = fields.Many2one(
        "res.partner",
        domain=[("organisation_type", "!=", False)],
        help="Chamber or collectivité the team works for.",
    )
    leader_id = fields.Many2one("res.users", string="Team Leader")
    member_ids = fields.Many2many(
        "res.users",
        "support_team_member_rel",
        "team_id",
        "user_id",
        string="Advisors",
    )
