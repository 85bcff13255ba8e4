from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Brackets are ordered: matching compares their rank.
HEADCOUNT_BRACKETS = [
    ("0", "No Employee"),
    ("1_2", "1 to 2 Employees"),
    ("3_5", "3 to 5 Employees"),
    ("6_9", "6 to 9 Employees"),
    ("10_19", "10 to 19 Employees"),
    ("20_49", "20 to 49 Employees"),
    ("50_99", "50 to 99 Employees"),
    ("100", "100 Employees or More"),
]
TURNOVER_BRACKETS = [
    ("lt_100k", "Under €100k"),
    ("100k_250k", "€100k to €250k"),
    ("250k_500k", "€250k to €500k"),
    ("500k_1m", "€500k to €1M"),
    ("1m_2m", "€1M to €2M"),
    ("2m_5m", "€2M to €5M"),
    ("5m_10m", "€5M to €10M"),
    ("gt_10m", "Over €10M"),
]
HEADCOUNT_RANK = {key: rank for rank, (key, _label) in enumerate(HEADCOUNT_BRACKETS)}
TURNOVER_RANK = {key: rank for rank, (key, _label) in enumerate(TURNOVER_BRACKETS)}

# Points of each criterion in the matching score (total 100).
SCORE_SECTOR = 40
SCORE_AREA = 25
SCORE_PRICE = 20
SCORE_HEADCOUNT = 10
SCORE_TURNOVER = 5
# A buyer is suggested for an offer when sector and price fit and the score reaches this.
MATCH_MIN_SCORE = 60
# An offer priced up to this factor above the buyer's budget still earns half the points.
PRICE_STRETCH = 1.2

CONFIDENTIAL = "accompagnement_entreprise.accompagnement_entreprise_group_user"


