from odoo import fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    is_job_forum = fields.Boolean(related="event_type_id.is_job_forum")
    forum_zone_ids = fields.One2many("forum.zone", "event_id", string="Zones")
    forum_exhibitor_ids = fields.One2many("forum.exhibitor", "event_id", string="Exhibitors")
    forum_offer_ids = fields.One2many("forum.job.offer", "event_id", string="Job Offers")
    forum_exhibitor_count = fields.Integer(
        string="Exhibitors Count", compute="_compute_forum_counts"
    )
    forum_offer_count = fields.Integer(string="Offers Count", compute="_compute_forum_counts")

    def _compute_forum_counts(self):
        exhibitors = dict(
            self.env["forum.exhibitor"]._read_group(
                [("event_id", "in", self.ids)], ["event_id"], ["__count"]
            )
        )
        offers = dict(
            self.env["forum.job.offer"]._read_group(
                [("event_id", "in", self.ids)], ["event_id"], ["__count"]
            )
        )
        for event in self:
            event.forum_exhibitor_count = exhibitors.get(event, 0)
            event.forum_offer_count = offers.get(event, 0)

    def action_open_forum_desk(self):
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "forum_emploi.checkin_desk",
            "name": self.env._("Check-in Desk"),
            "params": {"event_id": self.id},
            "target": "fullscreen",
        }

    def _forum_indicator_values(self):
        """Figures of the forum for the convention indicators of territoire_industrie.

        Overridable hook: the integrator plugs it into the indicators once their hook exists.
        """
        self.ensure_one()
        counters = self.env["event.registration"].forum_desk_counters(self.id)
        return {
            "visitors": counters["present"] - counters["staff_present"],
            "walk_ins": counters["walk_ins"],
            "exhibitors": self.forum_exhibitor_count,
            "offers": self.forum_offer_count,
        }
