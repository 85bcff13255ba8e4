from odoo import fields, models, tools
from odoo.tools import SQL

from ..tools.naf import NAF_SECTIONS
from .territory_establishment import HEADCOUNT_BRACKETS
from .territory_observatory_snapshot import _midpoint_sql


class TerritoryEstablishmentAnalysis(models.Model):
    """The establishments as the observatory's dashboards read them (a SQL view): with
    their Territoire d'industrie, NAF section and an estimate of their jobs."""

    _name = "territory.establishment.analysis"
    _inherit = ["territory.observatory.report.mixin"]
    _description = "Establishment Analysis"
    _auto = False
    _order = "id"
    _tally_models = ("territory.establishment.tally", "territory.establishment.commune.tally")
    # What the view reads: written in this transaction but not flushed yet, it is flushed
    # before any search or read_group of the view (no stale numbers after an ORM write).
    _depends = {
        "territory.establishment": [
            "epci_id",
            "commune_id",
            "arrondissement_id",
            "naf_section",
            "naf_code",
            "headcount_bracket",
            "state",
            "creation_date",
            "closing_date",
            "is_employer",
            "is_head_office",
        ],
        "territory.industry": ["epci_ids"],
    }

    establishment_id = fields.Many2one("territory.establishment", readonly=True)
    industry_id = fields.Many2one(
        "territory.industry",
        string="Territoire d'industrie",
        readonly=True,
        help="The Territoire d'industrie of the EPCI (the first one if it belongs to several).",
    )
    epci_id = fields.Many2one("territory.epci", string="EPCI", readonly=True)
    commune_id = fields.Many2one("territory.commune", readonly=True)
    arrondissement_id = fields.Many2one("territory.arrondissement", readonly=True)
    naf_section = fields.Selection(NAF_SECTIONS, string="NAF Section", readonly=True)
    naf_code = fields.Char(string="NAF Code", readonly=True)
    headcount_bracket = fields.Selection(HEADCOUNT_BRACKETS, readonly=True)
    state = fields.Selection(
        [("active", "Active"), ("closed", "Closed")], string="Administrative State", readonly=True
    )
    creation_date = fields.Date(readonly=True)
    closing_date = fields.Date(readonly=True)
    is_employer = fields.Boolean(string="Employer", readonly=True)
    is_head_office = fields.Boolean(string="Head Office", readonly=True)
    establishment_count = fields.Integer(string="Establishments", readonly=True)
    estimated_jobs = fields.Float(
        digits=(16, 1),
        readonly=True,
        help="Midpoint of the headcount bracket (01: 1.5, 02: 4, 03: 7.5, 11: 14.5...).",
    )

    def init(self):
        relation = self.env["territory.industry"]._fields["epci_ids"]
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %(view)s AS (
                SELECT e.id, e.id AS establishment_id, e.epci_id, e.commune_id,
                       e.arrondissement_id,
                       ti.industry_id,
                       e.naf_section, e.naf_code, e.headcount_bracket, e.state,
                       e.creation_date, e.closing_date, e.is_employer, e.is_head_office,
                       1 AS establishment_count,
                       %(midpoint)s AS estimated_jobs
                  FROM territory_establishment e
                  LEFT JOIN (
                        SELECT %(epci_col)s AS epci_id, min(%(industry_col)s) AS industry_id
                          FROM %(rel)s GROUP BY %(epci_col)s
                  ) ti ON ti.epci_id = e.epci_id
            )
            """,
                view=SQL.identifier(self._table),
                rel=SQL.identifier(relation.relation),
                industry_col=SQL.identifier(relation.column1),
                epci_col=SQL.identifier(relation.column2),
                midpoint=_midpoint_sql(SQL("e.headcount_bracket")),
            )
        )
