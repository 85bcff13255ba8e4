from odoo import fields, models


class TerritoryDepartment(models.Model):
    """A French département, keyed on its INSEE code (25, 2A, 971...)."""

    _name = "territory.department"
    _description = "Département"
    _order = "code"
    _rec_names_search = ["name", "code"]

    code = fields.Char(required=True, index=True, help="INSEE code of the département, e.g. 25.")
    name = fields.Char(required=True)
    region_id = fields.Many2one("territory.region", ondelete="restrict", index=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A département with this code already exists.")
    ]
