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
    population = fields.Integer(help="Municipal population of the member communes.")
    active = fields.Boolean(default=True)
    commune_ids = fields.One2many("territory.commune", "epci_id", string="Member Communes")
    commune_count = fields.Integer(compute="_compute_commune_count")
    industry_ids = fields.Many2many(
        "territory.industry",
        string="Territoires d'industrie",
        compute="_compute_industry_ids",
        help="Territoires d'industrie whose current perimeter includes this EPCI.",
    )

    _sql_constraints = [
        ("siren_unique", "UNIQUE(siren)", "An EPCI with this SIREN already exists.")
    ]

    def _compute_commune_count(self):
        counts = dict(
            self.env["territory.commune"]._read_group(
                [("epci_id", "in", self.ids)], ["epci_id"], ["__count"]
            )
        )
        for epci in self:
            epci.commune_count = counts.get(epci, 0)

    def _compute_industry_ids(self):
        Industry = self.env["territory.industry"]
        # The SQL of a many2many condition does not recompute a pending stored compute.
        Industry.flush_model(["epci_ids"])
        industries = Industry.search([("epci_ids", "in", self.ids)])
        for epci in self:
            epci.industry_ids = industries.filtered(lambda ti, epci=epci: epci in ti.epci_ids)
