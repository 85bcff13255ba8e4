from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.support_case import CLOSING_REASONS

DIMENSIONS = [
    ("user_id", "Advisor"),
    ("team_id", "Team"),
    ("epci_id", "EPCI"),
    ("territory_industry_id", "Territoire d'industrie"),
    ("organisation_id", "Organisation"),
    ("programme_id", "Programme"),
]


class SupportResults(models.TransientModel):
    """The results of a quarter per advisor, team, territory..., compared with the previous
    quarter and the same quarter of last year. Each user sees the cases they may read."""

    _name = "support.results"
    _description = "Support Results"

    year = fields.Integer(
        required=True,
        default=lambda self: self.env["support.case"]._results_current_quarter()[0],
    )
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")],
        required=True,
        default=lambda self: str(self.env["support.case"]._results_current_quarter()[1]),
    )
    dimension = fields.Selection(
        DIMENSIONS,
        string="Results per",
        required=True,
        default="user_id",
        help="Who or what the rows of the results are.",
    )
    organisation_id = fields.Many2one(
        "res.partner",
        domain=[("organisation_type", "in", ("cci", "cma", "collectivite", "agency"))],
        help="Only the cases of this chamber or collectivité.",
    )
    programme_id = fields.Many2one("support.programme", help="Only the cases of this programme.")
    line_ids = fields.One2many("support.results.line", "results_id", string="Lines")

    @api.constrains("year")
    def _check_year(self):
        for results in self:
            if not 2000 <= results.year <= 2100:
                raise ValidationError(
                    self.env._("Choose a year between 2000 and 2100 for the results.")
                )

    def _case_domain(self):
        self.ensure_one()
        domain = []
        if self.organisation_id:
            domain.append(("organisation_id", "=", self.organisation_id.id))
        if self.programme_id:
            domain.append(("programme_id", "=", self.programme_id.id))
        return domain

    @api.model
    def _metrics(self):
        """(metric key, is a rate) in the order of the rows."""
        return [
            ("new_cases", False),
            ("companies", False),
            ("taken_3_rate", True),
            ("taken_5_rate", True),
            ("closed", False),
            *((f"closed_{reason}", False) for reason, _label in CLOSING_REASONS),
            ("satisfaction_answers", False),
            ("satisfaction_rate", True),
        ]

    def _compute_lines(self):
        """Replace the lines with the results of the chosen quarter and dimension."""
        self.ensure_one()
        rows = self.env["support.case"]._results_compare(
            self._case_domain(), self.dimension, self.year, int(self.quarter)
        )
        vals_list = []
        sequence = 0
        for row in rows:
            group = row["group"]
            for metric, is_rate in self._metrics():
                sequence += 1
                current = row["current"][metric]
                previous = row["previous"][metric]
                last_year = row["last_year"][metric]
                vals_list.append(
                    {
                        "results_id": self.id,
                        "sequence": sequence,
                        "is_total": group is False,
                        "group_name": (
                            group.display_name
                            if group
                            else self.env._("Total")
                            if group is False
                            else self.env._("Not Set")
                        ),
                        "metric": metric,
                        "is_rate": is_rate,
                        "current": current or 0.0,
                        "previous": previous or 0.0,
                        "last_year": last_year or 0.0,
                        "diff_previous": (
                            current - previous
                            if current is not None and previous is not None
                            else 0.0
                        ),
                        "diff_last_year": (
                            current - last_year
                            if current is not None and last_year is not None
                            else 0.0
                        ),
                    }
                )
        self.line_ids.unlink()
        return self.env["support.results.line"].create(vals_list)

    def action_show_results(self):
        self.ensure_one()
        self._compute_lines()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_results_line_action"
        )
        action.update(
            name=self.env._("Results Q%(quarter)s %(year)s", quarter=self.quarter, year=self.year),
            domain=[("results_id", "=", self.id)],
        )
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        if not self.organisation_id:
            raise UserError(
                self.env._("Choose the organisation whose quarterly results to export.")
            )
        return {
            "type": "ir.actions.act_url",
            "url": (
                f"/accompagnement_entreprise/organisation/{self.organisation_id.id}"
                f"/results/{self.year}/{self.quarter}/results.xlsx"
            ),
            "target": "download",
        }
