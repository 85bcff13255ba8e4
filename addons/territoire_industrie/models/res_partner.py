from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ORGANISATION_TYPES = [
    ("collectivite", "EPCI / Collectivité"),
    ("cci", "Chamber of Commerce and Industry (CCI)"),
    ("cma", "Chamber of Trades and Crafts (CMA)"),
    ("agency", "Development or Planning Agency"),
    ("state", "State Service"),
    ("anct", "ANCT"),
    ("region", "Région"),
    ("department", "Département"),
    ("operator", "Public Operator"),
    ("cluster", "Competitiveness Cluster"),
    ("training", "Training Body"),
    ("research", "Research Centre"),
    ("company", "Company"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    organisation_type = fields.Selection(
        ORGANISATION_TYPES,
        index=True,
        help="Kind of organisation in the territorial development network; operators are "
        "Bpifrance, Banque des Territoires, ADEME, France Travail...",
    )
    commune_id = fields.Many2one(
        "territory.commune",
        ondelete="restrict",
        index="btree_not_null",
        help="Commune (INSEE code) where the organisation is located.",
    )
    epci_id = fields.Many2one(
        related="commune_id.epci_id",
        string="EPCI",
        store=True,
        index="btree_not_null",
        help="Intercommunality of the commune.",
    )
    territory_industry_ids = fields.Many2many(
        "territory.industry",
        string="Territoires d'industrie",
        compute="_compute_territory_industry_ids",
        search="_search_territory_industry_ids",
        help="Territoires d'industrie whose current perimeter includes the EPCI of the commune.",
    )

    @api.depends("epci_id")
    def _compute_territory_industry_ids(self):
        Industry = self.env["territory.industry"]
        # The SQL of a many2many condition does not recompute a pending stored compute.
        Industry.flush_model(["epci_ids"])
        industries = Industry.search([("epci_ids", "in", self.epci_id.ids)])
        for partner in self:
            partner.territory_industry_ids = industries.filtered(
                lambda ti, epci=partner.epci_id: epci and epci in ti.epci_ids
            )

    def _search_territory_industry_ids(self, operator, value):
        if operator not in ("in", "=", "any", "not in", "!="):
            raise NotImplementedError(
                self.env._("Unsupported operator %(operator)s.", operator=operator)
            )
        self.env["territory.industry"].flush_model(["epci_ids"])
        if operator == "any":
            industries = self.env["territory.industry"].search(value)
        else:
            ids = value if isinstance(value, list | tuple) else [value]
            if ids and isinstance(ids[0], str):
                industries = self.env["territory.industry"].search(
                    [("display_name", "ilike", ids[0])]
                )
            else:
                industries = self.env["territory.industry"].browse([i for i in ids if i])
        positive = operator in ("in", "=", "any")
        return [("epci_id", "in" if positive else "not in", industries.epci_ids.ids)]

    @api.onchange("commune_id")
    def _onchange_commune_id(self):
        """Fill the city and the postal code from the commune when they are empty."""
        for partner in self:
            commune = partner.commune_id
            if not commune:
                continue
            if not partner.city:
                partner.city = commune.name
            codes = (commune.postal_codes or "").split()
            if not partner.zip and len(codes) == 1:
                partner.zip = codes[0]

    @api.constrains("company_registry", "country_id", "organisation_type")
    def _check_company_registry_fr(self):
        for partner in self:
            if not partner.company_registry or not partner._is_french_registry():
                continue
            number = stdnum_siret.compact(partner.company_registry)
            if len(number) == 9 and stdnum_siren.is_valid(number):
                continue
            if len(number) == 14 and stdnum_siret.is_valid(number):
                continue
            raise ValidationError(
                self.env._(
                    "%(number)s is not a valid SIREN (9 digits) or SIRET (14 digits) for "
                    "%(partner)s: check the number on annuaire-entreprises.data.gouv.fr.",
                    number=partner.company_registry,
                    partner=partner.display_name,
                )
            )

    def _is_french_registry(self):
        """French rules apply to French partners and to any partner organisation."""
        self.ensure_one()
        if self.country_id:
            return self.country_id.code == "FR"
        return bool(self.organisation_type or self.commune_id)

    @api.model
    def _normalize_company_registry(self, vals):
        registry = vals.get("company_registry")
        if registry and isinstance(registry, str):
            compact = stdnum_siret.compact(registry)
            if compact.isdigit() and len(compact) in (9, 14):
                vals["company_registry"] = compact
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._normalize_company_registry(vals) for vals in vals_list]
        # Like the form's onchange: a contact created with a commune (imports, data files)
        # gets its city and postal code when they were not given.
        commune_ids = {vals["commune_id"] for vals in vals_list if vals.get("commune_id")}
        communes = self.env["territory.commune"].browse(commune_ids)
        communes.fetch(["name", "postal_codes"])
        for vals in vals_list:
            if not vals.get("commune_id"):
                continue
            commune = communes.browse(vals["commune_id"])
            vals.setdefault("city", commune.name)
            codes = (commune.postal_codes or "").split()
            if len(codes) == 1:
                vals.setdefault("zip", codes[0])
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._normalize_company_registry(vals))

    @api.depends("vat", "company_id", "company_registry")
    def _compute_same_vat_partner_id(self):
        """Also warn when another contact has the same SIREN (a SIRET of the same company)."""
        res = super()._compute_same_vat_partner_id()
        Partner = self.with_context(active_test=False).sudo()
        for partner in self:
            if partner.same_company_registry_partner_id or partner.parent_id:
                continue
            number = stdnum_siret.compact(partner.company_registry or "")
            if not number.isdigit() or len(number) not in (9, 14):
                continue
            domain = [
                ("company_registry", "=like", number[:9] + "%"),
                ("company_id", "in", [False, partner.company_id.id]),
            ]
            if partner._origin.id:
                domain += [
                    ("id", "!=", partner._origin.id),
                    "!",
                    ("id", "child_of", partner._origin.id),
                ]
            partner.same_company_registry_partner_id = Partner.search(domain, limit=1)
        return res
