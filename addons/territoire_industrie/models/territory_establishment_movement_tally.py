from odoo import fields, models
from odoo.tools import SQL

from ..tools.naf import NAF_SECTIONS
from .territory_establishment import HEADCOUNT_BRACKETS

# The columns the creations and closures' tallies count, each some of them.
MOVEMENT_COLUMNS = {
    "date": "date",
    "movement": "varchar",
    "epci_id": "integer",
    "commune_id": "integer",
    "arrondissement_id": "integer",
    "naf_section": "varchar",
    "headcount_bracket": "varchar",
}


class TerritoryEstablishmentMovementTally(models.Model):
    """The creations and closures counted per year, EPCI, NAF section and headcount
    bracket: what the creations and closures dashboards read when they ask for nothing
    finer (see the tally mixin). ``date`` is the first day of the year."""

    _name = "territory.establishment.movement.tally"
    _inherit = ["territory.observatory.tally.mixin", "territory.observatory.report.mixin"]
    _description = "Creation and Closure Counts per EPCI"
    _auto = False
    _order = "id"
    _depends = {
        "territory.establishment": [
            *(name for name in MOVEMENT_COLUMNS if name not in ("date", "movement")),
            "state",
            "creation_date",
            "closing_date",
        ],
    }
    _tally_columns = {
        name: MOVEMENT_COLUMNS[name]
        for name in ("date", "movement", "epci_id", "naf_section", "headcount_bracket")
    }
    _tally_computed = ("movement_count", "created_count", "closed_count", "balance")
    _tally_count = "movement_count:sum"
    _tally_date_granularity = "year"

    date = fields.Date(readonly=True, help="First day of the year of the movements.")
    movement = fields.Selection([("creation", "Creation"), ("closure", "Closure")], readonly=True)
    epci_id = fields.Many2one("territory.epci", string="EPCI", readonly=True)
    commune_id = fields.Many2one("territory.commune", readonly=True)
    arrondissement_id = fields.Many2one("territory.arrondissement", readonly=True)
    naf_section = fields.Selection(NAF_SECTIONS, string="NAF Section", readonly=True)
    headcount_bracket = fields.Selection(HEADCOUNT_BRACKETS, readonly=True)
    movement_count = fields.Integer(string="Movements", readonly=True)
    created_count = fields.Integer(string="Creations", readonly=True)
    closed_count = fields.Integer(string="Closures", readonly=True)
    balance = fields.Integer(readonly=True)

    def _tally_rows_sql(self, rows, sign):
        # As territory.establishment.movement: a creation per dated establishment, a
        # closure per closed establishment with its closing date. The dates are truncated
        # as timestamps: a date alone would go through a timestamp with time zone, which
        # depends on the session's and costs a tenth more.
        others = SQL(", ").join(
            SQL.identifier(name) for name in self._tally_columns if name not in ("date", "movement")
        )
        return SQL(
            """
            SELECT date_trunc(%(unit)s, creation_date::timestamp)::date AS date,
                   'creation' AS movement, %(others)s, %(sign)s AS n
              FROM %(rows)s WHERE creation_date IS NOT NULL
            UNION ALL
            SELECT date_trunc(%(unit)s, closing_date::timestamp)::date, 'closure', %(others)s,
                   %(sign)s
              FROM %(rows)s WHERE state = 'closed' AND closing_date IS NOT NULL
            """,
            unit=self._tally_date_granularity,
            others=others,
            sign=sign,
            rows=rows,
        )

    def _tally_view_sql(self):
        return SQL(
            """
            SELECT data.id, %(columns)s, data.n AS movement_count,
                   CASE WHEN data.movement = 'creation' THEN data.n ELSE 0 END AS created_count,
                   CASE WHEN data.movement = 'closure' THEN data.n ELSE 0 END AS closed_count,
                   CASE WHEN data.movement = 'creation' THEN data.n ELSE -data.n END AS balance
              FROM %(data_table)s data
            """,
            columns=self._tally_view_columns("data", MOVEMENT_COLUMNS),
            data_table=SQL.identifier(self._tally_data_table),
        )
