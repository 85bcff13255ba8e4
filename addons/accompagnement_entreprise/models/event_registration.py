from odoo import fields, models

ADVISORS = "accompagnement_entreprise.accompagnement_entreprise_group_user"


class EventRegistration(models.Model):
    _inherit = "event.registration"

    support_case_id = fields.Many2one(
        "support.case",
        index="btree_not_null",
        ondelete="set null",
        groups=ADVISORS,
        help="Case of the attending company in the event's support programme.",
    )
