from odoo import fields, models


class CalendarEvent(models.Model):
    """Committees and meetings of economic actors, linked to a convention."""

    _inherit = "calendar.event"

    territory_convention_id = fields.Many2one(
        "territory.convention",
        string="Convention",
        index="btree_not_null",
        ondelete="set null",
    )
    territory_meeting_type = fields.Selection(
        [
            ("steering_committee", "Steering Committee"),
            ("monitoring_committee", "Monitoring Committee"),
            ("economic_actors", "Meeting of Economic Actors"),
            ("field_visit", "Field Visit"),
            ("other", "Other Meeting"),
        ],
        string="Meeting Type",
    )
    territory_minutes = fields.Html(string="Minutes")
    territory_decisions = fields.Html(string="Decisions")
