from odoo import fields, models


class SupportSubsidyOverride(models.TransientModel):
    """A manager commits a subsidy beyond its envelope, saying why."""

    _name = "support.subsidy.override"
    _description = "Commit a Subsidy Beyond its Envelope"

    subsidy_id = fields.Many2one("support.subsidy", required=True, ondelete="cascade")
    envelope_id = fields.Many2one(related="subsidy_id.envelope_id")
    currency_id = fields.Many2one(related="subsidy_id.currency_id")
    amount_remaining = fields.Monetary(related="subsidy_id.envelope_id.amount_remaining")
    amount_granted = fields.Monetary(related="subsidy_id.amount_granted")
    reason = fields.Text(required=True, help="Why the envelope may be exceeded (recorded).")

    def action_confirm(self):
        self.ensure_one()
        self.subsidy_id._commit_beyond_envelope(self.reason)
        return {"type": "ir.actions.act_window_close"}
