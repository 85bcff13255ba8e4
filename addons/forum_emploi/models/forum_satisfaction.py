from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

COMMENT_MAX_LENGTH = 2000


class ForumSatisfaction(models.Model):
    """The answer of a candidate or visitor to the satisfaction survey at the exit.

    Written through the tokenised public page (``/forum/satisfaction/<id>/<token>``), one
    answer per registration, editable until the forum's survey deadline.
    """

    _name = "forum.satisfaction"
    _description = "Forum Satisfaction Answer"
    _order = "event_id, answer_date desc, id desc"
    _rec_name = "registration_id"

    registration_id = fields.Many2one(
        "event.registration",
        string="Visitor",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    event_id = fields.Many2one(
        related="registration_id.event_id", string="Forum", store=True, index=True
    )
    rating = fields.Integer(
        string="Overall Satisfaction",
        required=True,
        aggregator="avg",
        help="From 1 (not satisfied at all) to 5 (very satisfied).",
    )
    useful_contacts = fields.Integer(
        aggregator="sum", help="Number of useful contacts the visitor made at the forum."
    )
    interviews_obtained = fields.Integer(
        aggregator="sum", help="Number of job interviews the visitor obtained at the forum."
    )
    comment = fields.Text(help="Free comment of the visitor (cleared at anonymisation).")
    answer_date = fields.Datetime(
        default=fields.Datetime.now, readonly=True, help="Last time the visitor answered."
    )

    _sql_constraints = [
        (
            "registration_uniq",
            "unique(registration_id)",
            "A visitor answers the satisfaction survey once (the answer stays editable).",
        ),
        (
            "rating_range",
            "CHECK(rating BETWEEN 1 AND 5)",
            "The overall satisfaction is a mark from 1 to 5.",
        ),
        (
            "counts_positive",
            "CHECK(useful_contacts >= 0 AND interviews_obtained >= 0)",
            "The numbers of contacts and interviews cannot be negative.",
        ),
    ]

    @api.constrains("comment")
    def _check_comment(self):
        for answer in self:
            if answer.comment and len(answer.comment) > COMMENT_MAX_LENGTH:
                raise ValidationError(
                    self.env._(
                        "The comment is too long: %(max)s characters at most.",
                        max=COMMENT_MAX_LENGTH,
                    )
                )

    @api.model
    def _forum_demo_answers(self, event_id):
        """A few French answers of candidates who came to a demo forum, the day after it
        (idempotent)."""
        if self.search_count([("event_id", "=", event_id)], limit=1):
            return self
        registrations = self.env["event.registration"].search(
            [
                ("event_id", "=", event_id),
                ("attendee_type", "=", "candidate"),
                ("state", "=", "done"),
            ],
            order="id",
            limit=6,
        )
        event = self.env["event.event"].browse(event_id)
        answered = min(event.date_end + relativedelta(days=1), fields.Datetime.now())
        answers = [
            (5, 4, 2, "Très bon accueil, j'ai décroché deux entretiens en décolletage."),
            (4, 3, 1, "Des entreprises intéressantes, un peu d'attente au stand transport."),
            (3, 1, 0, "Peu d'offres dans la vente, mais de bons conseils au stand formation."),
            (5, 5, 3, "Forum bien organisé, je reviendrai l'an prochain."),
            (2, 0, 0, "Je n'ai pas trouvé d'offre correspondant à mon profil."),
            (4, 2, 1, ""),
        ]
        return self.create(
            [
                {
                    "registration_id": registration.id,
                    "rating": rating,
                    "useful_contacts": contacts,
                    "interviews_obtained": interviews,
                    "comment": comment or False,
                    "answer_date": answered,
                }
                for registration, (rating, contacts, interviews, comment) in zip(
                    registrations, answers, strict=False
                )
            ]
        )
