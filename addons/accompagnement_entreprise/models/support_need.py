from odoo import fields, models


class SupportNeed(models.Model):
    """A need of a company (financing, recruitment, digital presence...) a case answers."""

    _name = "support.need"
    _description = "Company Need"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    programme_id = fields.Many2one(
        "support.programme",
        ondelete="set null",
        help="Programme that usually answers this need: a case detected during a visit "
        "is opened in it.",
    )

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "This need already exists."),
    ]
