from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_round


class SupportTenderResponse(models.Model):
    """A company's response to a watched tender, alone or pooled with others.

    A pooled response has a lead company (the "chef de file", ``partner_id``) and member
    companies with their share of the contract; the shares add up to 100 %.
    """

    _name = "support.tender.response"
    _description = "Tender Response"
    _inherit = ["mail.thread"]
    _order = "date_submitted desc, id desc"
    _check_company_auto = True

    tender_id = fields.Many2one(
        "support.tender", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(
        related="tender_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Responding Company",
        required=True,
        tracking=True,
        index=True,
        help="The company responding; for a pooled response, the lead company.",
    )
    epci_id = fields.Many2one(
        related="partner_id.epci_id", string="EPCI", store=True, index="btree_not_null"
    )
    case_id = fields.Many2one(
        "support.case",
        string="Coaching Case",
        index="btree_not_null",
        check_company=True,
        domain="[('programme_id.code', '=', 'MARCHES')]",
        help="Public procurement case of the company, if it is coached.",
    )
    state = fields.Selection(
        [
            ("draft", "In Preparation"),
            ("submitted", "Submitted"),
            ("won", "Won"),
            ("lost", "Lost"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    date_submitted = fields.Date(string="Submitted On", tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(
        string="Offered Amount (excl. VAT)", tracking=True, help="Price of the response."
    )
    is_pooled = fields.Boolean(
        string="Pooled Response",
        tracking=True,
        help="Several companies respond together under a lead company.",
    )
    member_ids = fields.One2many(
        "support.tender.response.member",
        "response_id",
        string="Members",
        help="Every company of the pooled response, the lead company included, with its "
        "share of the contract.",
    )
    share_total = fields.Float(compute="_compute_share_total", string="Total Share (%)")
    note = fields.Text()

    @api.depends("member_ids.share")
    def _compute_share_total(self):
        for response in self:
            response.share_total = float_round(
                sum(response.member_ids.mapped("share")), precision_digits=2
            )

    @api.constrains("is_pooled", "member_ids", "partner_id")
    def _check_pooled_members(self):
        for response in self:
            members = response.member_ids
            if not response.is_pooled:
                if members:
                    raise ValidationError(
                        self.env._(
                            "The response of %(company)s is not pooled: remove its members "
                            "or tick Pooled Response.",
                            company=response.partner_id.name,
                        )
                    )
                continue
            if len(members) < 2:
                raise ValidationError(
                    self.env._(
                        "A pooled response needs at least two companies, the lead company "
                        "included (response of %(company)s).",
                        company=response.partner_id.name,
                    )
                )
            if len(members.partner_id) != len(members):
                raise ValidationError(
                    self.env._(
                        "A company appears twice among the members of the response of %(company)s.",
                        company=response.partner_id.name,
                    )
                )
            if response.partner_id not in members.partner_id:
                raise ValidationError(
                    self.env._(
                        "The lead company %(company)s must be one of the members of its "
                        "pooled response, with its share.",
                        company=response.partner_id.name,
                    )
                )
            total = sum(members.mapped("share"))
            if float_compare(total, 100.0, precision_digits=2):
                raise ValidationError(
                    self.env._(
                        "The shares of the pooled response of %(company)s add up to "
                        "%(total)s %%, not 100 %%: correct the members' shares.",
                        company=response.partner_id.name,
                        total=float_round(total, precision_digits=2),
                    )
                )

    @api.depends("tender_id", "partner_id")
    def _compute_display_name(self):
        for response in self:
            response.display_name = (
                f"{response.partner_id.name or ''} - {response.tender_id.name or ''}"
            )

    def action_submit(self):
        for response in self:
            response.write(
                {
                    "state": "submitted",
                    "date_submitted": response.date_submitted or fields.Date.context_today(self),
                }
            )
        return True

    def action_won(self):
        self.write({"state": "won"})
        return True

    def action_lost(self):
        self.write({"state": "lost"})
        return True

    def action_reset_draft(self):
        self.write({"state": "draft"})
        return True
