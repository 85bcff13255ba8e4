from odoo import fields, models


class SupportCase(models.Model):
    """Cases opened from a need detected during a field visit keep the visit; cases of the
    digitalisation programme hold their digital diagnostics."""

    _inherit = "support.case"

    visit_id = fields.Many2one(
        "support.visit",
        string="Field Visit",
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
        check_company=True,
        help="Field visit during which the need of this case was detected.",
    )
    digital_diagnostic_ids = fields.One2many(
        "support.digital.diagnostic", "case_id", string="Digital Diagnostics"
    )
    digital_diagnostic_count = fields.Integer(compute="_compute_digital_diagnostic_count")
    is_digitalisation = fields.Boolean(
        compute="_compute_is_digitalisation",
        help="The case belongs to the digitalisation programme.",
    )

    def _compute_digital_diagnostic_count(self):
        counts = dict(
            self.env["support.digital.diagnostic"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.digital_diagnostic_count = counts.get(case, 0)

    def _compute_is_digitalisation(self):
        digital = self.env.ref(
            "accompagnement_entreprise.support_programme_digitalisation", raise_if_not_found=False
        )
        for case in self:
            case.is_digitalisation = bool(digital) and case.programme_id == digital

    def action_view_digital_diagnostics(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_digital_diagnostic_action"
        )
        action.update(domain=[("case_id", "=", self.id)], context={"default_case_id": self.id})
        if self.digital_diagnostic_count == 1:
            action.update(
                view_mode="form",
                views=[(False, "form")],
                res_id=self.digital_diagnostic_ids.id,
            )
        return action

    def action_view_visit(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.visit",
            "res_id": self.visit_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
