from odoo import fields, models, tools


class TerritorySireneImportRejection(models.Model):
    """A row of a SIRENE file that could not be imported, and why."""

    _name = "territory.sirene.import.rejection"
    _description = "SIRENE Import Rejected Row"
    _order = "import_id, line"

    import_id = fields.Many2one(
        "territory.sirene.import", required=True, ondelete="cascade", index=True
    )
    line = fields.Integer(required=True, help="Line number in the file (the header is line 1).")
    siret = fields.Char(string="SIRET")
    reason = fields.Selection(
        [
            ("bad_siret", "Invalid SIRET (checksum)"),
            ("inconsistent_siret", "SIRET does not match SIREN + NIC"),
            ("unknown_commune", "Unknown commune"),
            ("bad_date", "Malformed date"),
            ("duplicate_siret", "SIRET repeated further down the file (the last row is kept)"),
        ],
        required=True,
    )
    detail = fields.Char()

    def init(self):
        # The list and the XLSX export read a report's rows in line order, page by page.
        tools.create_index(
            self.env.cr,
            "territory_sirene_import_rejection_import_line_index",
            self._table,
            ["import_id", "line"],
        )
