from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class TerritoryIndicator(models.Model):
    """An indicator of an action or a convention, measured at dates.

    Measurements are typed in (source "manual") or computed from records. To plug in a
    computed source, another addon adds a value to ``source`` with ``selection_add`` and
    implements ``_compute_source_<value>(self, date_from, date_to)`` returning a number for
    the single indicator ``self``; ``action_compute_measurement`` records it.
    """

    _name = "territory.indicator"
    _description = "Indicator"
    _order = "convention_id, action_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    unit = fields.Char(required=True, help="Unit of the values, e.g. companies, jobs, ha.")
    action_id = fields.Many2one(
        "territory.action", index=True, ondelete="cascade", check_company=True
    )
    convention_id = fields.Many2one(
        "territory.convention",
        compute="_compute_convention_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="convention_id.company_id", store=True, index=True, precompute=True
    )
    target = fields.Float(help="Value to reach by the end of the period.")
    source = fields.Selection(
        [
            ("manual", "Typed In"),
            ("committed_actions", "Committed or Done Actions of the Convention"),
            ("convention_parties", "Partner Organisations of the Convention"),
        ],
        default="manual",
        required=True,
        help="Where the measured values come from. Other addons add computed sources.",
    )
    measurement_ids = fields.One2many(
        "territory.indicator.measurement", "indicator_id", string="Measurements"
    )
    last_date = fields.Date(compute="_compute_values", store=True, string="Last Measured On")
    last_value = fields.Float(compute="_compute_values", store=True, string="Actual")
    previous_value = fields.Float(
        compute="_compute_values", store=True, string="Previous", help="Previous measurement."
    )
    variation = fields.Float(
        compute="_compute_values",
        store=True,
        string="Change",
        help="Actual value minus the previous measurement.",
    )
    achievement = fields.Float(
        compute="_compute_values",
        store=True,
        string="Achievement (%)",
        aggregator="avg",
        help="Actual value over the target, in percent.",
    )

    @api.depends("action_id")
    def _compute_convention_id(self):
        for indicator in self.filtered("action_id"):
            indicator.convention_id = indicator.action_id.convention_id

    @api.depends("measurement_ids.date", "measurement_ids.value", "target")
    def _compute_values(self):
        for indicator in self:
            measurements = indicator.measurement_ids.sorted(lambda m: (m.date, m.id), reverse=True)
            last = measurements[:1]
            previous = measurements[1:2]
            indicator.last_date = last.date
            indicator.last_value = last.value
            indicator.previous_value = previous.value
            indicator.variation = last.value - previous.value if previous else 0.0
            indicator.achievement = (
                100.0 * last.value / indicator.target if indicator.target and last else 0.0
            )

    @api.constrains("action_id", "convention_id")
    def _check_owner(self):
        for indicator in self:
            if not indicator.convention_id:
                raise ValidationError(
                    self.env._(
                        "The indicator %(name)s must belong to an action or a convention.",
                        name=indicator.name,
                    )
                )
            if indicator.action_id and indicator.action_id.convention_id != indicator.convention_id:
                raise ValidationError(
                    self.env._(
                        "The indicator %(name)s belongs to an action of another convention.",
                        name=indicator.name,
                    )
                )

    def action_compute_measurement(self, date=None):
        """Record today's (or ``date``'s) value of computed indicators: computed again the
        same day, it updates that day's measurement rather than adding a second one."""
        date = fields.Date.to_date(date) or fields.Date.context_today(self)
        manual = self.filtered(lambda indicator: indicator.source == "manual")
        if manual:
            raise UserError(
                self.env._(
                    "The indicator %(name)s is typed in: add its measurements by hand.",
                    name=manual[0].name,
                )
            )
        Measurement = self.env["territory.indicator.measurement"]
        existing = {
            measurement.indicator_id: measurement
            for measurement in Measurement.search(
                [("indicator_id", "in", self.ids), ("date", "=", date)]
            )
        }
        measurements = Measurement
        vals_list = []
        for indicator in self:
            method = getattr(indicator, f"_compute_source_{indicator.source}", None)
            if method is None:
                raise UserError(
                    self.env._(
                        "No computation is installed for the source %(value)s.",
                        value=indicator.source,
                    )
                )
            values = {
                "value": method(indicator.convention_id.date_start, date),
                "note": self.env._("Computed automatically."),
            }
            if indicator in existing:
                existing[indicator].write(values)
                measurements |= existing[indicator]
            else:
                vals_list.append({"indicator_id": indicator.id, "date": date, **values})
        return measurements | Measurement.create(vals_list)

    def _compute_source_committed_actions(self, date_from, date_to):
        """Actions of the convention committed or done and started by ``date_to``."""
        self.ensure_one()
        return self.env["territory.action"].search_count(
            [
                ("convention_id", "=", self.convention_id.id),
                ("state", "in", ("committed", "done")),
                "|",
                ("date_start", "=", False),
                ("date_start", "<=", date_to),
            ]
        )

    def _compute_source_convention_parties(self, date_from, date_to):
        """Distinct organisations involved: parties, pilots and partners of the actions."""
        self.ensure_one()
        convention = self.convention_id
        actions = convention.action_ids
        if self.action_id:
            actions = self.action_id
        organisations = convention.party_ids | actions.pilot_ids | actions.partner_ids
        return len(organisations)
