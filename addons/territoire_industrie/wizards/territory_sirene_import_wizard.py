import base64
import io
import logging

import psycopg2

from odoo import fields, models

_logger = logging.getLogger(__name__)


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
    region_ids = fields.Many2many("territory.region", string="Régions")

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
        departments = (
            self.department_ids
            | self.env["territory.department"].search([("region_id", "in", self.region_ids.ids)])
            if self.region_ids
            else self.department_ids
        )
        department_codes = set(departments.mapped("code"))
        labels = [
            *self.industry_ids.mapped("name"),
            *self.epci_ids.mapped("name"),
            *self.region_ids.mapped("name"),
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
            progress=self._progress_notifier(),
        )
        # The report replaces the screen the wizard was opened over (target "main"): stacked
        # on it, it read as a page of whatever came before (Partner Organisations...).
        return {
            "type": "ir.actions.act_window",
            "res_model": "territory.sirene.import",
            "res_id": report.id,
            "views": [(False, "form")],
            "view_mode": "form",
            "target": "main",
        }

    def _progress_notifier(self):
        """A ``progress(rows_read, percent)`` callback for long imports: every 10 % of the
        file it sends the user a notification, then one when the whole file is read (its
        rows are then checked and saved, the longer part of a large import), through a
        cursor of its own that commits at once (the import's transaction only commits at
        the end)."""
        partner_id = self.env.user.partner_id.id
        registry = self.env.registry
        last_step = [0]

        def progress(lines_read, percent):
            step = 10 if percent >= 100 else int(percent // 10)
            if step <= last_step[0]:
                return
            last_step[0] = step
            rows = f"{lines_read:,}".replace(",", "\u202f")
            if step == 10:
                message = self.env._(
                    "SIRENE import: the file is read (%(rows)s lines); its rows are being "
                    "checked and saved.",
                    rows=rows,
                )
            else:
                message = self.env._(
                    "SIRENE import in progress: %(percent)s %% of the file read (%(rows)s lines).",
                    percent=step * 10,
                    rows=rows,
                )
            try:
                with registry.cursor() as cr:
                    partner = self.env(cr=cr)["res.partner"].browse(partner_id)
                    partner._bus_send(
                        "simple_notification",
                        {"type": "info", "title": self.env._("SIRENE import"), "message": message},
                    )
            except psycopg2.Error:  # a notification must never stop the import
                _logger.warning("SIRENE import: progress notification failed", exc_info=True)

        return progress
