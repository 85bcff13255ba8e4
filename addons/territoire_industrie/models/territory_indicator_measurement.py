from odoo import fields, models


class TerritoryIndicatorMeasurement(models.Model):
    """A dated value of an indicator."""

    _name = "territory.indicator.measurement"
    _description = "Indicator Measurement"
    _order = "date desc, id desc"

    indicator_id = fields.Many2one(
        "territory.indicator", required=True, index=True, ondelete="cascade"
    )
    action_id = fields.Many2one(related="indicator_id.action_id", store=True, index=True)
    convention_id = fields.Many2one(related="indicator_id.convention_id", store=True, index=True)
    company_id = fields.Many2one(related="indicator_id.company_id", store=True)
    unit = fields.Char(related="indicator_id.unit")
    date = fields.Date(required=True, default=fields.Date.context_today)
    value = fields.Float(required=True, aggregator="sum")
    target = fields.Float(related="indicator_id.target", aggregator="max")
    note = fields.Char()

    _sql_constraints = [
        (
            "indicator_date_unique",
            "UNIQUE(indicator_id, date)",
            "An indicator has only one measurement per date.",
        )
    ]
