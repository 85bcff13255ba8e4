from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportTransferNda(models.Model):
    """A confidentiality agreement signed by a buyer for one offer.

    Once recorded, the buyer may see the confidential part of that offer, and the
    introduction of this buyer to this offer moves to "NDA Signed".
    """

    _name = "support.transfer.nda"
    _description = "Confidentiality Agreement"
    _order = "date_signed desc, id desc"
    _check_company_auto = True

    offer_id = fields.Many2one(
        "support.transfer.offer",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    buyer_id = fields.Many2one(
        "support.transfer.buyer",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="offer_id.company_id", store=True, index=True, precompute=True
    )
    date_signed = fields.Date(
        string="Signed On",
        required=True,
        default=fields.Date.context_today,
        help="Date the buyer signed the agreement.",
    )
    document = fields.Binary(
        string="Signed Agreement", attachment=True, help="Scan of the signed agreement."
    )
    document_name = fields.Char()
    note = fields.Text()

    _sql_constraints = [
        (
            "offer_buyer_unique",
            "UNIQUE(offer_id, buyer_id)",
            "This buyer already signed a confidentiality agreement for this offer.",
        ),
    ]

    @api.constrains("date_signed")
    def _check_date_signed(self):
        today = fields.Date.context_today(self)
        for nda in self:
            if nda.date_signed > today:
                raise ValidationError(
                    self.env._(
                        "A confidentiality agreement cannot be signed in the future (%(date)s).",
                        date=nda.date_signed,
                    )
                )

    @api.depends("offer_id", "buyer_id")
    def _compute_display_name(self):
        for nda in self:
            nda.display_name = self.env._(
                "NDA %(buyer)s / %(offer)s",
                buyer=nda.buyer_id.partner_id.name or "",
                offer=nda.offer_id.reference or "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        ndas = super().create(vals_list)
        ndas._advance_matches()
        return ndas

    def _advance_matches(self):
        """Introductions still "proposed" for these offers and buyers move to "NDA Signed"."""
        Match = self.env["support.transfer.match"]
        for nda in self:
            Match.search(
                [
                    ("offer_id", "=", nda.offer_id.id),
                    ("buyer_id", "=", nda.buyer_id.id),
                    ("state", "=", "proposed"),
                ]
            ).write({"state": "nda"})
