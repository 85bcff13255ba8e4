from odoo import fields, models, tools
from odoo.tools import SQL

from ..tools.naf import NAF_SECTIONS
from .territory_establishment import HEADCOUNT_BRACKETS


class TerritoryEstablishmentMovement(models.Model):
    """Creations and closures of establishments, one row per event (a SQL view): grouped
    by year, they give the creations, closures and balance of each year."""

    _name = "territory.establishment.movement"
    _inherit = ["territory.observatory.report.mixin"]
    _description = "Establishment Creations and Closures"
    _auto = False
    _order = "date desc"
    _tally_models = (
        "territory.establishment.movement.commune.tally",
        "territory.establishment.movement.tally",
    )
    # Flushed before any search or read_group of the view (see the analysis).
    _depends = {
        "territory.establishment": [
            "epci_id",
            "commune_id",
            "arrondissement_id",
            "naf_section",
            "headcount_bracket",
            "state",
            "creation_date",
            "closing_date",
        ],
    }

    establishment_id = fields.Many2one("territory.establishment", readonly=True)
    date = fields.Date(readonly=True, help="Date of the creation or of the closure.")
    movement = fields.Selection([("creation", "Creation"), ("closure", "Closure")], readonly=True)
    epci_id = fields.Many2one("territory.epci", string="EPCI", readonly=True)
    commune_id = fields.Many2one("territory.commune", readonly=True)
    arrondissement_id = fields.Many2one("territory.arrondissement", readonly=True)
    naf_section = fields.Selection(NAF_SECTIONS, string="NAF Section", readonly=True)
    headcount_bracket = fields.Selection(HEADCOUNT_BRACKETS, readonly=True)
    created_count = fields.Integer(string="Creations", readonly=True)
    closed_count = fields.Integer(string="Closures", readonly=True)
    balance = fields.Integer(readonly=True, help="Creations minus closures.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # Ids: 2 x establishment for its creation, 2 x establishment + 1 for its closure.
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %(view)s AS (
                SELECT e.id * 2 AS id, e.id AS establishment_id, e.creation_date AS date,
                       'creation' AS movement, e.epci_id, e.commune_id, e.arrondissement_id,
                       e.naf_section, e.headcount_bracket, 1 AS created_count,
                       0 AS closed_count, 1 AS balance
                  FROM territory_establishment e
                 WHERE e.creation_date IS NOT NULL
                UNION ALL
                SELECT e.id * 2 + 1, e.id, e.closing_date, 'closure', e.epci_id, e.commune_id,
                       e.arrondissement_id, e.naf_section, e.headcount_bracket, 0, 1, -1
                  FROM territory_establishment e
                 WHERE e.state = 'closed' AND e.closing_date IS NOT NULL
            )
            """,
                view=SQL.identifier(self._table),
            )
        )
