from odoo import fields, models


class TerritoryActionAxis(models.Model):
    """A strategic axis of an action plan (the four national priorities plus local axes)."""

    _name = "territory.action.axis"
    _description = "Action Axis"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_national = fields.Boolean(
        string="National Priority",
        help="One of the four priorities of Territoires d'industrie phase 2; "
        "the others are local axes.",
    )
    color = fields.Integer()

    _sql_constraints = [("name_unique", "UNIQUE(name)", "An axis with this name already exists.")]
