from odoo import fields, models

ADVISORS = "accompagnement_entreprise.accompagnement_entreprise_group_user"


class SupportCase(models.Model):
    """Business transfer and public procurement sides of a case.

    Transfer: the seller's offer, the buyer's criteria, their introductions. Procurement:
    the tender responses of the company, as lead or member.
    """

    _inherit = "support.case"

    programme_code = fields.Char(related="programme_id.code")
    transfer_offer_ids = fields.One2many(
        "support.transfer.offer", "case_id", string="Transfer Offers", groups=ADVISORS
    )
    transfer_offer_count = fields.Integer(compute="_compute_transfer_counts", groups=ADVISORS)
    transfer_buyer_ids = fields.One2many(
        "support.transfer.buyer", "case_id", string="Buyer Profiles", groups=ADVISORS
    )
    transfer_buyer_count = fields.Integer(compute="_compute_transfer_counts", groups=ADVISORS)
    transfer_match_count = fields.Integer(compute="_compute_transfer_counts", groups=ADVISORS)

    tender_response_count = fields.Integer(
        compute="_compute_tender_response_count", groups=ADVISORS
    )

    def _transfer_match_domain(self):
        return [
            "|",
            ("offer_id.case_id", "in", self.ids),
            ("buyer_id.case_id", "in", self.ids),
        ]

    def _compute_transfer_counts(self):
        offers = dict(
            self.env["support.transfer.offer"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        buyers = dict(
            self.env["support.transfer.buyer"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        matches = self.env["support.transfer.match"].search(self._transfer_match_domain())
        for case in self:
            case.transfer_offer_count = offers.get(case, 0)
            case.transfer_buyer_count = buyers.get(case, 0)
            case.transfer_match_count = len(
                matches.filtered(
                    lambda m, case=case: case in (m.offer_id.case_id | m.buyer_id.case_id)
                )
            )

    def _action_open_transfer(self, xml_id, records, context):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        action["context"] = {"default_case_id": self.id, **context}
        if len(records) == 1:
            action.update(views=[(False, "form")], view_mode="form", res_id=records.id)
        else:
            action["domain"] = [("id", "in", records.ids)]
        if not records:
            action.update(views=[(False, "form")], view_mode="form")
        return action

    def action_view_transfer_offers(self):
        return self._action_open_transfer(
            "accompagnement_entreprise.support_transfer_offer_action",
            self.transfer_offer_ids,
            {},
        )

    def action_view_transfer_buyers(self):
        return self._action_open_transfer(
            "accompagnement_entreprise.support_transfer_buyer_action",
            self.transfer_buyer_ids,
            {"default_name": self.name},
        )

    def action_view_transfer_matches(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_transfer_match_action"
        )
        action["domain"] = self._transfer_match_domain()
        return action

    def _tender_response_domain(self):
        return ["|", ("case_id", "in", self.ids), ("member_ids.case_id", "in", self.ids)]

    def _compute_tender_response_count(self):
        responses = self.env["support.tender.response"].search(self._tender_response_domain())
        for case in self:
            case.tender_response_count = len(
                responses.filtered(
                    lambda r, case=case: r.case_id == case or case in r.member_ids.case_id
                )
            )

    def action_view_tender_responses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_tender_response_action"
        )
        action["domain"] = self._tender_response_domain()
        action["context"] = {"default_case_id": self.id, "default_partner_id": self.partner_id.id}
        return action
