from odoo import api, models
from odoo.tools import SQL


class TerritoryEstablishment(models.Model):
    """Companies visited count as covered in the observatory."""

    _inherit = "territory.establishment"

    @api.model
    def _coverage_partner_queries(self, date_from):
        """Add the companies of the field visits done since ``date_from``."""
        return [
            *super()._coverage_partner_queries(date_from),
            SQL(
                "SELECT partner_id FROM support_visit"
                " WHERE active AND state = 'done' AND date_done >= %s",
                date_from,
            ),
        ]
