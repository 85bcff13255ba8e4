from odoo import fields, models
from odoo.exceptions import UserError


class SupportCaseLeadWizard(models.TransientModel):
    """Open a support case from a CRM lead: the company and its request carry over."""

    _name = "support.case.lead.wizard"
    _description = "Open a Support Case from a Lead"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade")
    name = fields.Char(string="Subject", help="Subject of the case; the lead's by default.")
    programme_id = fields.Many2one(
        "support.programme", help="Programme the company is followed in."
    )
    user_id = fields.Many2one(
        "res.users",
        string="Advisor",
        default=lambda self: self.env.user,
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("accompagnement_entreprise.accompagnement_entreprise_group_user").id,
            )
        ],
        help="Advisor in charge; empty leaves the case to take in charge.",
    )
    eligibility_override = fields.Boolean(
        string="Open Despite Ineligibility",
        help="Follow the company in this programme although it does not meet its rules.",
    )
    eligibility_override_reason = fields.Char(string="Reason for the Exception")

    def action_open_case(self):
        self.ensure_one()
        if not self.programme_id:
            raise UserError(self.env._("Choose the programme of the support case."))
        lead = self.lead_id
        if not lead.partner_id:
            # CRM's own way of creating the customer from the lead's company and contact.
            lead._handle_partner_assignment(create_missing=True)
        case = self.env["support.case"].create(
            {
                "name": self.name or lead.name,
                "partner_id": lead.partner_id.commercial_partner_id.id,
                "programme_id": self.programme_id.id,
                "user_id": self.user_id.id,
                "lead_id": lead.id,
                "description": lead.description,
                "eligibility_override": self.eligibility_override,
                "eligibility_override_reason": self.eligibility_override_reason,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.case",
            "res_id": case.id,
            "view_mode": "form",
        }
