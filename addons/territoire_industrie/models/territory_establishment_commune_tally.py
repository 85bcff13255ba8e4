from odoo import models

from .territory_establishment_tally import ANALYSIS_COLUMNS


class TerritoryEstablishmentCommuneTally(models.Model):
    """The establishments counted per commune (and arrondissement), NAF section,
    headcount bracket and state: the analysis per commune (see the tally mixin)."""

    _name = "territory.establishment.commune.tally"
    _inherit = "territory.establishment.tally"
    _description = "Establishment Counts per Commune"
    _tally_columns = {
        name: ANALYSIS_COLUMNS[name]
        for name in (
            "epci_id",
            "commune_id",
            "arrondissement_id",
            "naf_section",
            "headcount_bracket",
            "state",
        )
    }
