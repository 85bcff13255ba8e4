from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.support_case import CLOSING_REASONS, SATISFACTION_USEFUL


class SupportCaseCloseWizard(models.TransientModel):
    """Close one or several cases with a reason, and record the company's satisfaction.

    On cases already closed it only records the satisfaction, asked after closing.
    """

    _name = "support.case.close.wizard"
    _description = "Close Support Cases"

    case_ids = fields.Many2many(
        "support.case", string="Cases", default=lambda self: self._default_case_ids()
    )
    has_open_cases = fields.Boolean(compute="_compute_has_open_cases")
    closing_reason = fields.Selection(CLOSING_REASONS, help="Why the cases are closed.")
    closing_note = fields.Text(help="What was done, what the company will do next.")
    satisfaction_contacted = fields.Boolean(
        string="Contacted After Closing",
        help="The company was asked about the support it received.",
    )
    satisfaction_useful = fields.Selection(SATISFACTION_USEFUL, string="Usefulness")
    satisfaction_comment = fields.Text(string="Company's Comment")

    @api.model
    def _default_case_ids(self):
        if self.env.context.get("active_model") != "support.case":
            return False
        return self.env["support.case"].browse(self.env.context.get("active_ids", []))

    @api.depends("case_ids.state")
    def _compute_has_open_cases(self):
        for wizard in self:
            wizard.has_open_cases = any(case.state != "closed" for case in wizard.case_ids)

    def action_close(self):
        self.ensure_one()
        if not self.case_ids:
            raise UserError(self.env._("Select the cases to close."))
        to_close = self.case_ids.filtered(lambda case: case.state != "closed")
        if to_close and not self.closing_reason:
            raise UserError(
                self.env._(
                    "Choose a closing reason: why the support ends (done, not reachable...)."
                )
            )
        if to_close:
            to_close._close(self.closing_reason, self.closing_note)
        satisfaction = {
            name: self[name]
            for name in ("satisfaction_contacted", "satisfaction_useful", "satisfaction_comment")
            if self[name]
        }
        if satisfaction:
            self.case_ids.write(satisfaction)
        return {"type": "ir.actions.act_window_close"}
