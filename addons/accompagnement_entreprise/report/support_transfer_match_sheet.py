from odoo import api, models

from odoo.addons.territoire_industrie.tools import amount_to_words_fr


class SupportTransferMatchSheet(models.AbstractModel):
    """The offer sheet for the buyer of an introduction: anonymous until the agreement."""

    _name = "report.accompagnement_entreprise.support_transfer_match_sheet"
    _description = "Offer Sheet for the Buyer"

    @api.model
    def _get_report_values(self, docids, data=None):
        matches = self.env["support.transfer.match"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "support.transfer.match",
            "docs": matches,
            "sheets": [match.offer_id._get_buyer_sheet(match.buyer_id) for match in matches],
            "amount_words": amount_to_words_fr,
        }
