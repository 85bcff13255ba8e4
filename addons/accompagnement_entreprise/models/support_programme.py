from odoo import fields, models


class SupportProgramme(models.Model):
    """A support scheme companies are followed in (business transfer, RH+ audit...).

    Programmes are data, not code: a manager adds a new one from the configuration menu.
    """

    _name = "support.programme"
    _description = "Support Programme"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short technical code, unique, used in imports and reports.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Html(
        translate=True,
        help="What the programme offers and to whom, shown to advisors.",
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Another programme already uses this code."),
    ]
