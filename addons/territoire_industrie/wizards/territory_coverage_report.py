from dateutil.relativedelta import relativedelta

from odoo import fields, models


class TerritoryCoverageReport(models.TransientModel):
    """Coverage of the territory: per EPCI and NAF section, the active establishments and
    the share of them someone met since a date (12 months by default)."""

    _name = "territory.coverage.report"
    _description = "Coverage of the Establishments"

    date_from = fields.Date(
        string="Met Since",
        required=True,
        default=lambda self: fields.Date.context_today(self) - relativedelta(months=12),
        help="Interactions (meetings, visits, support cases, events...) since this date count.",
    )
    epci_ids = fields.Many2many("territory.epci", string="EPCIs", help="Empty: every EPCI.")
    line_ids = fields.One2many(
        "territory.coverage.report.line", "report_id", string="Lines", readonly=True
    )

    def _domain(self):
        return [("epci_id", "in", self.epci_ids.ids)] if self.epci_ids else []

    def action_compute(self):
        """Fill the lines from one grouped query, then show them."""
        self.ensure_one()
        rows = self.env["territory.establishment"]._coverage_report(self.date_from, self._domain())
        self.line_ids.unlink()
        self.env["territory.coverage.report.line"].create(
            [{**row, "report_id": self.id} for row in rows]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Coverage since %(date)s", date=self.date_from.strftime("%d/%m/%Y")),
            "res_model": "territory.coverage.report.line",
            "view_mode": "list,pivot,graph",
            "domain": [("report_id", "=", self.id)],
            "context": {"coverage_report_id": self.id},
        }

    def action_view_not_met(self):
        """The active establishments nobody met in the last 12 months."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "territoire_industrie.territory_establishment_action"
        )
        action["domain"] = [("is_met_recently", "=", False), *self._domain()]
        action["context"] = {"search_default_active_state": 1}
        action["name"] = self.env._("Establishments Not Met Yet")
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/territoire_industrie/observatory/coverage/{self.id}.xlsx",
            "target": "download",
        }
