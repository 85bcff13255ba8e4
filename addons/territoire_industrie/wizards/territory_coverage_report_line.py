from odoo import fields, models

from ..tools.naf import NAF_SECTIONS


class TerritoryCoverageReportLine(models.TransientModel):
    """One EPCI x NAF section of a coverage report."""

    _name = "territory.coverage.report.line"
    _description = "Coverage Line"
    _order = "epci_id, naf_section"

    report_id = fields.Many2one("territory.coverage.report", required=True, ondelete="cascade")
    epci_id = fields.Many2one("territory.epci", string="EPCI", readonly=True)
    naf_section = fields.Selection(NAF_SECTIONS, string="NAF Section", readonly=True)
    establishment_count = fields.Integer(
        string="Active Establishments", readonly=True, help="Active establishments."
    )
    met_count = fields.Integer(
        string="Met", readonly=True, help="Active establishments met since the report's date."
    )
    share = fields.Float(
        string="Share Met (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Met establishments over active establishments, in percent.",
    )

    def action_export_xlsx(self):
        """Export the report these lines belong to (the one in context when none selected)."""
        report = self.report_id[:1] or self.env["territory.coverage.report"].browse(
            self.env.context.get("coverage_report_id")
        )
        return report.exists().action_export_xlsx()
