from odoo import fields, models


class TerritoryIndustry(models.Model):
    """A Territoire d'industrie of the national programme, keyed on its code (ti-NNNN)."""

    _name = "territory.industry"
    _description = "Territoire d'industrie"
    _order = "name"
    _rec_names_search = ["name", "code"]

    code = fields.Char(required=True, index=True, help="Programme code, e.g. ti-8418.")
    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    epci_ids = fields.Many2many("territory.epci", string="EPCIs")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A Territoire d'industrie with this code already exists.")
    ]
