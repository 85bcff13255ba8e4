import re

from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.tools import consteq, email_normalize

# Limits of the public forms: a whole request body, and each field of the registration.
MAX_BODY_BYTES = 16 * 1024
FIELD_MAX_LENGTHS = {"name": 128, "email": 254, "phone": 32, "wished_rome_codes": 200}
# Hidden from people (CSS, no tab stop, no autofill): only robots fill it in.
HONEYPOT_FIELD = "company_website"
MAX_HIRES = 9999
# One-line fields: no control character (a NUL is even refused by PostgreSQL).
CONTROL_CHARACTERS_RE = re.compile(r"[\x00-\x1f\x7f]")
# A phone number as people write it: digits, spaces, dots, dashes, brackets, a leading +.
PHONE_RE = re.compile(r"^\+?[0-9 .()/-]{6,}$")


def _refuse_big_body():
    """A plain 413 when the request body is over MAX_BODY_BYTES, else None."""
    length = request.httprequest.content_length
    if length is None:
        length = sum(len(str(value)) for value in request.params.values())
    if length <= MAX_BODY_BYTES:
        return None
    return request.make_response(
        request.env._(
            "The form sent is too large: %(max)s KB at most.", max=MAX_BODY_BYTES // 1024
        ),
        headers=[("Content-Type", "text/plain; charset=utf-8")],
        status=413,
    )


class ForumPublic(http.Controller):
    """Light public pages of a job forum (no website module): its offers and registration."""

    def _open_forum(self, event_id):
        # A public visitor may only reach a job forum that has not ended yet: the record is
        # found by a search on these public criteria, never browsed blindly from the id.
        return (
            request.env["event.event"]
            .sudo()
            .search(
                [
                    ("id", "=", event_id),
                    ("event_type_id.is_job_forum", "=", True),
                    ("date_end", ">=", fields.Datetime.now()),
                ],
                limit=1,
            )
        )

    @staticmethod
    def _set_lang():
        installed = [code for code, _name in request.env["res.lang"].get_installed()]
        lang = request.httprequest.accept_languages.best_match(
            [code.replace("_", "-") for code in installed]
        )
        if lang:
            request.update_context(lang=lang.replace("-", "_"))

    @http.route("/forum/<int:event_id>/offers", type="http", auth="public", methods=["GET"])
    def forum_offers(self, event_id, **kwargs):
        self._set_lang()
        forum = self._open_forum(event_id)
        if not forum:
            raise request.not_found()
        return request.render(
            "forum_emploi.public_offers_page",
            {"forum": forum, "offers": forum.forum_offer_ids},
        )

    @http.route(
        "/forum/<int:event_id>/register", type="http", auth="public", methods=["GET", "POST"]
    )
    def forum_register(self, event_id, **post):
        self._set_lang()
        forum = self._open_forum(event_id)
        if not forum:
            raise request.not_found()
        if request.httprequest.method != "POST":
            # Never echo a query string: no personal data travels in URLs.
            values = {"forum": forum, "errors": [], "post": {}, "registration": False}
            return request.render("forum_emploi.public_register_page", values)
        refused = _refuse_big_body()
        if refused:
            return refused
        values = {"forum": forum, "errors": [], "post": post, "registration": False}
        _ = request.env._
        if post.get(HONEYPOT_FIELD):
            values["errors"] = [_("Registration refused: a field that must stay empty was filled.")]
            return request.render("forum_emploi.public_register_page", values, status=400)
        Registration = request.env["event.registration"].sudo()
        ip_hash = Registration._forum_ip_hash(request.httprequest.remote_addr)
        if Registration._forum_registration_rate_limited(ip_hash):
            values["errors"] = [
                _(
                    "Too many registrations from your connection in the last minutes. "
                    "Please try again in 10 minutes."
                )
            ]
            return request.render("forum_emploi.public_register_page", values, status=429)
        errors, vals = self._validate_registration(forum, post)
        if errors:
            values["errors"] = errors
        else:
            registration = Registration.create({**vals, "forum_ip_hash": ip_hash})
            registration._forum_queue_badges()
            values["registration"] = registration
        return request.render("forum_emploi.public_register_page", values)

    def _validate_registration(self, forum, post):
        _ = request.env._
        errors = []
        labels = {
            "name": _("Your name"),
            "email": _("Your email"),
            "phone": _("Your phone"),
            "wished_rome_codes": _("Your wished jobs"),
        }
        for field, max_length in FIELD_MAX_LENGTHS.items():
            if len(post.get(field) or "") > max_length:
                errors.append(
                    _(
                        "%(field)s: %(max)s characters at most.",
                        field=labels[field],
                        max=max_length,
                    )
                )
            elif CONTROL_CHARACTERS_RE.search(post.get(field) or ""):
                errors.append(
                    _(
                        "%(field)s: remove the invisible characters it holds.",
                        field=labels[field],
                    )
                )
        if errors:
            return errors, {}
        name = (post.get("name") or "").strip()
        email = email_normalize((post.get("email") or "").strip())
        if not name:
            errors.append(_("Enter your first and last name."))
        if not email:
            errors.append(_("Enter a valid email address."))
        elif (
            request.env["event.registration"]
            .sudo()
            .search_count(
                [("event_id", "=", forum.id), ("email", "=", email), ("state", "!=", "cancel")],
                limit=1,
            )
        ):
            errors.append(_("This email address is already registered for this forum."))
        phone = (post.get("phone") or "").strip()
        if phone and not (PHONE_RE.match(phone) and sum(c.isdigit() for c in phone) >= 6):
            errors.append(_("Enter a valid phone number, e.g. 03 81 00 00 00."))
        referral = post.get("referral") or False
        if referral not in (False, "france_travail", "mission_locale", "cap_emploi", "other"):
            errors.append(_("Choose who referred you from the list."))
        if not post.get("consent"):
            errors.append(
                _("Tick the box to agree that the organisers keep your data for the forum.")
            )
        vals = {
            "event_id": forum.id,
            "name": name,
            "email": email,
            "phone": phone or False,
            "attendee_type": "candidate",
            "wished_rome_codes": (post.get("wished_rome_codes") or "").strip() or False,
            "referral": referral,
            "consent": bool(post.get("consent")),
        }
        if not errors and vals["wished_rome_codes"]:
            try:
                Registration = request.env["event.registration"]
                vals = Registration._forum_normalise_vals(vals)
                Registration.new(vals)._check_wished_rome_codes()
            except ValidationError as error:
                errors.append(error.args[0])
        return errors, vals


