from odoo import fields, models


class TerritoryArrondissement(models.Model):
    """An arrondissement municipal of Paris, Lyon or Marseille, placed in its commune.

    SIRENE gives the arrondissement's code (75115, 69383, 13208) as the commune of every
    establishment of these three cities.
    """

    _name = "territory.arrondissement"
    _description = "Arrondissement Municipal"
    _order = "code"
    _rec_names_search = ["name", "code", "postal_codes"]

    code = fields.Char(
        string="INSEE Code", required=True, index=True, help="Official geographic code (COG)."
    )
    name = fields.Char(required=True)
    commune_id = fields.Many2one(
        "territory.commune", required=True, ondelete="restrict", index=True
    )
    postal_codes = fields.Char(help="Postal codes of the arrondissement, separated by spaces.")

    _sql_constraints = [
        (
            "code_unique",
            "UNIQUE(code)",
            "An arrondissement with this INSEE code already exists.",
        )
    ]

    def _compute_display_name(self):
        for arrondissement in self:
            arrondissement.display_name = (
                f"{arrondissement.name} ({arrondissement.code})"
                if arrondissement.code
                else arrondissement.name
            )
