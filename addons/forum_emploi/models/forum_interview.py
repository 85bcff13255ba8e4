from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ForumInterview(models.Model):
    _name = "forum.interview"
    _description = "Forum Interview"
    _order = "interview_date desc, id desc"

    exhibitor_id = fields.Many2one("forum.exhibitor", required=True, ondelete="cascade", index=True)
    event_id = fields.Many2one(
        related="exhibitor_id.event_id", string="Forum", store=True, index=True
    )
    registration_id = fields.Many2one(
        "event.registration",
        string="Candidate",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('event_id', '=', event_id), ('attendee_type', '=', 'candidate')]",
    )
    candidate_name = fields.Char(related="registration_id.name")
    offer_id = fields.Many2one(
        "forum.job.offer",
        string="Job Offer",
        ondelete="set null",
        index="btree_not_null",
        domain="[('exhibitor_id', '=', exhibitor_id)]",
    )
    rome_family = fields.Char(related="offer_id.rome_family", store=True)
    interview_date = fields.Datetime(default=fields.Datetime.now, required=True)
    state = fields.Selection(
        [
            ("held", "Held"),
            ("shortlisted", "Shortlisted"),
            ("hired", "Hired"),
            ("rejected", "Not selected"),
        ],
        default="held",
        required=True,
        help="Hired: reported by the recruiter in the questionnaire six weeks after the forum.",
    )
    note = fields.Text()

    @api.constrains("registration_id", "exhibitor_id", "offer_id")
    def _check_same_forum(self):
        for interview in self.sudo():
            if interview.registration_id.event_id != interview.exhibitor_id.event_id or (
                interview.offer_id and interview.offer_id.exhibitor_id != interview.exhibitor_id
            ):
                raise ValidationError(
                    self.env._(
                        "The interview of %(name)s must concern a candidate and an offer of "
                        "the forum of %(company)s.",
                        name=interview.registration_id.name,
                        company=interview.exhibitor_id.name,
                    )
                )

    # ------------------------------------------------------------
    # Stand screen of the recruiters
    # ------------------------------------------------------------

    @api.model
    def _forum_stand_exhibitor(self, exhibitor_id):
        """The exhibitor, read with the user's rights: recruiters reach only their own."""
        exhibitor = self.env["forum.exhibitor"].browse(int(exhibitor_id)).exists()
        if not exhibitor:
            raise UserError(self.env._("This exhibitor does not exist any more."))
        exhibitor.check_access("read")
        self.check_access("create")
        return exhibitor

    @api.model
    def _forum_stand_candidate(self, exhibitor, barcode=None, registration_id=None):
        """The candidate of the exhibitor's forum whose badge was scanned or name picked.

        Recruiters have no access to registrations: the lookup runs as superuser, but
        only within the forum of an exhibitor the user may read.
        """
        forum = exhibitor.sudo().event_id
        Registration = self.env["event.registration"].sudo()
        barcode = (barcode or "").strip()
        if registration_id:
            domain = [("id", "=", int(registration_id))]
        elif barcode:
            domain = [("barcode", "=", barcode)]
        else:
            raise UserError(self.env._("Scan the candidate's badge or pick their name."))
        registration = Registration.search([*domain, ("event_id", "=", forum.id)], limit=1)
        if not registration:
            if Registration.search_count(domain, limit=1):
                raise UserError(
                    self.env._(
                        "This badge is not a badge of this forum: it belongs to another "
                        "event than %(forum)s.",
                        forum=forum.name,
                    )
                )
            raise UserError(
                self.env._(
                    "Unknown badge %(barcode)s: check the number or pick the candidate's name.",
                    barcode=barcode,
                )
            )
        if registration.state == "cancel":
            raise UserError(
                self.env._("The registration of %(name)s is cancelled.", name=registration.name)
            )
        if registration.attendee_type == "exhibitor_staff":
            raise UserError(
                self.env._(
                    "%(name)s is exhibitor staff, not a candidate: no interview to record.",
                    name=registration.name,
                )
            )
        return registration

    @api.model
    def forum_stand_data(self):
        """Exhibitors the user records interviews for, with their offers (stand screen)."""
        # Record rules keep recruiters to their own exhibitors; the forum's name is shown
        # even to those who cannot read events.
        exhibitors = self.env["forum.exhibitor"].search([], order="id desc", limit=50)
        return [
            {
                "id": exhibitor.id,
                "name": exhibitor.name,
                "forum": exhibitor.sudo().event_id.name,
                "offers": [{"id": offer.id, "name": offer.name} for offer in exhibitor.offer_ids],
            }
            for exhibitor in exhibitors
        ]

    @api.model
    def forum_stand_search(self, exhibitor_id, term, limit=8):
        """Candidates of the exhibitor's forum whose name matches ``term`` (names only)."""
        exhibitor = self._forum_stand_exhibitor(exhibitor_id)
        term = (term or "").strip()
        if len(term) < 2:
            return []
        registrations = (
            self.env["event.registration"]
            .sudo()
            .search(
                [
                    ("event_id", "=", exhibitor.sudo().event_id.id),
                    ("attendee_type", "=", "candidate"),
                    ("state", "!=", "cancel"),
                    ("name", "ilike", term),
                ],
                limit=limit,
                order="name, id",
            )
        )
        return [
            {"id": registration.id, "name": registration.name} for registration in registrations
        ]

    @api.model
    def forum_stand_record(self, exhibitor_id, values):
        """Record in one step an interview at the stand of ``exhibitor_id``.

        ``values``: ``barcode`` (scanned badge) or ``registration_id`` (picked name),
        ``offer_id``, ``state`` (outcome) and ``note``. Raises a UserError with a clear
        message on a badge of another event, an unknown badge or a wrong offer; nothing is
        written then.
        """
        exhibitor = self._forum_stand_exhibitor(exhibitor_id)
        registration = self._forum_stand_candidate(
            exhibitor, values.get("barcode"), values.get("registration_id")
        )
        offer = self.env["forum.job.offer"]
        if values.get("offer_id"):
            offer = offer.browse(int(values["offer_id"])).exists()
            if not offer or offer.sudo().exhibitor_id != exhibitor:
                raise UserError(
                    self.env._("Choose one of the offers of %(company)s.", company=exhibitor.name)
                )
        state = values.get("state") or "held"
        if state not in dict(self._fields["state"].selection):
            raise UserError(self.env._("Choose the outcome of the interview from the list."))
        interview = self.create(
            {
                "exhibitor_id": exhibitor.id,
                "registration_id": registration.id,
                "offer_id": offer.id,
                "state": state,
                "note": (values.get("note") or "").strip() or False,
            }
        )
        return {
            "interview_id": interview.id,
            "name": registration.name,
            "message": self.env._("Interview with %(name)s recorded.", name=registration.name),
        }

    @api.model
    def record_scan(self, exhibitor_id, barcode, offer_id=False):
        """An exhibitor scans a candidate's badge at its stand: record an interview."""
        result = self.forum_stand_record(exhibitor_id, {"barcode": barcode, "offer_id": offer_id})
        return self.browse(result["interview_id"])

    @api.model
    def _forum_demo_interviews(self, event_id):
        """Interviews at the stands of a past demo forum: on each offer, first the
        candidates hired (as many as the recruiter reported), then others (idempotent)."""
        if self.search_count([("event_id", "=", event_id)], limit=1):
            return self
        candidates = self.env["event.registration"].search(
            [
                ("event_id", "=", event_id),
                ("attendee_type", "=", "candidate"),
                ("state", "=", "done"),
            ],
            order="date_closed, id",
        )
        offers = self.env["forum.job.offer"].search([("event_id", "=", event_id)], order="id")
        outcomes = ["shortlisted", "held", "rejected", "held"]
        vals_list = []
        for rank, offer in enumerate(offers):
            # Each offer meets candidates in their order of arrival, from its own starting
            # point: some candidates talk with two recruiters, none is hired twice.
            met = candidates[rank * 4 : rank * 4 + offer.hires_reported + len(outcomes)]
            for index, registration in enumerate(met):
                vals_list.append(
                    {
                        "exhibitor_id": offer.exhibitor_id.id,
                        "registration_id": registration.id,
                        "offer_id": offer.id,
                        "state": "hired"
                        if index < offer.hires_reported
                        else outcomes[index - offer.hires_reported],
                        "interview_date": registration.date_closed + timedelta(minutes=20),
                    }
                )
        return self.create(vals_list)
