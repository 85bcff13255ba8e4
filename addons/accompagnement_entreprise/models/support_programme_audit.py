from odoo import fields, models


class SupportProgramme(models.Model):
    _inherit = "support.programme"

    is_audit = fields.Boolean(
        string="Audit Programme",
        help="Cases of this programme are audits: provider, days, cost, co-financing "
        "split and the subsidies that pay for them.",
    )
