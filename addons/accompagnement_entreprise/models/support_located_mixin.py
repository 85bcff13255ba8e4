from odoo import api, fields, models


class SupportLocatedMixin(models.AbstractModel):
    """Where a followed company is: its SIRENE establishment, commune and EPCI.

    For records about one company (``partner_id``): support cases, field visits. The
    commune is the company's (or its commercial entity's); the establishment is found from
    its SIRET. Both stay editable.
    """

    _name = "support.located.mixin"
    _description = "Located Company Mixin"

    establishment_id = fields.Many2one(
        "territory.establishment",
        compute="_compute_establishment_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="The SIRENE establishment of the company, found from its SIRET.",
    )
    commune_id = fields.Many2one(
        "territory.commune",
        compute="_compute_commune_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
    )
    epci_id = fields.Many2one(
        related="commune_id.epci_id", string="EPCI", store=True, index="btree_not_null"
    )

    @api.depends("partner_id")
    def _compute_commune_id(self):
        for record in self:
            partner = record.partner_id
            record.commune_id = partner.commune_id or partner.commercial_partner_id.commune_id

    @api.depends("partner_id.company_registry")
    def _compute_establishment_id(self):
        Establishment = self.env["territory.establishment"]
        for record in self:
            siret = (record.partner_id.company_registry or "").replace(" ", "")
            if len(siret) == 14 and record.establishment_id.siret != siret:
                record.establishment_id = Establishment.search([("siret", "=", siret)], limit=1)
