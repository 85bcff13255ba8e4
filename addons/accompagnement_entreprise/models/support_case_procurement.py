from odoo import fields, models

ADVISORS = "accompagnement_entreprise.accompagnement_entreprise_group_user"


class SupportCase(models.Model):
    """Public procurement side of a case: the tender responses of the company."""

    _inherit = "support.case"

    tender_response_count = fields.Integer(
        compute="_compute_tender_response_count", groups=ADVISORS
    )
    event_registration_ids = fields.One2many(
        "event.registration",
        "support_case_id",
        string="Information Sessions Attended",
        groups=ADVISORS,
    )

    def _tender_response_domain(self):
        return ["|", ("case_id", "in", self.ids), ("member_ids.case_id", "in", self.ids)]

    def _compute_tender_response_count(self):
        responses = self.env["support.tender.response"].search(self._tender_response_domain())
        for case in self:
            case.tender_response_count = len(
                responses.filtered(
                    lambda r, case=case: r.case_id == case or case in r.member_ids.case_id
                )
            )

    def action_view_tender_responses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_tender_response_action"
        )
        action["domain"] = self._tender_response_domain()
        action["context"] = {"default_case_id": self.id, "default_partner_id": self.partner_id.id}
        return action
