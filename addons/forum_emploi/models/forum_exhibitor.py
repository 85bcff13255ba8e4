import uuid

from stdnum.fr import siret as stdnum_siret

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class ForumExhibitor(models.Model):
    _name = "forum.exhibitor"
    _description = "Forum Exhibitor"
    _inherit = ["mail.thread"]
    _order = "event_id, name, id"

    name = fields.Char(related="partner_id.name", store=True, readonly=True)
    event_id = fields.Many2one(
        "event.event", string="Forum", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Company",
        required=True,
        ondelete="restrict",
        index=True,
        domain="[('is_company', '=', True)]",
        tracking=True,
    )
    siret = fields.Char(
        string="SIRET",
        size=14,
        tracking=True,
        help="14-digit SIRET of the establishment that recruits (checked with the Luhn key).",
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Recruiters' Accounts",
        help="Users of the exhibitor who may see and edit its own offers and interviews.",
    )
    booth_ids = fields.One2many("event.booth", "forum_exhibitor_id", string="Stands")
    offer_ids = fields.One2many("forum.job.offer", "exhibitor_id", string="Job Offers")
    staff_registration_ids = fields.One2many(
        "event.registration", "exhibitor_id", string="Staff on Site"
    )
    outcome_token = fields.Char(
        copy=False,
        groups="forum_emploi.forum_emploi_group_user",
        help="Secret of the link of the recruiters' questionnaire on hires.",
    )
    followup_case_refs = fields.Json(
        string="Support Cases Notified",
        copy=False,
        readonly=True,
        groups="base.group_system",
        help="Ids of the support cases whose advisor already got an activity for the "
        "check-in of this exhibitor at this forum (once per case and forum).",
    )
    offer_count = fields.Integer(compute="_compute_offer_stats")
    position_count = fields.Integer(
        string="Open Positions", compute="_compute_offer_stats", help="Positions of all offers."
    )

    _sql_constraints = [
        (
            "event_partner_uniq",
            "unique(event_id, partner_id)",
            "This company is already an exhibitor of this forum.",
        ),
    ]

    @api.depends("offer_ids.positions")
    def _compute_offer_stats(self):
        data = {
            exhibitor.id: (count, positions)
            for exhibitor, count, positions in self.env["forum.job.offer"]._read_group(
                [("exhibitor_id", "in", self.ids)],
                ["exhibitor_id"],
                ["__count", "positions:sum"],
            )
        }
        for exhibitor in self:
            exhibitor.offer_count, exhibitor.position_count = data.get(exhibitor.id, (0, 0))

    @api.constrains("siret")
    def _check_siret(self):
        for exhibitor in self.filtered("siret"):
            if not stdnum_siret.is_valid(exhibitor.siret):
                raise ValidationError(
                    self.env._(
                        "The SIRET %(siret)s of %(company)s is not valid: it must have 14 "
                        "digits and a correct check key.",
                        siret=exhibitor.siret,
                        company=exhibitor.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("siret"):
                vals["siret"] = stdnum_siret.compact(vals["siret"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("siret"):
            vals["siret"] = stdnum_siret.compact(vals["siret"])
        return super().write(vals)

    def _forum_outcome_url(self):
        """Link of the questionnaire on hires for this exhibitor (token made on demand)."""
        self.ensure_one()
        if not self.outcome_token:
            self.outcome_token = uuid.uuid4().hex
        base_url = self.get_base_url()
        return f"{base_url}/forum/outcome/{self.id}/{self.outcome_token}"

    def action_send_outcome_questionnaire(self):
        """Email each exhibitor the link of its questionnaire on hires."""
        for exhibitor in self.filtered(lambda e: e.partner_id.email):
            url = exhibitor._forum_outcome_url()
            exhibitor.message_post(
                subject=self.env._(
                    "%(forum)s: how many people did you hire?", forum=exhibitor.event_id.name
                ),
                body=self.env._(
                    "Thank you for taking part in %(forum)s. Please tell us how many people "
                    "you hired for each of your offers: %(url)s",
                    forum=exhibitor.event_id.name,
                    url=url,
                ),
                partner_ids=exhibitor.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _forum_notify_case_advisors(self):
        """Tell the advisors following these exhibitors' companies that they checked in.

        Only called when accompagnement_entreprise is installed. Each open support case of
        the company gets one "To Do" activity for its advisor per forum: the ids of the
        cases already notified are kept on the exhibitor (a double scan or a second staff
        member adds nothing). Two desks checking in two staff members of one company at
        once would both write this row: it is locked first (``NOWAIT``, not logged), so
        the second gets a lock error before writing anything: the desk's scan is undone
        and answered "retry" (see event.registration._forum_desk_locked_check_in), never
        a failed flush nor an ERROR line. The desk staff
        has no access to support cases: the cases are found from the exhibitor's company,
        never from request input, and read as superuser.
        """
        self.env.cr.execute(
            SQL(
                "SELECT id FROM forum_exhibitor WHERE id IN %s FOR NO KEY UPDATE NOWAIT",
                tuple(self.ids),
            ),
            log_exceptions=False,
        )
        Case = self.env["support.case"].sudo()
        for exhibitor in self.sudo():
            notified = set(exhibitor.followup_case_refs or [])
            cases = Case.search(
                [
                    ("partner_id", "child_of", exhibitor.partner_id.commercial_partner_id.id),
                    ("state", "!=", "closed"),
                    ("user_id", "!=", False),
                    ("id", "not in", list(notified)),
                ]
            )
            for case in cases:
                advisor_env = case.with_context(lang=case.user_id.lang).env
                case.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=advisor_env._(
                        "%(company)s checked in at %(forum)s",
                        company=exhibitor.partner_id.name,
                        forum=exhibitor.event_id.name,
                    ),
                    user_id=case.user_id.id,
                )
            if cases:
                exhibitor.followup_case_refs = sorted(notified | set(cases.ids))
        return True
