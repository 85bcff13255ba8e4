from odoo import fields, models


class TerritoryIndicator(models.Model):
    """Support cases and field visits feed the convention indicators of territoire_industrie."""

    _inherit = "territory.indicator"

    source = fields.Selection(
        selection_add=[
            ("support_companies", "Companies Supported"),
            ("support_cases_opened", "Support Cases Opened"),
            ("support_cases_done", "Support Cases Closed Done"),
            ("visits_made", "Field Visits Made"),
        ],
        ondelete={
            "support_companies": "set default",
            "support_cases_opened": "set default",
            "support_cases_done": "set default",
            "visits_made": "set default",
        },
    )

    def _support_case_domain(self, date_field, date_from, date_to):
        """Cases counting for the indicator's convention (and action) within the period."""
        domain = [
            ("convention_id", "=", self.convention_id.id),
            (date_field, "<=", date_to),
        ]
        if self.action_id:
            domain.append(("action_id", "=", self.action_id.id))
        if date_from:
            domain.append((date_field, ">=", date_from))
        return domain

    def _compute_source_support_companies(self, date_from, date_to):
        """Distinct companies with a case of the convention opened within the period."""
        self.ensure_one()
        # An aggregate over the convention the user reads: the indicator shows the count
        # whatever the user's rights on each case.
        [(companies,)] = (
            self.env["support.case"]
            .sudo()
            ._read_group(
                self._support_case_domain("date_open", date_from, date_to),
                [],
                ["partner_id:count_distinct"],
            )
        )
        return companies

    def _compute_source_support_cases_opened(self, date_from, date_to):
        """Cases of the convention opened within the period."""
        self.ensure_one()
        return (
            self.env["support.case"]
            .sudo()
            .search_count(self._support_case_domain("date_open", date_from, date_to))
        )

    def _compute_source_support_cases_done(self, date_from, date_to):
        """Cases of the convention closed within the period with the reason "done"."""
        self.ensure_one()
        return (
            self.env["support.case"]
            .sudo()
            .search_count(
                [
                    *self._support_case_domain("date_closed", date_from, date_to),
                    ("closing_reason", "=", "done"),
                ]
            )
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
