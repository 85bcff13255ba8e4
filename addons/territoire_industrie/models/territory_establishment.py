from odoo import api, fields, models

HEADCOUNT_BRACKETS = [
    ("NN", "Non-employer unit"),
    ("00", "0 employees (employed during the year)"),
    ("01", "1 or 2 employees"),
    ("02", "3 to 5 employees"),
    ("03", "6 to 9 employees"),
    ("11", "10 to 19 employees"),
    ("12", "20 to 49 employees"),
    ("21", "50 to 99 employees"),
    ("22", "100 to 199 employees"),
    ("31", "200 to 249 employees"),
    ("32", "250 to 499 employees"),
    ("41", "500 to 999 employees"),
    ("42", "1,000 to 1,999 employees"),
    ("51", "2,000 to 4,999 employees"),
    ("52", "5,000 to 9,999 employees"),
    ("53", "10,000 employees or more"),
]


class TerritoryEstablishment(models.Model):
    """An establishment of the SIRENE register, keyed on its SIRET.

    Far more numerous than the contacts advisors follow, so a model of its own, linked
    to a contact once the company is followed. Filled by the SIRENE imports in bulk SQL
    (see territory.sirene.import): keep stored computed fields out of this model.
    """

    _name = "territory.establishment"
    _description = "Establishment"
    _order = "legal_unit_name, siret"
    _rec_names_search = ["siret", "legal_unit_name", "trade_names"]

    siret = fields.Char(string="SIRET", required=True, readonly=True)  # unique: indexed
    siren = fields.Char(string="SIREN", required=True, index=True, readonly=True)
    nic = fields.Char(string="NIC", readonly=True)
    legal_unit_name = fields.Char(help="Name of the company (legal unit) in SIRENE.")
    trade_names = fields.Char(help="Usual name and signs of the establishment.")
    is_head_office = fields.Boolean(string="Head Office")
    creation_date = fields.Date()
    state = fields.Selection(
        [("active", "Active"), ("closed", "Closed")],
        string="Administrative State",
        required=True,
        default="active",
    )
    closing_date = fields.Date()
    naf_code = fields.Char(string="NAF Code", index=True, help="Main activity (APE), e.g. 26.52Z.")
    naf_nomenclature = fields.Char(
        string="NAF Nomenclature", help="Nomenclature of the NAF code: NAFRev2, NAF2025..."
    )
    naf25_code = fields.Char(
        string="NAF 2025 Code", help="Main activity in the NAF 2025 nomenclature (from 2027)."
    )
    craft_code = fields.Char(
        string="Craft Activity Code", help="Activity in the craft register (APRM)."
    )
    headcount_bracket = fields.Selection(HEADCOUNT_BRACKETS)
    headcount_year = fields.Integer()
    company_category = fields.Selection(
        [("PME", "SME"), ("ETI", "Mid-cap"), ("GE", "Large company")],
        help="Category of the company (legal unit) in SIRENE.",
    )
    legal_category = fields.Char(help="Legal category code of the legal unit, e.g. 5710.")
    is_employer = fields.Boolean(string="Employer")
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    commune_id = fields.Many2one("territory.commune", ondelete="restrict", index=True)
    epci_id = fields.Many2one(related="commune_id.epci_id", store=True, index=True)
    partially_diffusible = fields.Boolean(
        readonly=True,
        help="The unit asked for partial diffusion: its data is never shown or exported "
        "for outreach.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Followed Contact",
        index="btree_not_null",
        help="The contact of this company, once advisors follow it.",
    )

    # Few indexes on purpose: every one slows the bulk imports. State and headcount have
    # a handful of values each (an index would not be used); SIRET is indexed by its
    # unique constraint.
    _sql_constraints = [
        ("siret_unique", "UNIQUE(siret)", "An establishment with this SIRET already exists."),
    ]

    @api.depends("siret", "legal_unit_name", "trade_names", "partially_diffusible")
    def _compute_display_name(self):
        for establishment in self:
            if establishment.partially_diffusible:
                establishment.display_name = self.env._(
                    "Non-diffusible establishment %(siret)s", siret=establishment.siret
                )
            else:
                name = establishment.trade_names or establishment.legal_unit_name
                establishment.display_name = (
                    f"{name} ({establishment.siret})" if name else establishment.siret
                )
