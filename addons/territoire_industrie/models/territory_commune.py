from odoo import fields, models


class TerritoryCommune(models.Model):
    """A commune, keyed on its INSEE code; archived, never deleted, when it disappears."""

    _name = "territory.commune"
    _description = "Commune"
    _order = "name, code"
    _rec_names_search = ["name", "code", "postal_codes"]

    code = fields.Char(
        string="INSEE Code", required=True, index=True, help="Official geographic code (COG)."
    )
    name = fields.Char(required=True, index="trigram")
    postal_codes = fields.Char(help="Postal codes of the commune, separated by spaces.")
    population = fields.Integer()
    active = fields.Boolean(default=True)
    department_id = fields.Many2one("territory.department", ondelete="restrict", index=True)
    region_id = fields.Many2one(related="department_id.region_id", store=True)
    epci_id = fields.Many2one("territory.epci", string="EPCI", ondelete="restrict", index=True)
    arrondissement_ids = fields.One2many(
        "territory.arrondissement", "commune_id", string="Arrondissements"
    )
    former_ids = fields.One2many(
        "territory.commune.former",
        "commune_id",
        string="Former Communes",
        help="Communes déléguées, associées or merged whose territory is in this commune.",
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A commune with this INSEE code already exists.")
    ]

    def _compute_display_name(self):
        for commune in self:
            commune.display_name = (
                f"{commune.name} ({commune.code})" if commune.code else commune.name
            )
