from odoo import models

from .territory_establishment_movement_tally import MOVEMENT_COLUMNS


class TerritoryEstablishmentMovementCommuneTally(models.Model):
    """The creations and closures counted per year and commune (and arrondissement): the
    creations and closures per commune (see the tally mixin)."""

    _name = "territory.establishment.movement.commune.tally"
    _inherit = "territory.establishment.movement.tally"
    _description = "Creation and Closure Counts per Commune"
    _tally_columns = {
        name: MOVEMENT_COLUMNS[name]
        for name in ("date", "movement", "epci_id", "commune_id", "arrondissement_id")
    }
