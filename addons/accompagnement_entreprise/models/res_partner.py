from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    support_case_count = fields.Integer(
        compute="_compute_support_case_count",
        groups="accompagnement_entreprise.accompagnement_entreprise_group_user,"
        "accompagnement_entreprise.accompagnement_entreprise_group_partner",
        help="Support cases of the company and of its contacts.",
    )
    event_attended_count = fields.Integer(
        compute="_compute_event_attended_count",
        groups="event.group_event_registration_desk",
        help="Events the company or its contacts attended.",
    )

    def _company_domain(self, field="partner_id"):
        return [(field, "child_of", self.commercial_partner_id.ids)]

    def _compute_support_case_count(self):
        Case = self.env["support.case"]
        for partner in self:
            partner.support_case_count = (
                Case.search_count(partner._company_domain()) if partner.id else 0
            )

    def _compute_event_attended_count(self):
        Registration = self.env["event.registration"]
        for partner in self:
            partner.event_attended_count = (
                Registration.search_count(partner._company_domain() + [("state", "=", "done")])
                if partner.id
                else 0
            )

    def action_view_support_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_case_action"
        )
        action.update(
            domain=self._company_domain(),
            context={"default_partner_id": self.commercial_partner_id.id},
        )
        return action

    def action_view_events_attended(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Events Attended"),
            "res_model": "event.registration",
            "view_mode": "list,form",
            "domain": self._company_domain() + [("state", "=", "done")],
            "context": {"create": False},
        }
