from odoo import api, fields, models
from odoo.exceptions import UserError

MATCH_STATES = [
    ("proposed", "Proposed"),
    ("nda", "NDA Signed"),
    ("meeting", "Meeting"),
    ("offer", "Offer Made"),
    ("closed", "Closed"),
    ("declined", "Declined"),
]


class SupportTransferMatch(models.Model):
    """The introduction of a buyer to an offer, followed until the deal or the refusal."""

    _name = "support.transfer.match"
    _description = "Business Transfer Introduction"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_proposed desc, id desc"
    _check_company_auto = True

    offer_id = fields.Many2one(
        "support.transfer.offer",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        tracking=True,
    )
    buyer_id = fields.Many2one(
        "support.transfer.buyer",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        related="offer_id.company_id", store=True, index=True, precompute=True
    )
    seller_user_id = fields.Many2one(
        related="offer_id.user_id", string="Seller's Advisor", store=True
    )
    buyer_user_id = fields.Many2one(
        related="buyer_id.user_id", string="Buyer's Advisor", store=True
    )
    state = fields.Selection(
        MATCH_STATES, default="proposed", required=True, tracking=True, index=True
    )
    score = fields.Integer(
        readonly=True, help="Matching score (0 to 100) when the buyer was introduced."
    )
    date_proposed = fields.Date(
        string="Introduced On", default=fields.Date.context_today, required=True
    )
    date_meeting = fields.Date(string="Meeting On", tracking=True)
    nda_id = fields.Many2one(
        "support.transfer.nda",
        string="Confidentiality Agreement",
        compute="_compute_nda_id",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "offer_buyer_unique",
            "UNIQUE(offer_id, buyer_id)",
            "This buyer was already introduced to this offer.",
        ),
    ]

    def _compute_nda_id(self):
        ndas = self.env["support.transfer.nda"].search(
            [("offer_id", "in", self.offer_id.ids), ("buyer_id", "in", self.buyer_id.ids)]
        )
        by_pair = {(nda.offer_id, nda.buyer_id): nda for nda in ndas}
        for match in self:
            match.nda_id = by_pair.get((match.offer_id, match.buyer_id), False)

    @api.depends("offer_id", "buyer_id")
    def _compute_display_name(self):
        for match in self:
            match.display_name = (
                f"{match.buyer_id.partner_id.name or ''} → {match.offer_id.reference or ''}"
            )

    @api.model
    def _introduce(self, offer, buyer):
        """Introduce ``buyer`` to ``offer``: a new "proposed" introduction with its score.

        An agreement recorded beforehand moves it straight to "NDA Signed".
        """
        if offer.state != "published":
            raise UserError(
                self.env._(
                    "The offer %(offer)s is not published: publish it before introducing buyers.",
                    offer=offer.display_name,
                )
            )
        if buyer.state != "searching":
            raise UserError(
                self.env._(
                    "The buyer %(buyer)s is not searching any more.", buyer=buyer.display_name
                )
            )
        existing = self.search([("offer_id", "=", offer.id), ("buyer_id", "=", buyer.id)])
        if existing:
            return existing
        match = self.create(
            {
                "offer_id": offer.id,
                "buyer_id": buyer.id,
                "score": offer._score_buyer(buyer)[0],
                "state": "nda" if offer._has_nda(buyer) else "proposed",
            }
        )
        return match

    def _check_state(self, allowed, message):
        """Raise ``message`` when one of the introductions is not in ``allowed``."""
        if self.filtered(lambda match: match.state not in allowed):
            raise UserError(message)

    def action_record_nda(self):
        """Open a new agreement for this buyer and this offer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Confidentiality Agreement"),
            "res_model": "support.transfer.nda",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_offer_id": self.offer_id.id,
                "default_buyer_id": self.buyer_id.id,
            },
        }

    def action_meeting(self):
        self._check_state(
            ("nda",),
            self.env._("A meeting comes after the confidentiality agreement: record it first."),
        )
        self.write({"state": "meeting"})
        for match in self.filtered(lambda m: not m.date_meeting):
            match.date_meeting = fields.Date.context_today(self)
        return True

    def action_offer_made(self):
        self._check_state(
            ("meeting",), self.env._("An offer is recorded after a meeting with the seller.")
        )
        self.write({"state": "offer"})
        return True

    def action_close_deal(self):
        """The buyer takes over: the offer is sold, both cases reach "Transfer Signed"."""
        self._check_state(
            ("offer",), self.env._("A deal is closed once the buyer has made an offer.")
        )
        signed = self.env.ref("accompagnement_entreprise.support_case_stage_transmission_signed")
        for match in self:
            match.state = "closed"
            match.offer_id.state = "sold"
            match.buyer_id.state = "done"
            cases = (match.offer_id.case_id | match.buyer_id.case_id).filtered(
                lambda case: case.state != "closed"
            )
            cases.write({"stage_id": signed.id})
            (match.offer_id.match_ids - match).filtered(
                lambda m: m.state not in ("closed", "declined")
            ).write({"state": "declined"})
        return True

    def action_decline(self):
        self._check_state(
            ("proposed", "nda", "meeting", "offer"),
            self.env._("A closed or declined introduction cannot be declined again."),
        )
        self.write({"state": "declined"})
        return True

    def action_print_buyer_sheet(self):
        return self.env.ref(
            "accompagnement_entreprise.support_transfer_match_report_buyer_sheet"
        ).report_action(self)
