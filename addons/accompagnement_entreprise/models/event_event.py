from odoo import api, fields, models
from odoo.exceptions import UserError

ADVISORS = "accompagnement_entreprise.accompagnement_entreprise_group_user"


class EventEvent(models.Model):
    _inherit = "event.event"

    support_programme_id = fields.Many2one(
        "support.programme",
        compute="_compute_support_programme_id",
        store=True,
        readonly=False,
        help="Programme whose cases follow the attending companies.",
    )
    support_case_count = fields.Integer(
        string="Attendees' Cases", compute="_compute_support_case_count", groups=ADVISORS
    )

    @api.depends("event_type_id")
    def _compute_support_programme_id(self):
        for event in self:
            if event.event_type_id.support_programme_id:
                event.support_programme_id = event.event_type_id.support_programme_id

    def _compute_support_case_count(self):
        for event in self:
            event.support_case_count = len(event.registration_ids.support_case_id)

    def action_link_attendee_cases(self):
        """Link each attending company to its open case of the event's programme.

        A company without such a case gets one, taken in charge by the current advisor
        at the programme's first stage in progress (e.g. "Information").
        """
        Case = self.env["support.case"]
        for event in self:
            programme = event.support_programme_id
            if not programme:
                raise UserError(
                    self.env._(
                        "Choose the support programme of the event %(event)s first.",
                        event=event.name,
                    )
                )
            stage = programme._stages().filtered(lambda s: s.state == "progress")[:1]
            attendees = event.registration_ids.filtered(
                lambda r: r.state == "done" and r.partner_id and not r.support_case_id
            )
            companies = attendees.partner_id.commercial_partner_id
            # A company already followed by another advisor keeps its case: look for it
            # beyond the advisor's own cases rather than open a duplicate.
            open_cases = Case.sudo().search(
                [
                    ("partner_id", "in", companies.ids),
                    ("programme_id", "=", programme.id),
                    ("state", "!=", "closed"),
                    ("company_id", "in", self.env.companies.ids),
                ],
                order="date_open desc, id desc",
            )
            case_by_company = {}
            for case in open_cases:
                case_by_company.setdefault(case.partner_id, case)
            for company in companies - open_cases.partner_id:
                case_by_company[company] = Case.create(
                    {
                        "name": self.env._(
                            "%(programme)s - %(company)s",
                            programme=programme.name,
                            company=company.name,
                        ),
                        "partner_id": company.id,
                        "programme_id": programme.id,
                        "stage_id": stage.id or False,
                        "company_id": event.company_id.id or self.env.company.id,
                    }
                )
            for registration in attendees:
                case = case_by_company[registration.partner_id.commercial_partner_id]
                registration.support_case_id = case
                case.sudo().message_post(
                    body=self.env._(
                        "Attended the event %(event)s on %(date)s.",
                        event=event.name,
                        date=fields.Date.to_string(event.date_begin.date()),
                    )
                )
        return True

    def action_view_support_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "accompagnement_entreprise.support_case_action"
        )
        action["domain"] = [("id", "in", self.registration_ids.support_case_id.ids)]
        action["context"] = {}
        return action