class SupportTransferOffer(models.Model):
    """A business for sale: the seller's case, an anonymous part and a confidential part.

    The anonymous part (sector, area, size and price brackets, public title and text) is
    what any buyer and any territory partner may see. The confidential part (company,
    SIRET, figures, documents) is restricted to advisors, and shown to a buyer only once a
    confidentiality agreement is recorded for this offer and this buyer: see
    :meth:`_get_buyer_sheet`.
    """

    _name = "support.transfer.offer"
    _description = "Business Transfer Offer"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_published desc, id desc"
    _check_company_auto = True

    # Anonymous part
    reference = fields.Char(
        readonly=True,
        copy=False,
        default="/",
        index="trigram",
        help="Public reference of the offer, quoted by buyers.",
    )
    name = fields.Char(
        string="Public Title",
        required=True,
        tracking=True,
        help="Anonymous title shown to buyers, e.g. 'Bakery-pastry in a market town of "
        "the Haut-Doubs'. Never name the company here.",
    )
    public_description = fields.Text(
        string="Public Text",
        help="Anonymous presentation of the business shown to every buyer.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("published", "Published"),
            ("sold", "Sold"),
            ("withdrawn", "Withdrawn"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    date_published = fields.Date(string="Published On", copy=False, readonly=True)
    sector_id = fields.Many2one(
        "support.transfer.sector",
        required=True,
        tracking=True,
        index=True,
        help="NAF section of the business, compared with the buyers' sectors.",
    )
    activity = fields.Char(
        help="Anonymous activity, e.g. 'Bakery-pastry' or 'Precision machining'.",
    )
    area_level = fields.Selection(
        [("epci", "Intercommunality"), ("department", "Département")],
        string="Area Shown",
        default="epci",
        required=True,
        help="How precisely the public sheet locates the business: in a small "
        "intercommunality, showing only the département keeps the seller anonymous.",
    )
    epci_id = fields.Many2one(
        "territory.epci",
        string="EPCI",
        compute="_compute_area",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        help="Intercommunality of the business, from the seller's case.",
    )
    department_id = fields.Many2one(
        "territory.department",
        string="Département",
        compute="_compute_area",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
    )
    area_label = fields.Char(string="Area", compute="_compute_area_label")
    headcount_bracket = fields.Selection(
        HEADCOUNT_BRACKETS, required=True, default="1_2", help="Headcount bracket shown."
    )
    turnover_bracket = fields.Selection(
        TURNOVER_BRACKETS, required=True, default="lt_100k", help="Turnover bracket shown."
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    price_min = fields.Monetary(
        string="Price From", help="Low end of the price range shown to buyers."
    )
    price_max = fields.Monetary(
        string="Price Up To", help="High end of the price range shown to buyers."
    )
    company_id = fields.Many2one(
        related="case_id.company_id", store=True, index=True, precompute=True
    )
    # Confidential part: advisors only (field groups), buyers once an NDA is recorded.
    case_id = fields.Many2one(
        "support.case",
        string="Seller's Case",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        groups=CONFIDENTIAL,
        domain="[('programme_id.code', '=', 'TRANSMISSION')]",
        help="Support case of the owner's company in the business transfer programme.",
    )
    user_id = fields.Many2one(
        related="case_id.user_id", string="Advisor", store=True, groups=CONFIDENTIAL
    )
    partner_id = fields.Many2one(
        related="case_id.partner_id", string="Seller", store=True, groups=CONFIDENTIAL
    )
    siret = fields.Char(related="case_id.siret", string="SIRET", groups=CONFIDENTIAL)
    headcount = fields.Integer(groups=CONFIDENTIAL, help="Exact headcount, confidential.")
    turnover = fields.Monetary(
        groups=CONFIDENTIAL, help="Turnover of the last financial year, confidential."
    )
    net_result = fields.Monetary(
        groups=CONFIDENTIAL, help="Net result of the last financial year, confidential."
    )
    asking_price = fields.Monetary(groups=CONFIDENTIAL, help="Price the seller asks, confidential.")
    confidential_note = fields.Html(
        groups=CONFIDENTIAL,
        help="Full presentation given to buyers who signed a confidentiality agreement.",
    )
    document_ids = fields.Many2many(
        "ir.attachment",
        "support_transfer_offer_document_rel",
        "offer_id",
        "attachment_id",
        string="Confidential Documents",
        groups=CONFIDENTIAL,
        help="Accounts, lease, valuation... shared only after the agreement.",
    )
    match_ids = fields.One2many(
        "support.transfer.match", "offer_id", string="Introductions", groups=CONFIDENTIAL
    )
    match_count = fields.Integer(compute="_compute_match_count", groups=CONFIDENTIAL)
    nda_ids = fields.One2many(
        "support.transfer.nda",
        "offer_id",
        string="Confidentiality Agreements",
        groups=CONFIDENTIAL,
    )
    matching_buyer_count = fields.Integer(
        compute="_compute_matching_buyer_count",
        groups=CONFIDENTIAL,
        help="Buyers searching now whose criteria fit this offer.",
    )

    @api.depends("case_id")
    def _compute_area(self):
        for offer in self:
            commune = offer.case_id.commune_id
            if commune and not offer.epci_id:
                offer.epci_id = commune.epci_id
            if commune and not offer.department_id:
                offer.department_id = commune.department_id

    @api.depends("area_level", "epci_id", "department_id")
    def _compute_area_label(self):
        for offer in self:
            if offer.area_level == "epci" and offer.epci_id:
                offer.area_label = offer.epci_id.name
            else:
                offer.area_label = offer.department_id.display_name or False

    def _compute_match_count(self):
        counts = dict(
            self.env["support.transfer.match"]._read_group(
                [("offer_id", "in", self.ids)], ["offer_id"], ["__count"]
            )
        )
        for offer in self:
            offer.match_count = counts.get(offer, 0)

    def _compute_matching_buyer_count(self):
        for offer in self:
            offer.matching_buyer_count = len(offer._match_buyers())

    @api.constrains("price_min", "price_max")
    def _check_price_range(self):
        for offer in self:
            if offer.price_min < 0 or offer.price_max < 0:
                raise ValidationError(self.env._("A price cannot be negative."))
            if offer.price_max and offer.price_min > offer.price_max:
                raise ValidationError(
                    self.env._(
                        "The price range of the offer %(offer)s starts above its end.",
                        offer=offer.name,
                    )
                )

    @api.constrains("case_id")
    def _check_case_programme(self):
        transmission = self.env.ref("accompagnement_entreprise.support_programme_transmission")
        for offer in self.sudo():
            if offer.case_id.programme_id != transmission:
                raise ValidationError(
                    self.env._(
                        "The case %(case)s is not a business transfer case: an offer needs "
                        "the seller's case in the business transfer programme.",
                        case=offer.case_id.display_name,
                    )
                )

    @api.constrains("name", "public_description", "activity", "case_id")
    def _check_anonymous_text(self):
        """The public part must not name the company nor give its SIREN."""
        for offer in self.sudo():
            partner = offer.case_id.partner_id.commercial_partner_id
            public = " ".join(
                filter(None, [offer.name, offer.public_description, offer.activity])
            ).casefold()
            revealing = [
                value
                for value in (partner.name, (partner.company_registry or "")[:9])
                if value and len(value) >= 4 and value.casefold() in public
            ]
            if revealing:
                raise ValidationError(
                    self.env._(
                        "The public part of the offer %(offer)s reveals the seller "
                        "(%(value)s): keep the title and the public text anonymous.",
                        offer=offer.name,
                        value=revealing[0],
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("reference", "/") == "/":
                vals["reference"] = (
                    self.env["ir.sequence"].next_by_code("support.transfer.offer") or "/"
                )
        offers = super().create(vals_list)
        offers._protect_documents()
        return offers

    def write(self, vals):
        result = super().write(vals)
        if "document_ids" in vals:
            self._protect_documents()
        return result

    def _protect_documents(self):
        """Bind the confidential documents to the ``document_ids`` field.

        An attachment bound to a field (``res_field``) is readable only by the users
        allowed to read that field (ir.attachment checks the field's groups), and is left
        out of ordinary attachment searches: territory partners, who read the offer,
        cannot reach its documents.
        """
        for offer in self:
            offer.document_ids.sudo().filtered(
                lambda a, offer=offer: (
                    (a.res_model, a.res_id, a.res_field) != (offer._name, offer.id, "document_ids")
                )
            ).write({"res_model": offer._name, "res_id": offer.id, "res_field": "document_ids"})

    @api.depends("reference", "name")
    def _compute_display_name(self):
        for offer in self:
            offer.display_name = (
                f"{offer.reference} - {offer.name}"
                if offer.reference not in (False, "/")
                else offer.name
            )

    def action_publish(self):
        for offer in self:
            if offer.state not in ("draft", "withdrawn"):
                raise UserError(
                    self.env._(
                        "Only a draft or withdrawn offer can be published (%(offer)s).",
                        offer=offer.display_name,
                    )
                )
            if not offer.price_max:
                raise UserError(
                    self.env._(
                        "Give a price range before publishing the offer %(offer)s.",
                        offer=offer.display_name,
                    )
                )
        self.write({"state": "published", "date_published": fields.Date.context_today(self)})
        return True

    def action_withdraw(self):
        self.write({"state": "withdrawn"})
        return True

    def action_reset_draft(self):
        self.write({"state": "draft"})
        return True

    def action_view_matches(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_transfer_match_action"
        )
        action["domain"] = [("offer_id", "=", self.id)]
        action["context"] = {"default_offer_id": self.id}
        return action

    def action_find_buyers(self):
        """Open the buyers whose criteria fit the offer, with their score."""
        self.ensure_one()
        return self.env["support.transfer.matching"]._open_for_offer(self)

    def action_print_anonymous_sheet(self):
        return self.env.ref(
            "accompagnement_entreprise.support_transfer_offer_report_anonymous"
        ).report_action(self)

    # Matching

    def _score_buyer(self, buyer):
        """Score from 0 to 100 of how well ``buyer``'s criteria fit this offer.

        Returns ``(score, fits)``. A criterion the buyer left empty is open: it earns all
        its points. The sector and the price are decisive: ``fits`` is False when the
        sector differs or the price range starts beyond the buyer's budget stretched by
        :data:`PRICE_STRETCH`, whatever the score.
        """
        self.ensure_one()
        buyer.ensure_one()
        score = 0
        sector_fits = not buyer.sector_ids or self.sector_id in buyer.sector_ids
        if sector_fits:
            score += SCORE_SECTOR
        affordable = True
        if (
            not (buyer.epci_ids or buyer.department_ids)
            or (self.epci_id and self.epci_id in buyer.epci_ids)
            or (self.department_id and self.department_id in buyer.department_ids)
        ):
            score += SCORE_AREA
        if not buyer.price_max or self.price_min <= buyer.price_max:
            score += SCORE_PRICE
        elif self.price_min <= buyer.price_max * PRICE_STRETCH:
            score += SCORE_PRICE // 2
        else:
            affordable = False
        score += self._score_bracket(
            HEADCOUNT_RANK, self.headcount_bracket, buyer.headcount_max, SCORE_HEADCOUNT
        )
        score += self._score_bracket(
            TURNOVER_RANK, self.turnover_bracket, buyer.turnover_max, SCORE_TURNOVER
        )
        return score, sector_fits and affordable

    @api.model
    def _score_bracket(self, ranks, offered, maximum, points):
        """All points up to the buyer's maximum bracket, half one bracket above."""
        if not maximum or ranks[offered] <= ranks[maximum]:
            return points
        if ranks[offered] == ranks[maximum] + 1:
            return points // 2
        return 0

    def _match_buyers(self, buyers=None):
        """Buyers (searching now, same company) whose criteria fit the offer.

        Returns a list of ``(buyer, score)``, best first.
        """
        self.ensure_one()
        if buyers is None:
            buyers = self.env["support.transfer.buyer"].search(
                [("state", "=", "searching"), ("company_id", "=", self.company_id.id)]
            )
        results = []
        for buyer in buyers:
            score, fits = self._score_buyer(buyer)
            if fits and score >= MATCH_MIN_SCORE:
                results.append((buyer, score))
        return sorted(results, key=lambda pair: (-pair[1], pair[0].id))

    # What a buyer may see

    def _has_nda(self, buyer):
        """Whether a confidentiality agreement is recorded for this offer and ``buyer``."""
        self.ensure_one()
        if not buyer:
            return False
        return bool(
            self.env["support.transfer.nda"].search_count(
                [("offer_id", "=", self.id), ("buyer_id", "=", buyer.id)], limit=1
            )
        )

    def _get_buyer_sheet(self, buyer=None):
        """What ``buyer`` may see of the offer, as a dict of display values.

        Without buyer, or until a confidentiality agreement is recorded for that buyer
        and this offer, only the anonymous part is returned: the confidential fields are
        not read at all. This is the single source of the buyer-facing sheet (PDF).
        """
        self.ensure_one()
        sheet = {
            "reference": self.reference,
            "title": self.name,
            "sector": self.sector_id.display_name,
            "activity": self.activity or "",
            "area": self.area_label or "",
            "headcount_bracket": dict(
                self._fields["headcount_bracket"]._description_selection(self.env)
            ).get(self.headcount_bracket, ""),
            "turnover_bracket": dict(
                self._fields["turnover_bracket"]._description_selection(self.env)
            ).get(self.turnover_bracket, ""),
            "price_min": self.price_min,
            "price_max": self.price_max,
            "currency": self.currency_id,
            "public_description": self.public_description or "",
            "confidential": False,
        }
        if buyer and self._has_nda(buyer):
            partner = self.case_id.partner_id
            sheet.update(
                confidential=True,
                company_name=partner.name,
                siret=partner.company_registry or "",
                address=partner._display_address(without_company=True),
                headcount=self.headcount,
                turnover=self.turnover,
                net_result=self.net_result,
                asking_price=self.asking_price,
                confidential_note=self.confidential_note or "",
                documents=self.document_ids.mapped("name"),
            )
        return sheet