class ForumOutcome(http.Controller):
    """The recruiters' questionnaire on hires: a tokenised form, one per exhibitor."""

    def _exhibitor(self, exhibitor_id, token):
        exhibitor = request.env["forum.exhibitor"].sudo().search([("id", "=", exhibitor_id)])
        if (
            not exhibitor
            or not exhibitor.outcome_token
            or not consteq(exhibitor.outcome_token, token)
        ):
            raise request.not_found()
        return exhibitor

    @http.route(
        "/forum/outcome/<int:exhibitor_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
    )
    def forum_outcome(self, exhibitor_id, token, **post):
        ForumPublic._set_lang()
        exhibitor = self._exhibitor(exhibitor_id, token)
        values = {"exhibitor": exhibitor, "token": token, "errors": [], "saved": False}
        if request.httprequest.method == "POST":
            refused = _refuse_big_body()
            if refused:
                return refused
            hires = {}
            for offer in exhibitor.offer_ids:
                raw = (post.get(f"hires_{offer.id}") or "0").strip()
                if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_HIRES:
                    values["errors"].append(
                        request.env._(
                            "%(offer)s: enter a whole number of hires (0 or more).",
                            offer=offer.name,
                        )
                    )
                else:
                    hires[offer] = int(raw)
            if not values["errors"]:
                for offer, count in hires.items():
                    offer.hires_reported = count
                values["saved"] = True
        return request.render("forum_emploi.public_outcome_page", values)


class ForumSatisfaction(http.Controller):
    """The visitors' satisfaction survey at the exit: a tokenised form, one per visitor."""

    @http.route(
        "/forum/satisfaction/<int:registration_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
    )
    def forum_satisfaction(self, registration_id, token, **post):
        ForumPublic._set_lang()
        registration = request.env["event.registration"]._forum_satisfaction_registration(
            registration_id, token
        )
        if not registration:
            raise request.not_found()
        forum = registration.event_id
        answer = (
            request.env["forum.satisfaction"]
            .sudo()
            .search([("registration_id", "=", registration.id)])
        )
        values = {
            "registration": registration,
            "forum": forum,
            "answer": answer,
            "post": post,
            "errors": [],
            "saved": False,
            "closed": fields.Datetime.now() > forum._forum_satisfaction_deadline(),
        }
        if request.httprequest.method == "POST" and not values["closed"]:
            refused = _refuse_big_body()
            if refused:
                return refused
            errors, vals = self._validate_satisfaction(post)
            if errors:
                values["errors"] = errors
            else:
                vals["answer_date"] = fields.Datetime.now()
                if answer:
                    answer.write(vals)
                else:
                    values["answer"] = answer.create({**vals, "registration_id": registration.id})
                values["saved"] = True
        return request.render("forum_emploi.public_satisfaction_page", values)

    @staticmethod
    def _validate_satisfaction(post):
        _ = request.env._
        errors = []
        rating = (post.get("rating") or "").strip()
        if rating not in ("1", "2", "3", "4", "5"):
            errors.append(_("Choose your overall satisfaction, from 1 to 5."))
        counts = {}
        for field, label in (
            ("useful_contacts", _("Useful contacts")),
            ("interviews_obtained", _("Interviews obtained")),
        ):
            raw = (post.get(field) or "0").strip()
            if not (raw.isascii() and raw.isdigit()) or int(raw) > 999:
                errors.append(_("%(label)s: enter a whole number (0 or more).", label=label))
            else:
                counts[field] = int(raw)
        comment = (post.get("comment") or "").strip()
        if len(comment) > 2000:
            errors.append(_("Your comment is too long: 2,000 characters at most."))
        vals = {"comment": comment or False, **counts}
        if not errors:
            vals["rating"] = int(rating)
        return errors, vals
