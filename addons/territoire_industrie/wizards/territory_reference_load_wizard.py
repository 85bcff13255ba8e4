import base64
import re

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.territory_reference_loader import VINTAGE

MODELS = ("region", "department", "epci", "commune")
COUNTERS = ("created", "updated", "archived")
# Never archived: their counters are created and updated only.
ATTACHED_MODELS = ("arrondissement", "commune_former")


class TerritoryReferenceLoadWizard(models.TransientModel):
    """Loads the official territorial reference shipped with the addon, or a vintage
    uploaded as a zip of the same CSV files (managers only), then shows what changed."""

    _name = "territory.reference.load.wizard"
    _description = "Load the Territorial Reference"

    source = fields.Selection(
        [("shipped", "Shipped Reference"), ("upload", "Uploaded Vintage")],
        required=True,
        default="shipped",
    )
    vintage_file = fields.Binary(
        help="A zip of regions, departements, epci, communes (and optionally "
        "arrondissements, communes_former) .csv or .csv.gz files, as in the addon's "
        "data/cog folder.",
    )
    vintage_filename = fields.Char()
    vintage = fields.Char(
        help="Label of the uploaded vintage in the change log: its year, e.g. 2025 (merged "
        "communes then end on 1 January of that year).",
    )
    scope = fields.Selection(
        [("all", "All of France"), ("departments", "Chosen Départements")],
        required=True,
        default="departments",
    )
    department_codes = fields.Char(
        string="Département Codes",
        help="Codes separated by commas or spaces, e.g. 25, 61, 72.",
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(16, 2))
    region_created = fields.Integer(readonly=True)
    region_updated = fields.Integer(readonly=True)
    region_archived = fields.Integer(readonly=True)
    department_created = fields.Integer(readonly=True)
    department_updated = fields.Integer(readonly=True)
    department_archived = fields.Integer(readonly=True)
    epci_created = fields.Integer(string="EPCI Created", readonly=True)
    epci_updated = fields.Integer(string="EPCI Updated", readonly=True)
    epci_archived = fields.Integer(string="EPCI Archived", readonly=True)
    commune_created = fields.Integer(readonly=True)
    commune_updated = fields.Integer(readonly=True)
    commune_archived = fields.Integer(readonly=True)
    arrondissement_created = fields.Integer(readonly=True)
    arrondissement_updated = fields.Integer(readonly=True)
    commune_former_created = fields.Integer(string="Former Communes Created", readonly=True)
    commune_former_updated = fields.Integer(string="Former Communes Updated", readonly=True)
    change_ids = fields.Many2many("territory.reference.change", string="Changes", readonly=True)

    def _department_code_list(self):
        self.ensure_one()
        if self.scope == "all":
            return None
        codes = [code for code in re.split(r"[\s,;]+", self.department_codes or "") if code]
        if not codes:
            raise UserError(self.env._("Enter at least one département code, e.g. 25."))
        return codes

    def action_load(self):
        self.ensure_one()
        Loader = self.env["territory.reference.loader"]
        codes = self._department_code_list()
        vintage = (self.vintage or "").strip() or None
        if self.source == "shipped":
            vintage = VINTAGE
        if self.source == "upload":
            if not self.vintage_file:
                raise UserError(self.env._("Choose the zip file of the vintage to load."))
            stats = Loader.load_reference_zip(
                base64.b64decode(self.vintage_file), department_codes=codes, vintage=vintage
            )
        else:
            stats = Loader.load_reference(department_codes=codes, vintage=vintage)
        values = {
            "state": "done",
            "duration": stats["seconds"],
            "change_ids": [fields.Command.set(stats["change_ids"])],
            "vintage_file": False,
        }
        for model in MODELS:
            for counter in COUNTERS:
                values[f"{model}_{counter}"] = stats[model][counter]
        for model in ATTACHED_MODELS:
            for counter in ("created", "updated"):
                values[f"{model}_{counter}"] = stats[model][counter]
        self.write(values)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
