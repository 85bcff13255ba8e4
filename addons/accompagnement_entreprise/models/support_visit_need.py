from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html


class SupportVisitNeed(models.Model):
    """A need detected during a field visit; one click opens the support case answering it."""

    _name = "support.visit.need"
    _description = "Need Detected During a Visit"
    _order = "visit_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    visit_id = fields.Many2one("support.visit", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="visit_id.partner_id")
    need_id = fields.Many2one("support.need", required=True, ondelete="restrict")
    programme_id = fields.Many2one(
        "support.programme",
        compute="_compute_programme_id",
        store=True,
        readonly=False,
        precompute=True,
        ondelete="restrict",
        help="Programme the case is opened in; by default the one answering the need.",
    )
    comment = fields.Text(help="What the company said about this need.")
    case_id = fields.Many2one(
        "support.case",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        help="Support case opened from this need.",
    )

    @api.depends("need_id")
    def _compute_programme_id(self):
        for line in self:
            line.programme_id = line.need_id.programme_id or line.programme_id

    def action_open_case(self):
        """Open the support case of this need (creating it in the line's programme)."""
        self.ensure_one()
        if not self.case_id:
            self.case_id = self.env["support.case"].create(self._prepare_case_values())
            self.visit_id.message_post(
                body=self.env._(
                    "Case %(case)s opened for the need %(need)s.",
                    case=self.case_id.display_name,
                    need=self.need_id.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.case",
            "res_id": self.case_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _prepare_case_values(self):
        self.ensure_one()
        if not self.programme_id:
            raise UserError(
                self.env._(
                    "Choose the programme answering the need %(need)s before opening a case.",
                    need=self.need_id.name,
                )
            )
        visit = self.visit_id
        return {
            "name": f"{self.need_id.name} - {visit.partner_id.name}",
            "partner_id": visit.partner_id.id,
            "programme_id": self.programme_id.id,
            "need_ids": [fields.Command.link(self.need_id.id)],
            "visit_id": visit.id,
            "user_id": visit.user_id.id,
            "organisation_id": visit.organisation_id.id,
            "convention_id": visit.convention_id.id,
            "company_id": visit.company_id.id,
            "establishment_id": visit.establishment_id.id,
            "description": plaintext2html(self.comment) if self.comment else False,
        }
