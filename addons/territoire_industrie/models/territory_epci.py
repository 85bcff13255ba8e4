from odoo import fields, models


class TerritoryEpci(models.Model):
    """An intercommunality (EPCI à fiscalité propre), keyed on its SIREN."""

    _name = "territory.epci"
    _description = "EPCI"
    _order = "name"
    _rec_names_search = ["name", "siren"]

    siren = fields.Char(
        string="SIREN", required=True, index=True, help="SIREN of the EPCI (9 digits)."
    )
    name = fields.Char(required=True)
    nature = fields.Selection(
        [
            ("CC", "Communauté de communes"),
            ("CA", "Communauté d'agglomération"),
            ("CU", "Communauté urbaine"),
            ("ME", "Métropole"),
            ("MET69", "Métropole de Lyon"),
        ],
        help="Legal nature of the EPCI (INSEE NATURE_EPCI).",
    )
    population = fields.Integer()
    active = fields.Boolean(default=True)
    commune_ids = fields.One2many("territory.commune", "epci_id", string="Member Communes")

    _sql_constraints = [
        ("siren_unique", "UNIQUE(siren)", "An EPCI with this SIREN already exists.")
    ]
