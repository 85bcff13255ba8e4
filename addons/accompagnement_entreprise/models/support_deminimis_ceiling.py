from odoo import api, fields, models


class SupportDeminimisCeiling(models.Model):
    """A dated de minimis ceiling: the aid one single undertaking may receive over three
    years counted back from a grant date (EUR 300,000 since 1 January 2024)."""

    _name = "support.deminimis.ceiling"
    _description = "De Minimis Ceiling"
    _order = "date_from desc, id desc"

    name = fields.Char(required=True, help="The regulation, e.g. Regulation (EU) 2023/2831.")
    date_from = fields.Date(
        string="Valid From", required=True, help="Grants decided from this date use it."
    )
    amount = fields.Monetary(
        required=True, help="Maximum aid over the rolling three years, the new aid included."
    )
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.ref("base.EUR")
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A de minimis ceiling must be positive."),
        ("date_unique", "UNIQUE(date_from)", "Another ceiling starts on this date."),
    ]

    @api.model
    def _ceiling_at(self, date):
        """The ceiling in force on ``date`` (the latest one starting on or before it)."""
        return self.search([("date_from", "<=", date)], limit=1)
