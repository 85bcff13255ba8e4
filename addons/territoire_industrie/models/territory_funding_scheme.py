from odoo import fields, models


class TerritoryFundingScheme(models.Model):
    """A funding scheme (Fonds vert, ANCT credits, FEDER, own funds of an EPCI...)."""

    _name = "territory.funding.scheme"
    _description = "Funding Scheme"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in exports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Default Funder",
        domain=[("is_company", "=", True)],
        help="Organisation that usually grants this scheme, proposed on new funding lines.",
    )

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "A funding scheme with this name already exists.")
    ]
