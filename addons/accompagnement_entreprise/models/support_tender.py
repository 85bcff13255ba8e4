from odoo import api, fields, models

from .support_procurement_threshold import BUYER_CATEGORIES, KINDS


class SupportTender(models.Model):
    """A call for tenders watched for the companies coached in public procurement.

    Its procedure follows from its estimated value, kind, buyer and launch date through
    the dated thresholds (``support.procurement.threshold``).
    """

    _name = "support.tender"
    _description = "Watched Tender"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_deadline, id desc"
    _check_company_auto = True

    name = fields.Char(string="Object", required=True, tracking=True)
    reference = fields.Char(
        string="Buyer's Reference", help="Reference of the consultation given by the buyer."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Watched By",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    public_buyer_id = fields.Many2one(
        "res.partner",
        required=True,
        tracking=True,
        index=True,
        help="The public entity buying: commune, EPCI, département, hospital...",
    )
    buyer_category = fields.Selection(
        BUYER_CATEGORIES,
        required=True,
        default="local",
        help="Decides which European threshold applies.",
    )
    kind = fields.Selection(KINDS, required=True, default="supplies_services")
    epci_id = fields.Many2one(
        related="public_buyer_id.epci_id", string="EPCI", store=True, index="btree_not_null"
    )
    date_publication = fields.Date(
        string="Launched On",
        required=True,
        default=fields.Date.context_today,
        help="Date the consultation was launched: the thresholds of that date apply.",
    )
    date_deadline = fields.Datetime(
        string="Response Deadline", tracking=True, help="Deadline for the responses."
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    estimated_amount = fields.Monetary(
        string="Estimated Value (excl. VAT)",
        tracking=True,
        help="Estimated value of the contract excluding VAT, all lots included.",
    )
    threshold_id = fields.Many2one(
        "support.procurement.threshold",
        compute="_compute_threshold_id",
        store=True,
        index="btree_not_null",
        help="Threshold that sets the procedure at the launch date.",
    )
    procedure = fields.Selection(related="threshold_id.procedure", store=True)
    url = fields.Char(string="Consultation Link", help="Page of the buyer's profile.")
    description = fields.Html()
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    response_ids = fields.One2many("support.tender.response", "tender_id", string="Responses")
    response_count = fields.Integer(compute="_compute_response_count")

    @api.depends("date_publication", "kind", "buyer_category", "estimated_amount")
    def _compute_threshold_id(self):
        Threshold = self.env["support.procurement.threshold"]
        thresholds = Threshold.search([])
        for tender in self:
            tender.threshold_id = Threshold._find(
                tender.date_publication,
                tender.kind,
                tender.buyer_category,
                tender.estimated_amount,
                thresholds=thresholds,
            )

    def _compute_response_count(self):
        counts = dict(
            self.env["support.tender.response"]._read_group(
                [("tender_id", "in", self.ids)], ["tender_id"], ["__count"]
            )
        )
        for tender in self:
            tender.response_count = counts.get(tender, 0)

    @api.model
    def _recompute_procedures(self):
        """Thresholds changed: recompute the procedure of every tender.

        Tenders are shared data of the organisation; the manager who edits a threshold
        may not be allowed to write them, hence ``sudo``.
        """
        tenders = self.with_context(active_test=False).sudo().search([])
        tenders._compute_threshold_id()

    def action_close(self):
        self.write({"state": "closed"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_reopen(self):
        self.write({"state": "open"})
        return True

    def action_view_responses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_tender_response_action"
        )
        action["domain"] = [("tender_id", "=", self.id)]
        action["context"] = {"default_tender_id": self.id}
        return action
