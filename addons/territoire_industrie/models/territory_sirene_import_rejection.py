from odoo import fields, models


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
