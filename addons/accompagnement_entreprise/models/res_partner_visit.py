from odoo import fields, models

VISIT_GROUPS = (
    "accompagnement_entreprise.accompagnement_entreprise_group_user,"
    "accompagnement_entreprise.accompagnement_entreprise_group_partner"
)


class ResPartner(models.Model):
    """Field visits of a company, from its contact form."""

    _inherit = "res.partner"

    support_visit_count = fields.Integer(
        compute="_compute_support_visit_count", string="Field Visits", groups=VISIT_GROUPS
    )

    def _compute_support_visit_count(self):
        commercial_partners = self.commercial_partner_id
        groups = self.env["support.visit"]._read_group(
            [("partner_id", "child_of", commercial_partners.ids)], ["partner_id"], ["__count"]
        )
        counts = {}
        for partner, count in groups:
            commercial = partner.commercial_partner_id
            counts[commercial] = counts.get(commercial, 0) + count
        for partner in self:
            partner.support_visit_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_support_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_visit_action"
        )
        action.update(
            domain=[("partner_id", "child_of", self.commercial_partner_id.id)],
            context={"default_partner_id": self.commercial_partner_id.id},
        )
        return action
