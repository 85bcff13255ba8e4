from odoo import fields, models


class SupportSubsidyReportWizard(models.TransientModel):
    """Choose the year of a subsidy spreadsheet: the dashboard, or the aid granted per
    beneficiary that collectivités send to the Region before 30 March (CGCT L1511-1)."""

    _name = "support.subsidy.report.wizard"
    _description = "Subsidy Spreadsheets"

    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year - 1
    )
    report = fields.Selection(
        [
            ("dashboard", "Envelopes, Subsidies and Payments"),
            ("region", "Aid Granted per Beneficiary (for the Region)"),
        ],
        required=True,
        default="region",
    )

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/accompagnement_entreprise/subsidies/{self.year}/{self.report}.xlsx",
            "target": "self",
        }
