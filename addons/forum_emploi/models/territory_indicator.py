from odoo import fields, models


class TerritoryIndicator(models.Model):
    """Job forums feed the convention indicators of territoire_industrie."""

    _inherit = "territory.indicator"

    source = fields.Selection(
        selection_add=[
            ("forum_visitors", "Job Forum Visitors"),
            ("forum_hires", "Hires After Job Forums"),
        ],
        ondelete={"forum_visitors": "set default", "forum_hires": "set default"},
    )

    def _forum_domain(self, date_from, date_to, prefix=""):
        """Forums of the indicator's convention that started within the period."""
        domain = [
            (f"{prefix}convention_id", "=", self.convention_id.id),
            (f"{prefix}event_type_id.is_job_forum", "=", True),
            (f"{prefix}date_begin", "<=", fields.Datetime.end_of(date_to, "day")),
        ]
        if date_from:
            domain.append((f"{prefix}date_begin", ">=", fields.Datetime.start_of(date_from, "day")))
        return domain

    def _compute_source_forum_visitors(self, date_from, date_to):
        """Candidates and visitors checked in at the convention's forums."""
        self.ensure_one()
        # An aggregate over the forums of a convention the user can read: the count is what
        # the indicator shows, whatever the user's rights on each registration.
        return (
            self.env["event.registration"]
            .sudo()
            .search_count(
                [
                    *self._forum_domain(date_from, date_to, "event_id."),
                    ("state", "=", "done"),
                    ("attendee_type", "in", ("candidate", "visitor")),
                ]
            )
        )

    def _compute_source_forum_hires(self, date_from, date_to):
        """Hires the recruiters reported for the offers of the convention's forums."""
        self.ensure_one()
        offers = (
            self.env["forum.job.offer"]
            .sudo()
            .search(self._forum_domain(date_from, date_to, "event_id."))
        )
        return sum(offers.mapped("hires_reported"))
