import re

from odoo import fields, models
from odoo.exceptions import UserError

MODELS = ("region", "department", "epci", "commune")
COUNTERS = ("created", "updated", "archived")
# Never archived: their counters are created and updated only.
ATTACHED_MODELS = ("arrondissement", "commune_former")


class TerritoryReferenceLoadWizard(models.TransientModel):
    """Loads the official territorial reference shipped with the addon (managers only)."""

    _name = "territory.reference.load.wizard"
    _description = "Load the Territorial Reference"

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
        stats = self.env["territory.reference.loader"].load_reference(
            department_codes=self._department_code_list()
        )
        values = {"state": "done", "duration": stats["seconds"]}
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
