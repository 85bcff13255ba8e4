from odoo import fields, models

CHANGE_KINDS = [
    ("merged", "Merged Commune"),
    ("renamed", "Renamed"),
    ("epci_moved", "Moved to Another EPCI"),
    ("new", "New Commune"),
    ("archived", "Archived Commune"),
    ("epci_archived", "Archived EPCI"),
    ("perimeter", "Territoire d'industrie Perimeter"),
]


class TerritoryReferenceChange(models.Model):
    """What one load of a newer territorial reference changed, for the user to read.

    History: it keeps the old commune and EPCI as they were, so the loader never moves
    the references it holds to their successors.
    """

    _name = "territory.reference.change"
    _description = "Territorial Reference Change"
    _order = "id desc"
    _territory_history = True

    load_key = fields.Char(
        required=True, index=True, readonly=True, help="Identifies the load that made it."
    )
    vintage = fields.Char(required=True, readonly=True, help="Vintage of the reference, e.g. 2025.")
    kind = fields.Selection(CHANGE_KINDS, required=True, readonly=True)
    old_commune_id = fields.Many2one("territory.commune", ondelete="restrict", readonly=True)
    commune_id = fields.Many2one(
        "territory.commune", string="New Commune", ondelete="restrict", readonly=True
    )
    old_epci_id = fields.Many2one(
        "territory.epci", string="Old EPCI", ondelete="restrict", readonly=True
    )
    epci_id = fields.Many2one(
        "territory.epci", string="New EPCI", ondelete="restrict", readonly=True
    )
    industry_id = fields.Many2one(
        "territory.industry", string="Territoire d'industrie", ondelete="cascade", readonly=True
    )
    old_value = fields.Char(readonly=True, help="Name or code before the load.")
    new_value = fields.Char(readonly=True, help="Name or code after the load.")
    moved_count = fields.Integer(
        string="Records Moved",
        readonly=True,
        help="Records (companies, contacts, establishments, cases…) moved to the new commune, "
        "or still pointing at an archived commune that has no successor.",
    )
    moved_detail = fields.Char(string="Moved Records", readonly=True)
