from odoo import fields, models


class TerritoryRegion(models.Model):
    """A French région, keyed on its INSEE code (official geographic code, COG)."""

    _name = "territory.region"
    _description = "Region"
    _order = "name"
    _rec_names_search = ["name", "code"]

    code = fields.Char(required=True, index=True, help="INSEE code of the région, e.g. 27.")
    name = fields.Char(required=True)
    department_ids = fields.One2many("territory.department", "region_id", string="Départements")

    _sql_constraints = [("code_unique", "UNIQUE(code)", "A région with this code already exists.")]
