from odoo import fields, models


class TerritoryActionAmbition(models.Model):
    """An ambition of an action plan, the common objectives a territory commits to."""

    _name = "territory.action.ambition"
    _description = "Action Ambition"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "An ambition with this name already exists.")
    ]
