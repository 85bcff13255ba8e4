import base64
import io

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    is_job_forum = fields.Boolean(related="event_type_id.is_job_forum")
    forum_zone_ids = fields.One2many("forum.zone", "event_id", string="Zones")
    forum_exhibitor_ids = fields.One2many("forum.exhibitor", "event_id", string="Exhibitors")
    forum_offer_ids = fields.One2many("forum.job.offer", "event_id", string="Job Offers")
    convention_id = fields.Many2one(
        "territory.convention",
        index="btree_not_null",
        help="The partnership convention this forum counts for: its attendance and hires feed "
        "the convention's indicators.",
    )
    forum_outcome_sent = fields.Boolean(
        string="Questionnaire Sent",
        copy=False,
        help="The recruiters' questionnaire on hires was sent, six weeks after the forum.",
    )
    forum_satisfaction_sent = fields.Boolean(
        string="Satisfaction Survey Sent",
        copy=False,
        help="The visitors who came were emailed the link of the satisfaction survey.",
    )
    forum_satisfaction_days = fields.Integer(
        string="Survey Open (Days)",
        default=14,
        help="Visitors may answer or change their satisfaction answer until this many days "
        "after the end of the forum.",
    )
    forum_satisfaction_ids = fields.One2many(
        "forum.satisfaction", "event_id", string="Satisfaction Answers"
    )
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

    def _forum_satisfaction_deadline(self):
        """Last moment a visitor may answer or change the satisfaction survey."""
        self.ensure_one()
        return (self.date_end or fields.Datetime.now()) + relativedelta(
            days=self.forum_satisfaction_days
        )

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

    def _forum_statistics(self):
        """Figures of the forum: attendance, arrivals per hour, interviews and hires."""
        self.ensure_one()
        Registration = self.env["event.registration"]
        counters = Registration.forum_desk_counters(self.id)
        Interview = self.env["forum.interview"]
        Offer = self.env["forum.job.offer"]
        domain = [("event_id", "=", self.id)]
        hired = domain + [("hires_reported", ">", 0)]
        offers = Offer.search(hired, order="exhibitor_id, name, id")

        def grouped(groupby, dom):
            return [
                (group.display_name if hasattr(group, "display_name") else group or "", hires)
                for group, hires in Offer._read_group(
                    dom, [groupby], ["hires_reported:sum"], order=f"{groupby} asc"
                )
            ]

        Satisfaction = self.env["forum.satisfaction"]
        [(satisfaction_count, satisfaction_average)] = Satisfaction._read_group(
            domain, [], ["__count", "rating:avg"]
        )
        ratings = dict(Satisfaction._read_group(domain, ["rating"], ["__count"]))
        return {
            "expected": counters["expected"],
            "satisfaction_count": satisfaction_count,
            "satisfaction_average": round(satisfaction_average or 0.0, 1),
            "satisfaction_by_rating": [
                (str(mark), ratings.get(mark, 0)) for mark in range(5, 0, -1)
            ],
            "visitors": counters["present"] - counters["staff_present"],
            "walk_ins": counters["walk_ins"],
            "staff_present": counters["staff_present"],
            "per_hour": counters["per_hour"],
            "interviews": Interview.search_count(domain),
            "hires": sum(offers.mapped("hires_reported")),
            "hires_by_exhibitor": grouped("exhibitor_id", hired),
            "hires_by_offer": [
                (f"{offer.exhibitor_id.name} - {offer.name}", offer.hires_reported)
                for offer in offers
            ],
            "hires_by_rome_family": [
                (Offer._rome_family_name(family), hires)
                for family, hires in grouped("rome_family", hired)
            ],
        }

    def _forum_statistics_xlsx(self):
        self.ensure_one()
        stats = self._forum_statistics()
        _ = self.env._
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        sheet = workbook.add_worksheet(_("Summary"))
        sheet.set_column(0, 0, 40)
        sheet.write(0, 0, self.name, bold)
        rows = [
            (_("Expected"), stats["expected"]),
            (_("Visitors"), stats["visitors"]),
            (_("Walk-ins"), stats["walk_ins"]),
            (_("Exhibitor staff present"), stats["staff_present"]),
            (_("Interviews"), stats["interviews"]),
            (_("Hires"), stats["hires"]),
            (_("Satisfaction answers"), stats["satisfaction_count"]),
            (_("Average satisfaction (out of 5)"), stats["satisfaction_average"]),
        ]
        for row, (label, value) in enumerate(rows, start=2):
            sheet.write(row, 0, label)
            sheet.write_number(row, 1, value)
        for title, key in (
            (_("Arrivals per hour"), "per_hour"),
            (_("Hires by exhibitor"), "hires_by_exhibitor"),
            (_("Hires by offer"), "hires_by_offer"),
            (_("Hires by ROME family"), "hires_by_rome_family"),
            (_("Satisfaction by mark"), "satisfaction_by_rating"),
        ):
            sheet = workbook.add_worksheet(title[:31])
            sheet.set_column(0, 0, 40)
            sheet.write(0, 0, title, bold)
            for row, (label, value) in enumerate(stats[key], start=1):
                sheet.write(row, 0, label)
                sheet.write_number(row, 1, value)
        workbook.close()
        return output.getvalue()

    def action_export_forum_statistics(self):
        self.ensure_one()
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("Statistics - %(forum)s.xlsx", forum=self.name),
                "datas": base64.b64encode(self._forum_statistics_xlsx()),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    @api.model
    def _cron_send_outcome_questionnaires(self):
        """Six weeks after a forum, send its exhibitors the questionnaire on hires."""
        forums = self.search(
            [
                ("event_type_id.is_job_forum", "=", True),
                ("forum_outcome_sent", "=", False),
                ("date_end", "<=", fields.Datetime.now() - relativedelta(weeks=6)),
            ]
        )
        for forum in forums:
            forum.forum_exhibitor_ids.action_send_outcome_questionnaire()
        forums.forum_outcome_sent = True
        return forums

    @api.model
    def _cron_send_satisfaction_surveys(self):
        """After a forum, email the visitors who came the link of the satisfaction survey."""
        now = fields.Datetime.now()
        forums = self.search(
            [
                ("event_type_id.is_job_forum", "=", True),
                ("forum_satisfaction_sent", "=", False),
                ("date_end", "<=", now),
                # A survey no one can answer any more is not sent.
                ("date_end", ">=", now - relativedelta(days=7)),
            ]
        )
        template = self.env.ref("forum_emploi.mail_template_forum_satisfaction")
        for registration in self.env["event.registration"].search(
            [
                ("event_id", "in", forums.ids),
                ("state", "=", "done"),
                ("attendee_type", "in", ("candidate", "visitor")),
                ("email", "!=", False),
                ("anonymised", "=", False),
            ]
        ):
            template.send_mail(registration.id, force_send=False)
        forums.forum_satisfaction_sent = True
        return forums
