from odoo import fields, models


class SupportDeminimisDeclarationLine(models.Model):
    """One de minimis aid declared by the beneficiary: who granted it, when, how much."""

    _name = "support.deminimis.declaration.line"
    _description = "Declared De Minimis Aid"
    _order = "date_granted desc, id"

    declaration_id = fields.Many2one(
        "support.deminimis.declaration", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="declaration_id.partner_id", store=True, index=True)
    undertaking_id = fields.Many2one(
        related="declaration_id.undertaking_id", store=True, index=True
    )
    company_id = fields.Many2one(related="declaration_id.company_id", store=True)
    currency_id = fields.Many2one(related="declaration_id.currency_id")
    granting_body = fields.Char(required=True, help="The body that granted the aid.")
    date_granted = fields.Date(required=True, help="Grant date of the aid.")
    amount = fields.Monetary(required=True, help="Gross grant equivalent of the aid.")

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A declared aid must be positive."),
    ]
