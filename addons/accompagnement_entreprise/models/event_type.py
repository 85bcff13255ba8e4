from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    support_programme_id = fields.Many2one(
        "support.programme",
        help="Programme whose cases follow the companies attending events of this type, "
        "e.g. public procurement coaching for the information sessions.",
    )
