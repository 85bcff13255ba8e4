from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportTenderResponseMember(models.Model):
    """A company of a pooled response and its share of the contract."""

    _name = "support.tender.response.member"
    _description = "Pooled Response Member"
    _order = "share desc, id"

    response_id = fields.Many2one(
        "support.tender.response", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="response_id.company_id", store=True)
    partner_id = fields.Many2one("res.partner", string="Member Company", required=True, index=True)
    share = fields.Float(
        string="Share (%)", required=True, digits=(5, 2), help="Share of the contract in %."
    )
    is_lead = fields.Boolean(
        string="Lead Company", compute="_compute_is_lead", help="The chef de file."
    )
    case_id = fields.Many2one(
        "support.case",
        string="Coaching Case",
        index="btree_not_null",
        domain="[('programme_id.code', '=', 'MARCHES')]",
        help="Public procurement case of the member, if it is coached.",
    )
    role = fields.Char(help="Part of the work, e.g. 'Joinery' or 'Lot 2 - Electricity'.")

    @api.depends("partner_id", "response_id.partner_id")
    def _compute_is_lead(self):
        for member in self:
            member.is_lead = member.partner_id == member.response_id.partner_id

    @api.constrains("share")
    def _check_share(self):
        for member in self:
            if member.share <= 0 or member.share > 100:
                raise ValidationError(
                    self.env._(
                        "The share of %(company)s must be above 0 %% and at most 100 %%.",
                        company=member.partner_id.name,
                    )
                )
