import re
from datetime import datetime, timedelta

import pytz
from dateutil.relativedelta import relativedelta
from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, consteq, email_normalize
from odoo.tools.misc import hmac

from .forum_job_offer import ROME_CODE_RE

# Results of a scan at the check-in desk (``forum_desk_scan``), shared with the OWL desk.
SCAN_WELCOME = "welcome"
SCAN_ALREADY_CHECKED_IN = "already_checked_in"
SCAN_UNKNOWN_BADGE = "unknown_badge"
SCAN_OTHER_EVENT = "other_event"
SCAN_CANCELLED = "cancelled"
# Another desk holds the registration at this very moment (or committed a change since this
# transaction began): nothing was written; the desk sends the same scan again shortly.
SCAN_RETRY = "retry"
# Lock failures answered with SCAN_RETRY instead of an error (and an ERROR line in the log).
DESK_CONFLICTS = (LockNotAvailable, SerializationFailure)

ROME_SPLIT_RE = re.compile(r"[\s,;]+")
RETENTION_MONTHS_WITH_CONSENT = 24
RETENTION_MONTHS_WITHOUT_CONSENT = 3
# Public registration page: at most this many registrations per client address and window
# (the ir.config_parameter "forum_emploi.registration_rate_limit" overrides the count).
REGISTRATION_RATE_LIMIT = 5
REGISTRATION_RATE_WINDOW = timedelta(minutes=10)


