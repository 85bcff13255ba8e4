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

    @api.model
    def record_scan(self, exhibitor_id, barcode, offer_id=False):
        """An exhibitor scans a candidate's badge at its stand: record an interview.

        The exhibitor is read with the user's rights (recruiters reach only their own);
        the candidate is found by the badge within that exhibitor's forum only.
        """
        exhibitor = self.env["forum.exhibitor"].browse(exhibitor_id)
        exhibitor.check_access("read")
        self.check_access("create")
        registration = (
            self.env["event.registration"]
            .sudo()
            .search(
                [
                    ("event_id", "=", exhibitor.sudo().event_id.id),
                    ("barcode", "=", (barcode or "").strip()),
                ],
                limit=1,
            )
        )
        if not registration:
            raise UserError(self.env._("This badge is not a badge of this forum."))
        return self.create(
            {
                "exhibitor_id": exhibitor.id,
                "registration_id": registration.id,
                "offer_id": offer_id,
            }
        )
