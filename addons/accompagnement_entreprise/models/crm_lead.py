from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    support_case_ids = fields.One2many(
        "support.case",
        "lead_id",
        string="Support Cases",
        groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
    )
    support_case_count = fields.Integer(
        compute="_compute_support_case_count",
        groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
    )

    def _compute_support_case_count(self):
        counts = dict(
            self.env["support.case"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.support_case_count = counts.get(lead, 0)

    def action_open_support_case_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Open a Support Case"),
            "res_model": "support.case.lead.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id, "default_name": self.name},
        }

    def action_view_support_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_case_action"
        )
        action.update(
            domain=[("lead_id", "=", self.id)],
            context={"default_lead_id": self.id, "default_partner_id": self.partner_id.id},
        )
        return action