class EventRegistration(models.Model):
    _inherit = "event.registration"

    attendee_type = fields.Selection(
        [
            ("candidate", "Candidate"),
            ("exhibitor_staff", "Exhibitor staff"),
            ("visitor", "Visitor"),
        ],
        default="candidate",
        required=True,
        help="Candidates look for a job; exhibitor staff hold a stand; visitors attend a "
        "meeting of economic actors.",
    )
    exhibitor_id = fields.Many2one(
        "forum.exhibitor",
        ondelete="set null",
        index="btree_not_null",
        domain="[('event_id', '=', event_id)]",
        help="Exhibitor this person works for (exhibitor staff only).",
    )
    is_walk_in = fields.Boolean(
        string="Walk-in", readonly=True, help="Registered at the desk on the day."
    )
    consent = fields.Boolean(
        string="Data Consent",
        help="The candidate agrees that the organisers keep their data to send them job "
        "offers until the retention date.",
    )
    consent_date = fields.Datetime(readonly=True)
    retention_date = fields.Date(
        compute="_compute_retention_date",
        store=True,
        readonly=False,
        help="After this date the candidate's personal data is anonymised automatically.",
    )
    wished_rome_codes = fields.Char(
        string="Wished Jobs (ROME)",
        help="ROME codes of the jobs the candidate looks for, separated by spaces, e.g. "
        "H2913 N1103.",
    )
    referral = fields.Selection(
        [
            ("france_travail", "France Travail"),
            ("mission_locale", "Mission locale"),
            ("cap_emploi", "Cap emploi"),
            ("other", "Other"),
        ],
        string="Referred by",
        help="Employment service that sent the candidate to the forum.",
    )
    anonymised = fields.Boolean(readonly=True, copy=False)
    forum_badge_pending = fields.Boolean(
        string="Badge to Email",
        readonly=True,
        copy=False,
        help="The badge is queued to be emailed by a background job, so that neither the "
        "desk nor the registration page waits for the PDF.",
    )
    forum_desk_scan_uuid = fields.Char(
        string="Check-in Scan ID",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Id made by the check-in desk for the scan that checked this person in: the "
        "same scan sent again (lost answer, offline queue replayed) gets the same answer and "
        "changes nothing.",
    )
    forum_checked_in_by_id = fields.Many2one(
        "res.users",
        string="Checked In By",
        readonly=True,
        copy=False,
        help="Desk user who checked this person in (badge scan, search or walk-in).",
    )
    forum_ip_hash = fields.Char(
        string="Client Address Hash",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_system",
        help="Keyed hash of the address a public registration came from, kept one day to "
        "limit registrations per address; never the address itself.",
    )
    forum_satisfaction_url = fields.Char(
        string="Satisfaction Survey Link",
        compute="_compute_forum_satisfaction_url",
        help="Personal link of the visitor's satisfaction survey (printed as a QR code on "
        "the badge, emailed after the forum).",
    )

    @api.depends("consent", "consent_date", "event_id.date_end")
    def _compute_retention_date(self):
        for registration in self:
            if registration.consent:
                start = registration.consent_date or fields.Datetime.now()
                months = RETENTION_MONTHS_WITH_CONSENT
            else:
                start = registration.event_id.date_end or fields.Datetime.now()
                months = RETENTION_MONTHS_WITHOUT_CONSENT
            registration.retention_date = (start + relativedelta(months=months)).date()

    def _compute_forum_satisfaction_url(self):
        for registration in self:
            if isinstance(registration.id, int):
                registration.forum_satisfaction_url = (
                    f"{registration.get_base_url()}/forum/satisfaction/{registration.id}/"
                    f"{registration._forum_satisfaction_token()}"
                )
            else:
                registration.forum_satisfaction_url = False

    @api.constrains("wished_rome_codes")
    def _check_wished_rome_codes(self):
        for registration in self.filtered("wished_rome_codes"):
            wrong = [
                code
                for code in ROME_SPLIT_RE.split(registration.wished_rome_codes.strip())
                if code and not ROME_CODE_RE.match(code)
            ]
            if wrong:
                raise ValidationError(
                    self.env._(
                        "Wished jobs: %(codes)s is not a ROME code (one letter from A to N "
                        "followed by 4 digits, e.g. H2913).",
                        codes=", ".join(wrong),
                    )
                )

    @api.constrains("exhibitor_id", "event_id")
    def _check_exhibitor_event(self):
        for registration in self.filtered("exhibitor_id"):
            if registration.exhibitor_id.event_id != registration.event_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot be staff of %(company)s: this exhibitor belongs to "
                        "another forum.",
                        name=registration.name,
                        company=registration.exhibitor_id.name,
                    )
                )

    @api.model
    def _forum_normalise_vals(self, vals):
        if vals.get("wished_rome_codes"):
            vals["wished_rome_codes"] = " ".join(
                code
                for code in ROME_SPLIT_RE.split(vals["wished_rome_codes"].upper().strip())
                if code
            )
        if vals.get("consent") and not vals.get("consent_date"):
            vals["consent_date"] = fields.Datetime.now()
        if vals.get("exhibitor_id") and not vals.get("attendee_type"):
            vals["attendee_type"] = "exhibitor_staff"
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._forum_normalise_vals(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._forum_normalise_vals(vals))

    # ------------------------------------------------------------
    # Check-in desk
    # ------------------------------------------------------------

    @api.model
    def forum_desk_scan(
        self, event_id, barcode, scanned_at=None, scan_uuid=None, with_counters=False
    ):
        """Check in the badge ``barcode`` at the desk of ``event_id``.

        ``scan_uuid`` is the id the desk made for this scan: sending the same scan again
        (its answer was lost, the offline queue is replayed, twice or from two desks) gives
        the same answer and checks in, notifies and counts nothing more. ``scanned_at``
        (ISO 8601) is given when the desk replays a scan it queued during a network loss:
        the check-in keeps the time of the scan (within the last 24 hours).
        ``with_counters`` adds the desk's live counters (``forum_desk_counters``), counted
        after this scan, under ``counters``: the desk shows them without a second request.

        The badge is looked up within the event only (Odoo's ``register_attendee`` searches
        the badges of every event); another event's badge is told apart by a second lookup
        on the rare miss. Returns a dict whose ``status`` is one of the ``SCAN_*``
        constants (see ``_forum_desk_result``).
        """
        self.check_access("write")
        barcode = (barcode or "").strip()
        # No badge holds a NUL character, which PostgreSQL refuses in any query.
        if not barcode or "\x00" in barcode:
            result = self._forum_desk_result(
                SCAN_UNKNOWN_BADGE, barcode=barcode.replace("\x00", ""), scan_uuid=scan_uuid
            )
        else:
            result = self._forum_desk_locked_check_in(
                SQL("r.event_id = %s AND r.barcode = %s", event_id, barcode),
                barcode=barcode,
                scan_uuid=scan_uuid,
                checked_in_at=self._forum_desk_scan_time(scanned_at),
            )
        if with_counters:
            result["counters"] = self.forum_desk_counters(event_id)
        return result

    @api.model
    def forum_desk_check_in(self, event_id, registration_id, scan_uuid=None, with_counters=False):
        """Check in a registration picked by name at the desk (manual search)."""
        self.check_access("write")
        result = self._forum_desk_locked_check_in(
            SQL("r.event_id = %s AND r.id = %s", event_id, registration_id),
            scan_uuid=scan_uuid,
        )
        if with_counters:
            result["counters"] = self.forum_desk_counters(event_id)
        return result

    @api.model
    def _forum_desk_locked_check_in(self, where, barcode=None, scan_uuid=None, checked_in_at=None):
        """Lock the registration matching ``where``, then check it in.

        Two desks scanning the same badge at once: the row lock (``NOWAIT``) fails at
        once for the second, or fails to serialize when the first committed after this
        transaction began. Both are expected: the lock runs in a savepoint with
        ``log_exceptions=False`` (no "bad query" ERROR in the log), nothing was written,
        and the desk is told ``SCAN_RETRY``: its new attempt, in a new transaction, reads
        "already checked in". Once the row is locked, the writes cannot conflict.
        """
        cr = self.env.cr
        try:
            with cr.savepoint(flush=False):
                cr.execute(
                    SQL(
                        """SELECT r.id, r.forum_desk_scan_uuid FROM event_registration r
                            WHERE %s FOR NO KEY UPDATE NOWAIT""",
                        where,
                    ),
                    log_exceptions=False,
                )
                row = cr.fetchone()
        except DESK_CONFLICTS:
            return self._forum_desk_result(SCAN_RETRY, barcode=barcode, scan_uuid=scan_uuid)
        if not row:
            return self._forum_desk_miss(barcode, scan_uuid)
        registration = self.browse(row[0])
        if scan_uuid and row[1] == scan_uuid:
            # The scan that checked this person in, sent again: the same answer.
            return self._forum_desk_result(
                SCAN_WELCOME, registration=registration, barcode=barcode, scan_uuid=scan_uuid
            )
        return registration._forum_desk_check_in(checked_in_at, scan_uuid, barcode)

    @api.model
    def _forum_desk_miss(self, barcode, scan_uuid):
        status = SCAN_OTHER_EVENT
        if barcode:
            self.env.cr.execute(SQL("SELECT 1 FROM event_registration WHERE barcode = %s", barcode))
            status = SCAN_OTHER_EVENT if self.env.cr.fetchone() else SCAN_UNKNOWN_BADGE
        return self._forum_desk_result(status, barcode=barcode, scan_uuid=scan_uuid)

    @api.model
    def _forum_desk_scan_time(self, scanned_at):
        """UTC time of a replayed scan, or None (now) when absent, odd or out of range."""
        if not scanned_at:
            return None
        try:
            moment = datetime.fromisoformat(str(scanned_at).replace("Z", "+00:00"))
        except ValueError:
            return None
        if moment.tzinfo:
            moment = moment.astimezone(pytz.utc).replace(tzinfo=None)
        now = fields.Datetime.now()
        if not now - timedelta(hours=24) <= moment <= now:
            return None
        return moment.replace(microsecond=0)

    def _forum_desk_check_in(self, checked_in_at=None, scan_uuid=None, barcode=None):
        """Check in one locked registration; return the desk result."""
        self.ensure_one()
        self.check_access("write")
        if self.state == "cancel":
            return self._forum_desk_result(
                SCAN_CANCELLED, registration=self, barcode=barcode, scan_uuid=scan_uuid
            )
        if self.state == "done":
            return self._forum_desk_result(
                SCAN_ALREADY_CHECKED_IN, registration=self, barcode=barcode, scan_uuid=scan_uuid
            )
        try:
            # The check-in's side effects lock rows shared by several badges (the
            # exhibitor of two staff members scanned at two desks at once): a conflict
            # there undoes this scan alone, and the desk is told to send it again.
            with self.env.cr.savepoint(flush=False):
                self.with_context(**self._forum_desk_write_context()).write(
                    {
                        "state": "done",
                        "date_closed": checked_in_at or fields.Datetime.now(),
                        "forum_desk_scan_uuid": scan_uuid or False,
                        "forum_checked_in_by_id": self.env.uid,
                    }
                )
                self._forum_on_check_in()
                self.env.flush_all()
        except DESK_CONFLICTS:
            self.env.invalidate_all(flush=False)  # the cache holds what the savepoint undid
            return self._forum_desk_result(SCAN_RETRY, barcode=barcode, scan_uuid=scan_uuid)
        return self._forum_desk_result(
            SCAN_WELCOME, registration=self, barcode=barcode, scan_uuid=scan_uuid
        )

    @api.model
    def _forum_desk_write_context(self):
        """Context of the check-in's write: no chatter line, and event_crm's lead rules
        skipped when none applies.

        The check-in is recorded on the registration itself (time, desk user, scan id),
        where the forum's statistics read it; the tracking message of the state ("Status:
        Registered -> Attended") would more than double the server time of a scan (its
        message, tracking value and followers' lookup) during the opening rush, for a line
        nobody reads on the chatter of 3,000 visitors.

        event_crm (installed with crm) runs the lead rules triggered by attendance at every
        check-in. With none defined, it still creates an empty batch of leads, and
        crm_iap_enrich answers any lead creation by waking its enrichment cron: at every
        scan, a cron trigger row, a new PostgreSQL connection to notify the cron service
        and a wake-up of that service, for nothing. When the desk user sees no such rule
        (the very search event_crm makes), ``event_lead_rule_skip`` skips the step; the
        rest of what it skips has nothing to do on a check-in, which changes none of the
        fields that update leads (name, email, phone, partner).
        """
        context = {"mail_notrack": True}
        if "event.lead.rule" in self.env and not self.env["event.lead.rule"].search_count(
            [("lead_creation_trigger", "=", "done")], limit=1
        ):
            context["event_lead_rule_skip"] = True
        return context

    def _forum_on_check_in(self):
        """Hook called once per registration right after it is checked in at the desk.

        When accompagnement_entreprise is installed (a soft dependency: no manifest link),
        the check-in of an exhibitor's staff schedules an activity on the open support cases
        of that company for their advisors. Costs no query for candidates and visitors: the
        exhibitor is already in the cache of the checked-in registration.
        """
        staff = self.filtered("exhibitor_id")
        if staff and "support.case" in self.env:
            staff.exhibitor_id._forum_notify_case_advisors()
        return True

    @api.model
    def _forum_desk_result(self, status, registration=None, barcode=None, scan_uuid=None):
        """The answer of the desk API, a dict of JSON values:

        ``status`` (a ``SCAN_*`` constant), ``message`` (translated, for the screen),
        ``scan_uuid`` (echoed), ``barcode``, then, when a registration was found:
        ``registration_id``, ``name``, ``company``, ``attendee_type`` and
        ``checked_in_at`` ("HH:MM" in the forum's timezone); False otherwise.
        """
        messages = {
            SCAN_WELCOME: self.env._("Welcome!"),
            SCAN_ALREADY_CHECKED_IN: self.env._("Already checked in"),
            SCAN_UNKNOWN_BADGE: self.env._("Unknown badge"),
            SCAN_OTHER_EVENT: self.env._("Badge of another event"),
            SCAN_CANCELLED: self.env._("Registration cancelled"),
            SCAN_RETRY: self.env._("Another desk is checking this badge in: scan again"),
        }
        result = {
            "status": status,
            "message": messages[status],
            "scan_uuid": scan_uuid or False,
            "barcode": barcode or (registration.barcode if registration else False),
            "registration_id": False,
            "name": False,
            "company": False,
            "attendee_type": False,
            "checked_in_at": False,
        }
        if registration:
            checked_in_at = False
            if registration.date_closed:
                tz = pytz.timezone(registration.event_id.date_tz or "Europe/Paris")
                checked_in_at = (
                    pytz.utc.localize(registration.date_closed).astimezone(tz).strftime("%H:%M")
                )
            result.update(
                registration_id=registration.id,
                name=registration.name,
                company=registration.exhibitor_id.name or registration.company_name or False,
                attendee_type=registration.attendee_type,
                checked_in_at=checked_in_at,
            )
            if status == SCAN_ALREADY_CHECKED_IN:
                result["message"] = self.env._("Already checked in at %(time)s", time=checked_in_at)
        return result

    @api.model
    def forum_desk_search(self, event_id, term, limit=8):
        """Registrations of the event whose name, email or badge matches ``term``."""
        term = (term or "").strip()
        if len(term) < 2 or "\x00" in term:
            return []
        registrations = self.search(
            [
                ("event_id", "=", event_id),
                "|",
                "|",
                ("name", "ilike", term),
                ("email", "ilike", term),
                ("barcode", "=", term),
            ],
            limit=limit,
            order="name, id",
        )
        return registrations.read(["name", "email", "state", "attendee_type", "company_name"])

    @api.model
    def forum_desk_walk_in(self, event_id, values):
        """Register and check in a person who arrives without registration."""
        name = (values.get("name") or "").strip()
        if not name:
            raise UserError(self.env._("Enter the name of the person."))
        email = (values.get("email") or "").strip()
        if email and not email_normalize(email):
            raise UserError(self.env._("The email address %(email)s is not valid.", email=email))
        attendee_type = values.get("attendee_type") or "candidate"
        vals = {
            "event_id": event_id,
            "name": name,
            "email": email or False,
            "phone": (values.get("phone") or "").strip() or False,
            "attendee_type": attendee_type,
            "wished_rome_codes": values.get("wished_rome_codes") or False,
            "referral": values.get("referral") or False,
            "consent": bool(values.get("consent")),
            "exhibitor_id": values.get("exhibitor_id") or False,
            "is_walk_in": True,
            "state": "done",
            "date_closed": fields.Datetime.now(),
            "forum_checked_in_by_id": self.env.uid,
        }
        registration = self.create(vals)
        registration._forum_on_check_in()
        # The PDF is rendered by a background job: the desk does not wait for it.
        registration._forum_queue_badges()
        result = self._forum_desk_result(SCAN_WELCOME, registration=registration)
        result["barcode"] = registration.barcode
        return result

    @api.model
    def forum_desk_counters(self, event_id):
        """Live counters of the desk: expected, present, walk-ins, staff and arrivals/hour."""
        event = self.env["event.event"].browse(event_id)
        counts = dict.fromkeys(("expected", "present", "walk_ins", "staff_present"), 0)
        for state, is_walk_in, attendee_type, count in self._read_group(
            [("event_id", "=", event_id), ("state", "in", ("draft", "open", "done"))],
            ["state", "is_walk_in", "attendee_type"],
            ["__count"],
        ):
            counts["expected"] += count
            if state == "done":
                counts["present"] += count
                if attendee_type == "exhibitor_staff":
                    counts["staff_present"] += count
            if is_walk_in:
                counts["walk_ins"] += count
        per_hour = self.with_context(tz=event.date_tz or "Europe/Paris")._read_group(
            [("event_id", "=", event_id), ("state", "=", "done")],
            ["date_closed:hour"],
            ["__count"],
        )
        counts["per_hour"] = [[hour.strftime("%H:00"), count] for hour, count in per_hour if hour]
        return counts

    def action_send_forum_badge(self):
        """Email each registration its forum badge (PDF with the QR code)."""
        template = self.env.ref("forum_emploi.mail_template_forum_badge")
        for registration in self.filtered("email"):
            registration.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment", email_layout_xmlid=False
            )
        return True

    def _forum_queue_badges(self):
        """Have the badges of these registrations emailed by the background job.

        The request that registers people (public page, desk walk-in) never renders a PDF:
        it flags them and wakes the job up, which sends them in batches.
        """
        to_send = self.filtered("email")
        if to_send:
            to_send.forum_badge_pending = True
            self.env.ref("forum_emploi.ir_cron_send_pending_badges").sudo()._trigger()
        return to_send

    @api.model
    def _cron_send_pending_badges(self, batch_size=50):
        """Queue the badge email (PDF attached) of the registrations flagged for it.

        One batch per call: the cron runner calls again, committing in between, while the
        progress it is told about says that registrations remain.
        """
        domain = [("forum_badge_pending", "=", True)]
        registrations = self.search(domain, limit=batch_size, order="id")
        template = self.env.ref("forum_emploi.mail_template_forum_badge")
        with_email = registrations.filtered("email")
        if with_email:
            template.send_mail_batch(with_email.ids, force_send=False)
        registrations.forum_badge_pending = False
        remaining = self.search_count(domain) if len(registrations) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(registrations), remaining=remaining)
        return registrations

    # ------------------------------------------------------------
    # Satisfaction survey
    # ------------------------------------------------------------

    def _forum_satisfaction_token(self):
        """Secret of the visitor's survey link: an HMAC of the registration keyed on the
        database secret, so that a badge can print it without writing anything."""
        self.ensure_one()
        return hmac(self.env, "forum_emploi.satisfaction", self.id)

    @api.model
    def _forum_satisfaction_registration(self, registration_id, token):
        """The registration whose survey link is (registration_id, token), or nothing."""
        registration = self.sudo().search(
            [
                ("id", "=", registration_id),
                ("event_id.event_type_id.is_job_forum", "=", True),
                ("attendee_type", "in", ("candidate", "visitor")),
                ("state", "!=", "cancel"),
                ("anonymised", "=", False),
            ]
        )
        if not registration or not consteq(registration._forum_satisfaction_token(), token or ""):
            return self.browse()
        return registration

    # ------------------------------------------------------------
    # Public registration page
    # ------------------------------------------------------------

    @api.model
    def _forum_ip_hash(self, address):
        """Keyed hash of a client address: counts registrations without storing the IP."""
        return hmac(self.env(su=True), "forum_emploi.registration_ip", address or "")

    @api.model
    def _forum_registration_rate_limited(self, ip_hash):
        """Whether the address of ``ip_hash`` used up its registrations of the window.

        Counted in the database so that every worker and node shares the count; an
        advisory lock on the address makes its concurrent requests wait for each other.
        """
        self.env.cr.execute(
            SQL("SELECT pg_advisory_xact_lock(hashtext(%s))", f"forum_emploi.ip.{ip_hash}")
        )
        limit = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("forum_emploi.registration_rate_limit", REGISTRATION_RATE_LIMIT)
        )
        since = fields.Datetime.now() - REGISTRATION_RATE_WINDOW
        count = (
            self.sudo()
            .with_context(active_test=False)
            .search_count([("forum_ip_hash", "=", ip_hash), ("create_date", ">=", since)])
        )
        return count >= limit

    # ------------------------------------------------------------
    # Personal data
    # ------------------------------------------------------------

    @api.model
    def _cron_anonymise_expired(self, batch_size=500):
        """Anonymise candidates and visitors whose retention date has passed."""
        registrations = self.search(
            [
                ("anonymised", "=", False),
                ("attendee_type", "in", ("candidate", "visitor")),
                ("retention_date", "<", fields.Date.context_today(self)),
            ],
            limit=batch_size,
        )
        registrations._forum_anonymise()
        # The address hashes only serve the rate limit of the last minutes: keep one day.
        self.sudo().search(
            [
                ("forum_ip_hash", "!=", False),
                ("create_date", "<", fields.Datetime.now() - timedelta(days=1)),
            ]
        ).forum_ip_hash = False
        return registrations

    def _forum_anonymise(self):
        if not self:
            return
        # Tracking values and messages hold the old names and emails: drop them too.
        self.env["mail.message"].sudo().search(
            [("model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()
        self.with_context(tracking_disable=True).write(
            {
                "name": self.env._("Anonymised"),
                "email": False,
                "phone": False,
                "company_name": False,
                "partner_id": False,
                "registration_properties": False,
                "forum_ip_hash": False,
                "anonymised": True,
            }
        )
        self.registration_answer_ids.sudo().unlink()
        self.env["forum.satisfaction"].sudo().search(
            [("registration_id", "in", self.ids), ("comment", "!=", False)]
        ).comment = False

    # ------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------

    @api.model
    def _forum_demo_candidates(self, event_id, count):
        """Create ``count`` pre-registered candidates on a demo forum (idempotent)."""
        existing = self.search_count(
            [("event_id", "=", event_id), ("attendee_type", "=", "candidate")]
        )
        first_names = [
            "Camille",
            "Léa",
            "Manon",
            "Chloé",
            "Inès",
            "Julie",
            "Sarah",
            "Emma",
            "Lucas",
            "Hugo",
            "Théo",
            "Nathan",
            "Louis",
            "Enzo",
            "Mathis",
            "Karim",
            "Yanis",
            "Nadia",
        ]
        last_names = [
            "Bourgeois",
            "Cuenot",
            "Faivre",
            "Girardot",
            "Jacquet",
            "Mougin",
            "Pourcelot",
            "Roy",
            "Tissot",
            "Vuillemin",
            "Bole",
            "Cupillard",
            "Droz",
            "Guyon",
            "Marguet",
        ]
        wished = ["H2903", "H2909", "H2502", "N4101", "H2102", "N1103", "K2204", "D1106"]
        referrals = ["france_travail", "mission_locale", "cap_emploi", False]
        vals_list = []
        for index in range(existing, count):
            first = first_names[index % len(first_names)]
            last = last_names[(index // len(first_names)) % len(last_names)]
            vals_list.append(
                {
                    "event_id": event_id,
                    "name": f"{first} {last}",
                    "email": f"{first.lower()}.{last.lower()}.{index}@example.com",
                    "attendee_type": "candidate",
                    "wished_rome_codes": " ".join(wished[index % 8 : index % 8 + 1 + index % 2]),
                    "referral": referrals[index % len(referrals)],
                    "consent": index % 3 != 0,
                }
            )
        return self.with_context(tracking_disable=True).create(vals_list)

    @api.model
    def _forum_demo_attendance(self, event_id):
        """Check in most registrations of a past demo forum, at times spread over the
        morning with a rush at the opening, and add a few walk-ins (idempotent)."""
        event = self.env["event.event"].browse(event_id)
        if self.search_count([("event_id", "=", event_id), ("state", "=", "done")], limit=1):
            return self
        registrations = self.search(
            [("event_id", "=", event_id), ("state", "!=", "cancel")], order="id"
        )
        staff = registrations.filtered(lambda r: r.attendee_type == "exhibitor_staff")
        staff.write({"state": "done", "date_closed": event.date_begin})
        # Seven candidates in eight came.
        candidates = self.browse(
            [r.id for index, r in enumerate(registrations - staff) if index % 8 != 7]
        )
        minutes = (event.date_end - event.date_begin).total_seconds() / 60 * 0.8
        for index, registration in enumerate(candidates):
            # Squared: most visitors arrive in the first hour.
            offset = minutes * (index / len(candidates)) ** 2
            registration.write(
                {
                    "state": "done",
                    "date_closed": event.date_begin + timedelta(minutes=int(offset) + 5),
                }
            )
        walk_ins = [
            ("Jordan Vermot", "H2903"),
            ("Élise Bôle", "H2502"),
            ("Maxime Tissot", "N4101"),
        ]
        self.with_context(tracking_disable=True).create(
            [
                {
                    "event_id": event_id,
                    "name": name,
                    "attendee_type": "candidate",
                    "wished_rome_codes": rome,
                    "is_walk_in": True,
                    "state": "done",
                    "date_closed": event.date_begin + timedelta(minutes=50 + 35 * index),
                }
                for index, (name, rome) in enumerate(walk_ins)
            ]
        )
        return staff | candidates
