from odoo import fields, models


class SupportTransferMatchingLine(models.TransientModel):
    """One suggestion of the matching: a buyer, an offer, their score."""

    _name = "support.transfer.matching.line"
    _description = "Business Transfer Matching Suggestion"
    _order = "score desc, id"

    matching_id = fields.Many2one("support.transfer.matching", required=True, ondelete="cascade")
    offer_id = fields.Many2one("support.transfer.offer", required=True, readonly=True)
    buyer_id = fields.Many2one("support.transfer.buyer", required=True, readonly=True)
    score = fields.Integer(readonly=True, help="How well the buyer's criteria fit (0 to 100).")
    already_introduced = fields.Boolean(compute="_compute_already_introduced")
    selected = fields.Boolean(string="Introduce")

    def _compute_already_introduced(self):
        matches = self.env["support.transfer.match"].search(
            [("offer_id", "in", self.offer_id.ids), ("buyer_id", "in", self.buyer_id.ids)]
        )
        pairs = {(match.offer_id, match.buyer_id) for match in matches}
        for line in self:
            line.already_introduced = (line.offer_id, line.buyer_id) in pairs
