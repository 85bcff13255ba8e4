from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    is_job_forum = fields.Boolean(
        string="Job Forum",
        help="Events of this type are job forums or business meetings: they appear in the "
        "Job Forums app with their exhibitors, offers and check-in desk.",
    )
