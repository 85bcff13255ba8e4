import base64
import io

from odoo import fields, models


class TerritorySireneImportWizard(models.TransientModel):
    """Upload a SIRENE stock file and import it, limited to a territorial scope."""

    _name = "territory.sirene.import.wizard"
    _description = "Import a SIRENE File"

    file = fields.Binary(required=True)
    filename = fields.Char()
    file_kind = fields.Selection(
        [
            ("establishment", "Establishments (StockEtablissement)"),
            ("legal_unit", "Legal units (StockUniteLegale)"),
        ],
        required=True,
        default="establishment",
    )
    industry_ids = fields.Many2many("territory.industry", string="Territoires d'industrie")
    epci_ids = fields.Many2many("territory.epci", string="EPCIs")
    department_ids = fields.Many2many("territory.department", string="Départements")

    def _scope(self):
        """Commune codes, département codes and a label of the chosen scope."""
        epcis = self.epci_ids | self.industry_ids.epci_ids
        commune_codes = (
            set(
                self.env["territory.commune"]
                .with_context(active_test=False)
                .search([("epci_id", "in", epcis.ids)])
                .mapped("code")
            )
            if epcis
            else set()
        )
        department_codes = set(self.department_ids.mapped("code"))
        labels = [
            *self.industry_ids.mapped("name"),
            *self.epci_ids.mapped("name"),
            *self.department_ids.mapped("display_name"),
        ]
        return commune_codes, department_codes, ", ".join(labels)

    def action_import(self):
        self.ensure_one()
        commune_codes, department_codes, label = self._scope()
        report = self.env["territory.sirene.import"]._import_file(
            io.BytesIO(base64.b64decode(self.file)),
            self.filename or "SIRENE",
            self.file_kind,
            commune_codes=commune_codes,
            department_codes=department_codes,
            scope_label=label or self.env._("All known communes"),
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "territory.sirene.import",
            "res_id": report.id,
            "view_mode": "form",
            "target": "current",
        }
