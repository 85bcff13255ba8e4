from odoo import api, fields, models

PHASES = [
    ("1", "Phase 1 (2018-2023)"),
    ("2", "Phase 2 (2023-2027)"),
]


class TerritoryIndustryPhase(models.Model):
    """One phase of the programme for a territory: its name and its EPCI perimeter then."""

    _name = "territory.industry.phase"
    _description = "Territoire d'industrie Phase"
    _order = "industry_id, phase"

    industry_id = fields.Many2one(
        "territory.industry",
        string="Territoire d'industrie",
        required=True,
        ondelete="cascade",
        index=True,
    )
    phase = fields.Selection(PHASES, required=True, help="Phase of the national programme.")
    name = fields.Char(required=True, help="Name of the territory during this phase.")
    date_start = fields.Date(string="Start Date")
    date_end = fields.Date(string="End Date")
    label_date = fields.Date(help="Date the territory was labelled for this phase.")
    epci_ids = fields.Many2many(
        "territory.epci",
        "territory_industry_phase_epci_rel",
        "phase_id",
        "epci_id",
        string="EPCIs",
        help="Perimeter of the territory during this phase.",
    )
    epci_count = fields.Integer(string="EPCI Count", compute="_compute_epci_count")

    _sql_constraints = [
        (
            "industry_phase_unique",
            "UNIQUE(industry_id, phase)",
            "A Territoire d'industrie has only one record per phase.",
        ),
        (
            "dates_check",
            "CHECK(date_end IS NULL OR date_start IS NULL OR date_start <= date_end)",
            "The end date of a phase must come after its start date.",
        ),
    ]

    @api.depends("epci_ids")
    def _compute_epci_count(self):
        for phase in self:
            phase.epci_count = len(phase.epci_ids)
