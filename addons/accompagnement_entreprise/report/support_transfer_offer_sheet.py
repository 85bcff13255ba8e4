from odoo import api, models

from odoo.addons.territoire_industrie.tools import amount_to_words_fr


class SupportTransferOfferSheet(models.AbstractModel):
    """The anonymous offer sheet: what any buyer may read, whoever prints it."""

    _name = "report.accompagnement_entreprise.support_transfer_offer_sheet"
    _description = "Anonymous Offer Sheet"

    @api.model
    def _get_report_values(self, docids, data=None):
        offers = self.env["support.transfer.offer"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "support.transfer.offer",
            "docs": offers,
            "sheets": [offer._get_buyer_sheet() for offer in offers],
            "amount_words": amount_to_words_fr,
        }
