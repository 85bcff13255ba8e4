from odoo import fields, models


class SupportTransferSector(models.Model):
    """A business sector of the transfer marketplace: a section of the NAF rév. 2.

    Offers name one sector, buyers search one or several: matching compares them.
    """

    _name = "support.transfer.sector"
    _description = "Business Transfer Sector"
    _order = "code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, help="Letter of the NAF rév. 2 section (A to U).")
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A sector with this NAF section already exists."),
    ]

    def _compute_display_name(self):
        for sector in self:
            sector.display_name = f"{sector.code} - {sector.name}" if sector.code else sector.name
