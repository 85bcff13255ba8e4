from odoo import api, models
from odoo.tools import SQL


class TerritoryEstablishment(models.Model):
    """Companies met through support cases, visits and events count in the coverage."""

    _inherit = "territory.establishment"

    @api.model
    def _coverage_partner_queries(self, date_from):
        """Add the companies of support cases and visits and the attendees of events."""
        return [
            *super()._coverage_partner_queries(date_from),
            *self._support_coverage_partner_queries(date_from),
        ]

    @api.model
    def _support_coverage_partner_queries(self, date_from):
        """Partners met since ``date_from`` through support cases, visits and events.

        A support case counts when it was opened, taken in charge or closed since
        ``date_from``, or is still open; a field visit when done since ``date_from``; an
        event registration when it was attended (state done) at an event that began since
        ``date_from``.
        """
        return [
            SQL(
                """SELECT partner_id FROM support_case
                    WHERE active
                      AND (date_open >= %(date)s OR date_taken >= %(date)s
                           OR date_closed >= %(date)s OR state IS DISTINCT FROM 'closed')""",
                date=date_from,
            ),
            SQL(
                "SELECT partner_id FROM support_visit"
                " WHERE active AND state = 'done' AND date_done >= %s",
                date_from,
            ),
            SQL(
                """SELECT registration.partner_id
                     FROM event_registration registration
                     JOIN event_event event ON event.id = registration.event_id
                    WHERE registration.state = 'done'
                      AND registration.partner_id IS NOT NULL
                      AND event.date_begin >= %(date)s""",
                date=date_from,
            ),
        ]
