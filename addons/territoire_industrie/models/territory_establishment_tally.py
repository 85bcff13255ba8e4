from odoo import fields, models
from odoo.tools import SQL

from ..tools.naf import NAF_SECTIONS
from .territory_establishment import HEADCOUNT_BRACKETS
from .territory_observatory_snapshot import _midpoint_sql

# The establishments' columns the analysis's tallies count, each some of them.
ANALYSIS_COLUMNS = {
    "epci_id": "integer",
    "commune_id": "integer",
    "arrondissement_id": "integer",
    "naf_section": "varchar",
    "headcount_bracket": "varchar",
    "state": "varchar",
    "is_employer": "boolean",
    "is_head_office": "boolean",
}


class TerritoryEstablishmentTally(models.Model):
    """The establishments counted per EPCI, NAF section, headcount bracket, state,
    employer and head office: what the analysis dashboards read when they ask for nothing
    finer (see the tally mixin). Same fields and meaning as the analysis."""

    _name = "territory.establishment.tally"
    _inherit = ["territory.observatory.tally.mixin", "territory.observatory.report.mixin"]
    _description = "Establishment Counts per EPCI"
    _auto = False
    _order = "id"
    _depends = {
        "territory.establishment": list(ANALYSIS_COLUMNS),
        "territory.industry": ["epci_ids"],
    }
    _tally_columns = {
        name: ANALYSIS_COLUMNS[name]
        for name in (
            "epci_id",
            "naf_section",
            "headcount_bracket",
            "state",
            "is_employer",
            "is_head_office",
        )
    }
    _tally_computed = ("industry_id", "establishment_count", "estimated_jobs")
    _tally_count = "establishment_count:sum"

    industry_id = fields.Many2one(
        "territory.industry", string="Territoire d'industrie", readonly=True
    )
    epci_id = fields.Many2one("territory.epci", string="EPCI", readonly=True)
    commune_id = fields.Many2one("territory.commune", readonly=True)
    arrondissement_id = fields.Many2one("territory.arrondissement", readonly=True)
    naf_section = fields.Selection(NAF_SECTIONS, string="NAF Section", readonly=True)
    headcount_bracket = fields.Selection(HEADCOUNT_BRACKETS, readonly=True)
    state = fields.Selection(
        [("active", "Active"), ("closed", "Closed")], string="Administrative State", readonly=True
    )
    is_employer = fields.Boolean(string="Employer", readonly=True)
    is_head_office = fields.Boolean(string="Head Office", readonly=True)
    establishment_count = fields.Integer(string="Establishments", readonly=True)
    estimated_jobs = fields.Float(digits=(16, 1), readonly=True)

    def _tally_rows_sql(self, rows, sign):
        return SQL(
            "SELECT %s, %s AS n FROM %s",
            self._tally_columns_sql(),
            sign,
            rows,
        )

    def _tally_view_sql(self):
        relation = self.env["territory.industry"]._fields["epci_ids"]
        return SQL(
            """
            SELECT data.id, %(columns)s, ti.industry_id,
                   data.n AS establishment_count, data.n * %(midpoint)s AS estimated_jobs
              FROM %(data_table)s data
              LEFT JOIN (
                    SELECT %(epci_col)s AS epci_id, min(%(industry_col)s) AS industry_id
                      FROM %(rel)s GROUP BY %(epci_col)s
              ) ti ON ti.epci_id = data.epci_id
            """,
            columns=self._tally_view_columns("data", ANALYSIS_COLUMNS),
            data_table=SQL.identifier(self._tally_data_table),
            midpoint=_midpoint_sql(SQL("data.headcount_bracket")),
            rel=SQL.identifier(relation.relation),
            industry_col=SQL.identifier(relation.column1),
            epci_col=SQL.identifier(relation.column2),
        )
