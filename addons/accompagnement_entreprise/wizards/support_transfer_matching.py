from odoo import api, fields, models
from odoo.exceptions import UserError


class SupportTransferMatching(models.TransientModel):
    """The buyers that fit an offer, or the offers that fit a buyer, with their score.

    The advisor ticks the lines to introduce: each becomes an introduction
    (``support.transfer.match``) in the state "Proposed".
    """

    _name = "support.transfer.matching"
    _description = "Business Transfer Matching"

    offer_id = fields.Many2one("support.transfer.offer", readonly=True)
    buyer_id = fields.Many2one("support.transfer.buyer", readonly=True)
    line_ids = fields.One2many(
        "support.transfer.matching.line", "matching_id", string="Suggestions"
    )

    @api.model
    def _open_for_offer(self, offer):
        lines = [
            fields.Command.create({"offer_id": offer.id, "buyer_id": buyer.id, "score": score})
            for buyer, score in offer._match_buyers()
        ]
        wizard = self.create({"offer_id": offer.id, "line_ids": lines})
        return wizard._action_open(self.env._("Buyers for %(offer)s", offer=offer.display_name))

    @api.model
    def _open_for_buyer(self, buyer):
        lines = [
            fields.Command.create({"offer_id": offer.id, "buyer_id": buyer.id, "score": score})
            for offer, score in buyer._match_offers()
        ]
        wizard = self.create({"buyer_id": buyer.id, "line_ids": lines})
        return wizard._action_open(self.env._("Offers for %(buyer)s", buyer=buyer.display_name))

    def _action_open(self, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_introduce(self):
        """Introduce the ticked buyers to the offers; open the introductions made."""
        self.ensure_one()
        lines = self.line_ids.filtered("selected")
        if not lines:
            raise UserError(self.env._("Tick the suggestions to introduce."))
        Match = self.env["support.transfer.match"]
        matches = Match.browse()
        for line in lines:
            matches |= Match._introduce(line.offer_id, line.buyer_id)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_transfer_match_action"
        )
        action["domain"] = [("id", "in", matches.ids)]
        return action
