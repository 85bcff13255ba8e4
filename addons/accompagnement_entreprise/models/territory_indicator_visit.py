from odoo import fields, models


class TerritoryIndicator(models.Model):
    """Field visits feed the convention indicators of territoire_industrie."""

    _inherit = "territory.indicator"

    source = fields.Selection(
        selection_add=[("visits_made", "Field Visits Made")],
        ondelete={"visits_made": "set default"},
    )

    def _compute_source_visits_made(self, date_from, date_to):
        """Visits of the indicator's convention done within the period."""
        self.ensure_one()
        domain = [
            ("convention_id", "=", self.convention_id.id),
            ("state", "=", "done"),
            ("date_done", "<=", date_to),
        ]
        if date_from:
            domain.append(("date_done", ">=", date_from))
        # An aggregate over the visits of a convention the user can read: the count is what
        # the indicator shows, whatever the user's rights on each visit.
        return self.env["support.visit"].sudo().search_count(domain)
