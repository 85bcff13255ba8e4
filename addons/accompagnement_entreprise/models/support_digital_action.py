from odoo import fields, models


class SupportDigitalAction(models.Model):
    """An action of the plan following a digital diagnostic."""

    _name = "support.digital.action"
    _description = "Digital Action Plan Item"
    _order = "diagnostic_id, sequence, date_deadline, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    diagnostic_id = fields.Many2one(
        "support.digital.diagnostic", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="diagnostic_id.company_id", store=True, index=True)
    name = fields.Char(string="Action", required=True)
    date_deadline = fields.Date(string="Deadline")
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        required=True,
        default="todo",
    )
    note = fields.Char()
