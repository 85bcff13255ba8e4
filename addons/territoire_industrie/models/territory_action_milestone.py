from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TerritoryActionMilestone(models.Model):
    """A dated step of an action."""

    _name = "territory.action.milestone"
    _description = "Action Milestone"
    _order = "date, id"

    action_id = fields.Many2one("territory.action", required=True, index=True, ondelete="cascade")
    name = fields.Char(required=True)
    date = fields.Date(required=True)
    done = fields.Boolean()

    @api.constrains("date", "action_id")
    def _check_date(self):
        for milestone in self:
            action = milestone.action_id
            convention = action.convention_id
            start = action.date_start or convention.date_start
            end = action.date_end or convention.date_end
            if not start <= milestone.date <= end:
                raise ValidationError(
                    self.env._(
                        "The milestone %(name)s of %(action)s must fall between %(start)s "
                        "and %(end)s.",
                        name=milestone.name,
                        action=action.display_name,
                        start=start,
                        end=end,
                    )
                )
