from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    """De minimis grouping: aid is summed per single undertaking ("entreprise unique"), a
    company and the companies it controls. By default a company is its own undertaking."""

    _inherit = "res.partner"

    deminimis_parent_id = fields.Many2one(
        "res.partner",
        string="Single Undertaking",
        domain=[("is_company", "=", True)],
        index="btree_not_null",
        help="Head company of the single undertaking (entreprise unique) this company "
        "belongs to for the de minimis ceiling; empty: the company alone.",
    )
    deminimis_undertaking_id = fields.Many2one(
        "res.partner",
        compute="_compute_deminimis_undertaking_id",
        store=True,
        recursive=True,
        index="btree_not_null",
        help="The partner de minimis aid is summed on.",
    )
    audit_case_count = fields.Integer(
        compute="_compute_audit_case_count",
        groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
    )

    @api.depends(
        "deminimis_parent_id.deminimis_undertaking_id",
        "parent_id.deminimis_undertaking_id",
        "is_company",
    )
    def _compute_deminimis_undertaking_id(self):
        for partner in self:
            if partner.deminimis_parent_id:
                partner.deminimis_undertaking_id = (
                    partner.deminimis_parent_id.deminimis_undertaking_id
                    or partner.deminimis_parent_id
                )
            elif partner.parent_id and not partner.is_company:
                partner.deminimis_undertaking_id = (
                    partner.parent_id.deminimis_undertaking_id or partner.parent_id
                )
            else:
                partner.deminimis_undertaking_id = partner

    def _compute_audit_case_count(self):
        counts = dict(
            self.env["support.case"]._read_group(
                [("partner_id", "child_of", self.ids), ("is_audit", "=", True)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.audit_case_count = sum(
                count
                for case_partner, count in counts.items()
                if case_partner.commercial_partner_id == partner or case_partner == partner
            )

    def action_view_audits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_case_action_audits"
        )
        action["domain"] = [("partner_id", "child_of", self.id), ("is_audit", "=", True)]
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.constrains("deminimis_parent_id")
    def _check_deminimis_parent_id(self):
        if self._has_cycle("deminimis_parent_id"):
            raise ValidationError(
                self.env._("A single undertaking cannot contain itself through its members.")
            )
