from odoo import fields, models


class ForumZone(models.Model):
    _name = "forum.zone"
    _description = "Forum Zone"
    _order = "event_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    event_id = fields.Many2one(
        "event.event", string="Forum", required=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(
        [
            ("recruitment", "Recruitment / job dating"),
            ("trades", "Trades discovery"),
            ("advice", "Advice and training"),
            ("media", "Media and talks"),
        ],
        required=True,
        default="recruitment",
        help="What visitors find in this area of the forum.",
    )
    booth_ids = fields.One2many("event.booth", "forum_zone_id", string="Stands")
