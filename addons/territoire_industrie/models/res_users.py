from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    territory_epci_ids = fields.Many2many(
        "territory.epci",
        "res_users_territory_epci_rel",
        "user_id",
        "epci_id",
        string="Territories Followed",
        help="EPCIs this user works on. Advisors see the establishments of these EPCIs "
        "(none set: every territory); territory partners read the support cases, visits "
        "and clubs of these EPCIs only (none set: nothing).",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "territory_epci_ids"]
