from odoo import api, fields, models


class SupportDeminimisDeclaration(models.Model):
    """The beneficiary's signed declaration of the de minimis aid it received from other
    bodies: its lines count in the de minimis total of its single undertaking."""

    _name = "support.deminimis.declaration"
    _description = "De Minimis Declaration"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Beneficiary",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        help="The company that signed the declaration.",
    )
    undertaking_id = fields.Many2one(
        related="partner_id.deminimis_undertaking_id", store=True, index=True
    )
    date = fields.Date(
        string="Signed On",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Date the beneficiary signed the declaration.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many(
        "support.deminimis.declaration.line", "declaration_id", string="Previous Aid"
    )
    amount_total = fields.Monetary(
        string="Total Declared", compute="_compute_amount_total", store=True, tracking=True
    )
    attachment_note = fields.Char(
        string="Signed Document", help="Where the signed declaration is filed."
    )

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for declaration in self:
            declaration.amount_total = sum(declaration.line_ids.mapped("amount"))

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for declaration in self:
            declaration.display_name = self.env._(
                "%(partner)s, %(date)s",
                partner=declaration.partner_id.name or "",
                date=declaration.date or "",
            )
