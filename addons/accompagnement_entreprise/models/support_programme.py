from odoo import fields, models


class SupportProgramme(models.Model):
    """A support scheme companies are followed in (business transfer, RH+ audit...).

    Programmes are data, not code: a manager adds a new one from the configuration menu.
    """

    _name = "support.programme"
    _description = "Support Programme"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short technical code, unique, used in imports and reports.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Html(
        translate=True,
        help="What the programme offers and to whom, shown to advisors.",
    )
    confidential = fields.Boolean(
        help="Territory partners do not see the cases of this programme: an owner's intent "
        "to sell a business, for instance, stays between the company and its advisors.",
    )
    stage_ids = fields.Many2many(
        "support.case.stage",
        string="Own Stages",
        default=lambda self: self.env.ref(
            "accompagnement_entreprise.support_case_stage_progress", raise_if_not_found=False
        ),
        help="Stages of this programme; stages without programme are shared by all.",
    )
    case_ids = fields.One2many("support.case", "programme_id", string="Cases")
    case_count = fields.Integer(compute="_compute_case_count")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Another programme already uses this code."),
    ]

    def _compute_case_count(self):
        counts = dict(
            self.env["support.case"]._read_group(
                [("programme_id", "in", self.ids)], ["programme_id"], ["__count"]
            )
        )
        for programme in self:
            programme.case_count = counts.get(programme, 0)

    def _stages(self):
        """The stages of this programme, its own and the shared ones, in order."""
        self.ensure_one()
        return self.env["support.case.stage"].search(
            ["|", ("programme_ids", "=", False), ("programme_ids", "in", self.ids)]
        )
