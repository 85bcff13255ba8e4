from odoo import fields, models

from ..tools.naf import NAF_SECTIONS
from .territory_establishment import HEADCOUNT_BRACKETS


class TerritoryObservatorySnapshotLine(models.Model):
    """Establishments of one EPCI x NAF section x headcount bracket in a snapshot.

    Written in SQL by territory.observatory.snapshot (one INSERT ... SELECT ... GROUP BY),
    read by the pivot and graph views: the time series of the territory.
    """

    _name = "territory.observatory.snapshot.line"
    _description = "Observatory Snapshot Line"
    _order = "date desc, epci_id, naf_section, headcount_bracket"

    snapshot_id = fields.Many2one(
        "territory.observatory.snapshot", required=True, ondelete="cascade", index=True
    )
    date = fields.Date(required=True, help="Date of the snapshot.")
    epci_id = fields.Many2one("territory.epci", string="EPCI", index=True, ondelete="cascade")
    naf_section = fields.Selection(NAF_SECTIONS, string="NAF Section")
    headcount_bracket = fields.Selection(HEADCOUNT_BRACKETS)
    establishment_count = fields.Integer(
        string="Active Establishments", help="Establishments active on the date of the snapshot."
    )
    estimated_jobs = fields.Float(
        digits=(16, 1),
        help="Sum of the midpoints of the headcount brackets of the active establishments "
        "(01: 1.5, 02: 4, 03: 7.5, 11: 14.5, 12: 34.5, 21: 74.5...; NN and 00: 0).",
    )
    created_count = fields.Integer(
        string="Creations", help="Establishments created during the period of the snapshot."
    )
    closed_count = fields.Integer(
        string="Closures", help="Establishments closed during the period of the snapshot."
    )
