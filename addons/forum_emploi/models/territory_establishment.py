from odoo import models
from odoo.tools import SQL


class TerritoryEstablishment(models.Model):
    _inherit = "territory.establishment"

    def _coverage_partner_queries(self, date_from):
        """Exhibitors met at a forum: companies whose staff checked in since ``date_from``."""
        return [
            *super()._coverage_partner_queries(date_from),
            SQL(
                """SELECT exhibitor.partner_id
                     FROM forum_exhibitor exhibitor
                     JOIN event_registration registration
                       ON registration.exhibitor_id = exhibitor.id
                    WHERE registration.state = 'done'
                      AND registration.date_closed >= %s""",
                date_from,
            ),
        ]
