from odoo import fields, models


class EventBooth(models.Model):
    _inherit = "event.booth"

    forum_zone_id = fields.Many2one(
        "forum.zone",
        string="Zone",
        ondelete="set null",
        index="btree_not_null",
        domain="[('event_id', '=', event_id)]",
        help="Area of the forum where the stand stands.",
    )
    forum_exhibitor_id = fields.Many2one(
        "forum.exhibitor",
        string="Exhibitor",
        ondelete="set null",
        index="btree_not_null",
        domain="[('event_id', '=', event_id)]",
        help="Company holding this stand during the forum.",
    )
