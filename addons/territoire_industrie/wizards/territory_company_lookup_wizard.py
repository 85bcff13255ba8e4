from odoo import fields, models


class TerritoryCompanyLookupWizard(models.TransientModel):
    """Look a company up in the API Recherche d'entreprises by SIREN, SIRET or name."""

    _name = "territory.company.lookup.wizard"
    _description = "Company Lookup"

    query = fields.Char(required=True, help="A SIREN, a SIRET or a company name.")
    line_ids = fields.One2many("territory.company.lookup.line", "wizard_id", string="Results")

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_search(self):
        self.ensure_one()
        results = self.env["territory.company.directory"].search_companies(self.query)
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "siren": company["siren"],
                    "name": company.get("nom_complet") or company["siren"],
                    "naf_code": company.get("activite_principale"),
                    "city": (company.get("siege") or {}).get("libelle_commune"),
                    "state": company.get("etat_administratif"),
                    "payload": company,
                }
            )
            for company in results
        ]
        return self._reopen()


class TerritoryCompanyLookupLine(models.TransientModel):
    _name = "territory.company.lookup.line"
    _description = "Company Lookup Result"

    wizard_id = fields.Many2one(
        "territory.company.lookup.wizard", required=True, ondelete="cascade"
    )
    siren = fields.Char(string="SIREN")
    name = fields.Char()
    naf_code = fields.Char(string="NAF Code")
    city = fields.Char()
    state = fields.Selection([("A", "Active"), ("C", "Ceased")])
    payload = fields.Json()

    def _open(self, records):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "territoire_industrie.territory_establishment_action"
        )
        action.update(domain=[("id", "in", records.ids)], context={})
        return action

    def action_create_establishments(self):
        self.ensure_one()
        return self._open(self.env["territory.company.directory"].upsert_company(self.payload))

    def action_create_contact(self):
        self.ensure_one()
        establishments = self.env["territory.company.directory"].upsert_company(
            self.payload, create_contact=True
        )
        partner = establishments.partner_id[:1]
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": partner.id,
            "view_mode": "form",
            "target": "current",
        }
