from odoo import fields, models

from ..models.support_case import CLOSING_REASONS

METRICS = [
    ("new_cases", "New Cases"),
    ("companies", "Companies Supported"),
    ("taken_3_rate", "Taken in Charge Within 3 Days (%)"),
    ("taken_5_rate", "Taken in Charge Within 5 Days (%)"),
    ("closed", "Closed Cases"),
    *((f"closed_{reason}", f"Closed: {label}") for reason, label in CLOSING_REASONS),
    ("satisfaction_answers", "Satisfaction Answers"),
    ("satisfaction_rate", "Found Useful (% of Answers)"),
]


class SupportResultsLine(models.TransientModel):
    """One figure of one row of the results, for the quarter and the two compared ones."""

    _name = "support.results.line"
    _description = "Support Results Line"
    _order = "sequence, id"

    results_id = fields.Many2one("support.results", required=True, ondelete="cascade")
    sequence = fields.Integer()
    group_name = fields.Char(string="Row", help="Advisor, team, territory... of the row.")
    is_total = fields.Boolean(string="Total Row")
    metric = fields.Selection(METRICS, string="Figure", required=True)
    is_rate = fields.Boolean(help="The figure is a percentage: differences are in points.")
    current = fields.Float(string="Quarter", digits=(16, 1), help="Figure of the quarter.")
    previous = fields.Float(
        string="Previous Quarter", digits=(16, 1), help="Figure of the previous quarter."
    )
    diff_previous = fields.Float(
        string="Change vs Previous Quarter",
        digits=(16, 1),
        help="Quarter minus previous quarter (points for percentages).",
    )
    last_year = fields.Float(
        string="Same Quarter Last Year",
        digits=(16, 1),
        help="Figure of the same quarter one year earlier.",
    )
    diff_last_year = fields.Float(
        string="Change vs Last Year",
        digits=(16, 1),
        help="Quarter minus the same quarter last year (points for percentages).",
    )
