from odoo import api, fields, models
from odoo.exceptions import UserError


class SupportCaseReassignWizard(models.TransientModel):
    """Give one or several cases to another advisor (and team)."""

    _name = "support.case.reassign.wizard"
    _description = "Reassign Support Cases"

    case_ids = fields.Many2many(
        "support.case", string="Cases", default=lambda self: self._default_case_ids()
    )
    user_id = fields.Many2one(
        "res.users",
        string="Advisor",
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("accompagnement_entreprise.accompagnement_entreprise_group_user").id,
            )
        ],
        help="The advisor who follows the cases from now on.",
    )
    team_id = fields.Many2one("support.team", help="New team of the cases; empty keeps their team.")

    @api.model
    def _default_case_ids(self):
        if self.env.context.get("active_model") != "support.case":
            return False
        return self.env["support.case"].browse(self.env.context.get("active_ids", []))

    def action_reassign(self):
        self.ensure_one()
        if not self.case_ids or not self.user_id:
            raise UserError(self.env._("Choose the cases and the advisor to give them to."))
        values = {"user_id": self.user_id.id}
        if self.team_id:
            values["team_id"] = self.team_id.id
        # An advisor may hand a case over to a colleague and lose sight of it: check his
        # right to edit the cases, then let the write and its notifications run regardless.
        self.case_ids.check_access("write")
        cases = self.case_ids.sudo()
        cases.write(values)
        # Pending reminders follow the cases to their new advisor.
        cases.filtered("reminder_level")._schedule_reminder_activity()
        return {"type": "ir.actions.act_window_close"}
