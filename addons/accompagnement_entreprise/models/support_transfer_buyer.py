from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .support_transfer_offer import HEADCOUNT_BRACKETS, MATCH_MIN_SCORE, TURNOVER_BRACKETS


class SupportTransferBuyer(models.Model):
    """A person or company looking for a business to take over, and what they look for.

    The buyer is followed in a case of the business transfer programme (the case's
    partner may be a person without SIRET); this record holds the search criteria that
    matching compares with the published offers.
    """

    _name = "support.transfer.buyer"
    _description = "Business Transfer Buyer"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Project",
        required=True,
        tracking=True,
        help="Short summary of the buyer's project, e.g. 'Take over a bakery in the Haut-Doubs'.",
    )
    active = fields.Boolean(default=True)
    case_id = fields.Many2one(
        "support.case",
        string="Buyer's Case",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain="[('programme_id.code', '=', 'TRANSMISSION')]",
        help="Support case of the buyer in the business transfer programme.",
    )
    partner_id = fields.Many2one(
        related="case_id.partner_id",
        string="Buyer",
        store=True,
        index=True,
        help="The person (no SIRET needed) or the company taking over.",
    )
    user_id = fields.Many2one(related="case_id.user_id", string="Advisor", store=True)
    company_id = fields.Many2one(
        related="case_id.company_id", store=True, index=True, precompute=True
    )
    state = fields.Selection(
        [
            ("searching", "Searching"),
            ("on_hold", "On Hold"),
            ("done", "Took Over a Business"),
            ("withdrawn", "Withdrawn"),
        ],
        default="searching",
        required=True,
        tracking=True,
        index=True,
    )
    profile = fields.Text(help="Experience, training and motivation of the buyer.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    personal_contribution = fields.Monetary(help="Money the buyer brings in, before bank loans.")
    # Search criteria: an empty criterion is open.
    sector_ids = fields.Many2many(
        "support.transfer.sector",
        string="Sectors",
        help="Sectors searched; empty for any sector.",
    )
    epci_ids = fields.Many2many(
        "territory.epci",
        string="Intercommunalities",
        help="Intercommunalities searched; leave both areas empty for anywhere.",
    )
    department_ids = fields.Many2many(
        "territory.department",
        string="Départements",
        help="Départements searched; an offer in any of their communes fits.",
    )
    price_max = fields.Monetary(
        string="Maximum Price", tracking=True, help="Budget; zero for no limit."
    )
    headcount_max = fields.Selection(
        HEADCOUNT_BRACKETS,
        string="Largest Headcount",
        help="Largest headcount bracket the buyer can take over; empty for any.",
    )
    turnover_max = fields.Selection(
        TURNOVER_BRACKETS,
        string="Largest Turnover",
        help="Largest turnover bracket the buyer can take over; empty for any.",
    )
    match_ids = fields.One2many("support.transfer.match", "buyer_id", string="Introductions")
    match_count = fields.Integer(compute="_compute_match_count")
    nda_ids = fields.One2many(
        "support.transfer.nda", "buyer_id", string="Confidentiality Agreements"
    )
    matching_offer_count = fields.Integer(
        compute="_compute_matching_offer_count",
        help="Published offers that fit the buyer's criteria.",
    )

    def _compute_match_count(self):
        counts = dict(
            self.env["support.transfer.match"]._read_group(
                [("buyer_id", "in", self.ids)], ["buyer_id"], ["__count"]
            )
        )
        for buyer in self:
            buyer.match_count = counts.get(buyer, 0)

    def _compute_matching_offer_count(self):
        for buyer in self:
            buyer.matching_offer_count = len(buyer._match_offers())

    @api.constrains("price_max", "personal_contribution")
    def _check_amounts(self):
        for buyer in self:
            if buyer.price_max < 0 or buyer.personal_contribution < 0:
                raise ValidationError(
                    self.env._(
                        "The budget and the contribution of %(buyer)s cannot be negative.",
                        buyer=buyer.display_name,
                    )
                )

    @api.constrains("case_id")
    def _check_case_programme(self):
        transmission = self.env.ref("accompagnement_entreprise.support_programme_transmission")
        for buyer in self:
            if buyer.case_id.programme_id != transmission:
                raise ValidationError(
                    self.env._(
                        "The case %(case)s is not a business transfer case: a buyer is "
                        "followed in the business transfer programme.",
                        case=buyer.case_id.display_name,
                    )
                )

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for buyer in self:
            buyer.display_name = (
                f"{buyer.partner_id.name} - {buyer.name}" if buyer.partner_id else buyer.name
            )

    def _match_offers(self, offers=None):
        """Published offers (same company) that fit the buyer: ``[(offer, score)]``."""
        self.ensure_one()
        if offers is None:
            offers = self.env["support.transfer.offer"].search(
                [("state", "=", "published"), ("company_id", "=", self.company_id.id)]
            )
        results = []
        for offer in offers:
            score, fits = offer._score_buyer(self)
            if fits and score >= MATCH_MIN_SCORE:
                results.append((offer, score))
        return sorted(results, key=lambda pair: (-pair[1], pair[0].id))

    def action_find_offers(self):
        """Open the published offers that fit the buyer, with their score."""
        self.ensure_one()
        return self.env["support.transfer.matching"]._open_for_buyer(self)

    def action_view_matches(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_transfer_match_action"
        )
        action["domain"] = [("buyer_id", "=", self.id)]
        action["context"] = {"default_buyer_id": self.id}
        return action
