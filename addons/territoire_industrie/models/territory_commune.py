from odoo import api, fields, models


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

    @api.model
    def _resolve_codes(self, codes):
        """``{code: (commune, arrondissement)}`` of the codes an establishment may give, as
        the SIRENE import reads them (see territory.sirene.import._build_code_lookup): a
        current commune, else an arrondissement municipal of Paris, Lyon or Marseille (in
        its city; the arrondissement kept), else a former commune (in today's commune),
        else an archived commune. Unknown codes are left out."""
        codes = {code for code in codes if code}
        Commune = self.with_context(active_test=False)
        Arrondissement = self.env["territory.arrondissement"]
        communes = {c.code: c for c in Commune.search([("code", "in", list(codes))])}
        resolved = {
            code: (commune, Arrondissement) for code, commune in communes.items() if commune.active
        }
        for arrondissement in Arrondissement.search([("code", "in", list(codes - set(resolved)))]):
            resolved[arrondissement.code] = (arrondissement.commune_id, arrondissement)
        Former = self.env["territory.commune.former"]
        for former in Former.search([("code", "in", list(codes - set(resolved)))]):
            resolved[former.code] = (former.commune_id, Arrondissement)
        for code in codes - set(resolved):
            if code in communes:
                resolved[code] = (communes[code], Arrondissement)
        return resolved

    def _establishment_codes(self):
        """The codes SIRENE gives the establishments of these communes: their
        arrondissements' for Paris, Lyon and Marseille, their own for the others."""
        return [
            code
            for commune in self
            for code in (commune.arrondissement_ids.mapped("code") or [commune.code])
        ]
