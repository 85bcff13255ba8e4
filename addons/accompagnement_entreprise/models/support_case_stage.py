from odoo import fields, models

STAGE_STATES = [
    ("new", "To Take in Charge"),
    ("progress", "In Progress"),
    ("closed", "Closed"),
]


class SupportCaseStage(models.Model):
    """A step of a programme's pipeline.

    Each programme has its own stage set; a stage without programme is shared by all.
    The stage's state drives the case: leaving a "new" stage takes the case in charge,
    entering a "closed" stage closes it (with a reason).
    """

    _name = "support.case.stage"
    _description = "Support Case Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    state = fields.Selection(STAGE_STATES, required=True, default="progress")
    fold = fields.Boolean(string="Folded in Kanban")
    programme_ids = fields.Many2many(
        "support.programme",
        string="Programmes",
        help="Programmes using this stage; empty for a stage shared by all programmes.",
    )
    description = fields.Text(translate=True, help="What is done at this stage.")
