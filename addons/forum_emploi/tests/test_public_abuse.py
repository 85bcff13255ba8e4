import re
from pathlib import Path
from unittest.mock import patch

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged
from odoo.tools import config, mute_logger

from ..controllers.main import HONEYPOT_FIELD

SUITE_MODULES = ("territoire_industrie", "accompagnement_entreprise", "forum_emploi")
SCRIPT = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert("


@tagged("post_install", "-at_install")
class TestPublicPagesUnderAbuse(HttpCase):
    """The public pages as a robot hits them: plain HTTP requests, no browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(["forum_emploi"], ["fr_FR"])
        forum_type = cls.env.ref("forum_emploi.event_type_job_forum")
        cls.forum, cls.other_forum = cls.env["event.event"].create(
            [
                {
                    "name": name,
                    "event_type_id": forum_type.id,
                    "date_begin": "2099-03-14 08:00:00",
                    "date_end": "2099-03-14 16:00:00",
                    "event_mail_ids": [(5, 0, 0)],
                }
                for name in ("Forum public", "Autre forum")
            ]
        )
        company = cls.env["res.partner"].create({"name": f"Scierie {SCRIPT}", "is_company": True})
        cls.exhibitor, cls.other_exhibitor = cls.env["forum.exhibitor"].create(
            [
                {"event_id": cls.forum.id, "partner_id": company.id},
                {"event_id": cls.other_forum.id, "partner_id": company.id},
            ]
        )
        cls.offer = cls.env["forum.job.offer"].create(
            {"exhibitor_id": cls.exhibitor.id, "name": f"Scieur {SCRIPT}", "rome_code": "H2202"}
        )
        cls.visitor, cls.other_visitor = cls.env["event.registration"].create(
            [
                {"event_id": cls.forum.id, "name": "Léa Faivre", "email": "lea@example.com"},
                {"event_id": cls.other_forum.id, "name": "Inès Roy", "email": "ines@example.com"},
            ]
        )

    def setUp(self):
        super().setUp()
        self.french = {"Accept-Language": "fr-FR,fr;q=0.9"}

    # helpers ----------------------------------------------------------------

    def csrf_token(self, path):
        page = self.url_open(path, headers=self.french)
        self.assertEqual(page.status_code, 200, path)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def post(self, path, data, token=True, headers=None):
        if token:
            data = {"csrf_token": self.csrf_token(path), **data}
        return self.url_open(path, data=data, headers={**self.french, **(headers or {})})

    def register(self, headers=None, **data):
        path = f"/forum/{self.forum.id}/register"
        return self.post(path, {"consent": "1", **data}, headers=headers)

    def registrations(self):
        return self.env["event.registration"].search_count(
            [("event_id", "in", (self.forum | self.other_forum).ids)]
        )

    def satisfaction_path(self, registration):
        return registration.forum_satisfaction_url.split("/", 3)[3]

    # CSRF -------------------------------------------------------------------

    def test_every_public_post_route_keeps_csrf(self):
        """No public route of ours accepts a POST without Odoo's CSRF check."""
        checked = []
        for rule in self.env["ir.http"].routing_map().iter_rules():
            module = rule.endpoint.__module__.split(".")
            if module[:2] != ["odoo", "addons"] or module[2] not in SUITE_MODULES:
                continue
            routing = rule.endpoint.routing
            if routing["auth"] not in ("public", "none"):
                continue
            methods = routing.get("methods") or ["POST"]
            if "POST" in methods:
                checked.append(rule.rule)
                self.assertEqual(routing["type"], "http", rule.rule)
                self.assertIsNot(routing.get("csrf", True), False, rule.rule)
        self.assertEqual(len(checked), 3, checked)
        for path in (
            f"/forum/{self.forum.id}/register",
            self.exhibitor._forum_outcome_url().split("/", 3)[3],
            self.satisfaction_path(self.visitor),
        ):
            self.assertIn('name="csrf_token"', self.url_open("/" + path.lstrip("/")).text)

    @mute_logger("odoo.http")
    def test_post_without_or_with_a_wrong_csrf_token_writes_nothing(self):
        before = self.registrations()
        outcome = self.exhibitor._forum_outcome_url().split("/", 3)[3]
        survey = "/" + self.satisfaction_path(self.visitor)
        for path, data in (
            (f"/forum/{self.forum.id}/register", {"name": "Bot", "email": "bot@example.com"}),
            ("/" + outcome, {f"hires_{self.offer.id}": "3"}),
            (survey, {"rating": "5"}),
        ):
            for token in ({}, {"csrf_token": "forged"}):
                response = self.url_open(path, data={**data, **token})
                self.assertEqual(response.status_code, 400, path)
        self.assertEqual(self.registrations(), before)
        self.assertEqual(self.offer.hires_reported, 0)
        self.assertFalse(
            self.env["forum.satisfaction"].search([("registration_id", "=", self.visitor.id)])
        )

    # Honeypot, rate limit, sizes ---------------------------------------------

    def test_filled_honeypot_is_refused_in_french(self):
        page = self.url_open(f"/forum/{self.forum.id}/register").text
        self.assertIn(f'name="{HONEYPOT_FIELD}"', page)
        before = self.registrations()
        response = self.register(
            name="Robot", email="robot@example.com", **{HONEYPOT_FIELD: "http://spam.example"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Inscription refusée", response.text)
        self.assertEqual(self.registrations(), before)

    def test_thirty_registrations_from_one_address(self):
        before = self.registrations()
        statuses = [
            self.register(name=f"Candidat {n}", email=f"c{n}@example.com").status_code
            for n in range(30)
        ]
        self.assertEqual(statuses, [200] * 5 + [429] * 25)
        self.assertEqual(self.registrations(), before + 5)
        refused = self.register(name="Candidat 31", email="c31@example.com")
        self.assertEqual(refused.status_code, 429)
        self.assertIn("inscriptions depuis votre connexion ces dernières minutes", refused.text)
        # The count is in the database, by a keyed hash: never the address itself.
        stored = (
            self.env["event.registration"]
            .search([("event_id", "=", self.forum.id), ("email", "like", "@example.com")])
            .mapped("forum_ip_hash")
        )
        expected = self.env["event.registration"]._forum_ip_hash("127.0.0.1")
        self.assertEqual(stored.count(expected), 5)
        self.assertNotIn("127.0.0.1", expected)
        # Behind a proxy (proxy_mode), each client address has its own count.
        with patch.dict(config.options, {"proxy_mode": True}):
            other = self.register(
                name="Candidate derrière le proxy",
                email="proxy@example.com",
                headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Host": "forum.example"},
            )
        self.assertEqual(other.status_code, 200)
        self.assertEqual(self.registrations(), before + 6)
        self.assertTrue(
            self.env["event.registration"].search_count(
                [
                    ("email", "=", "proxy@example.com"),
                    (
                        "forum_ip_hash",
                        "=",
                        self.env["event.registration"]._forum_ip_hash("203.0.113.7"),
                    ),
                ]
            )
        )

    def test_old_address_hashes_are_dropped_by_the_daily_cron(self):
        self.register(name="Camille Roy", email="camille@example.com")
        registration = self.env["event.registration"].search(
            [("email", "=", "camille@example.com")]
        )
        self.assertTrue(registration.forum_ip_hash)
        self.env.cr.execute(
            "UPDATE event_registration SET create_date = now() - interval '2 days' WHERE id = %s",
            [registration.id],
        )
        self.env["event.registration"]._cron_anonymise_expired()
        registration.invalidate_recordset()
        self.assertFalse(registration.forum_ip_hash)
        self.assertFalse(registration.anonymised, "the registration itself stays")

    def test_oversized_fields_and_bodies_write_nothing(self):
        before = self.registrations()
        too_long = self.register(name="A" * 300, email="long@example.com")
        self.assertEqual(too_long.status_code, 200)
        self.assertIn("128 caractères au maximum", too_long.text)
        for field in ("email", "phone", "wished_rome_codes"):
            data = {"name": "Zoé", "email": "zoe@example.com", field: "1" * 300}
            response = self.register(**data)
            self.assertIn("caractères au maximum", response.text, field)
        huge = self.register(name="A" * 100_000, email="huge@example.com")
        self.assertEqual(huge.status_code, 413)
        self.assertIn("Le formulaire envoyé est trop volumineux", huge.text)
        self.assertNotIn("AAAAAAAAAA", huge.text)
        survey = self.post(
            "/" + self.satisfaction_path(self.visitor), {"rating": "4", "comment": "x" * 100_000}
        )
        self.assertEqual(survey.status_code, 413)
        outcome = self.post(
            "/" + self.exhibitor._forum_outcome_url().split("/", 3)[3],
            {f"hires_{self.offer.id}": "1" * 100_000},
        )
        self.assertEqual(outcome.status_code, 413)
        self.assertEqual(self.registrations(), before)
        self.assertEqual(self.offer.hires_reported, 0)
        self.assertFalse(
            self.env["forum.satisfaction"].search([("registration_id", "=", self.visitor.id)])
        )

    def test_numbers_out_of_range_are_refused_in_french(self):
        outcome = "/" + self.exhibitor._forum_outcome_url().split("/", 3)[3]
        for raw in ("²", "99999999999999999999", "-1", "1e3"):
            response = self.post(outcome, {f"hires_{self.offer.id}": raw})
            self.assertEqual(response.status_code, 200, raw)
            self.assertIn("nombre entier", response.text, raw)
        self.assertEqual(self.offer.hires_reported, 0)
        survey = "/" + self.satisfaction_path(self.visitor)
        response = self.post(survey, {"rating": "5", "useful_contacts": "³"})
        self.assertIn("nombre entier", response.text)
        self.assertFalse(
            self.env["forum.satisfaction"].search([("registration_id", "=", self.visitor.id)])
        )

    # Escaping ---------------------------------------------------------------

    def test_script_in_names_comes_back_escaped(self):
        offers = self.url_open(f"/forum/{self.forum.id}/offers").text
        self.assertIn(ESCAPED, offers)
        self.assertNotIn(SCRIPT, offers)
        # Re-displayed in the form after an error.
        refused = self.register(name=SCRIPT, email="pas-un-email", wished_rome_codes=SCRIPT)
        self.assertIn("Saisissez une adresse e-mail valide", refused.text)
        self.assertNotIn(SCRIPT, refused.text)
        self.assertNotIn("<script>alert", refused.text)
        # Registered, then shown on the badge, in the badge email and in the survey.
        response = self.register(name=SCRIPT, email="script@example.com")
        self.assertEqual(response.status_code, 200)
        registration = self.env["event.registration"].search([("email", "=", "script@example.com")])
        self.assertEqual(registration.name, SCRIPT)
        badge = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "forum_emploi.action_report_forum_badge", registration.ids
            )[0]
        )
        self.assertIn(ESCAPED, badge)
        self.assertNotIn(SCRIPT, badge)
        # The badge email goes out from the cron (never in the public request).
        self.assertTrue(registration.forum_badge_pending)
        self.env["event.registration"]._cron_send_pending_badges()
        mail = self.env["mail.mail"].search(
            [("model", "=", "event.registration"), ("res_id", "=", registration.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertTrue(mail.attachment_ids, "the badge PDF is attached")
        self.assertIn(ESCAPED, str(mail.body_html))
        self.assertNotIn(SCRIPT, str(mail.body_html))
        survey = self.url_open("/" + self.satisfaction_path(registration)).text
        self.assertNotIn("<script>alert", survey)

    def test_stand_screen_and_desk_templates_never_render_markup(self):
        """The OWL screens escape what they show: no t-out of markup, no t-raw."""
        src = Path(get_module_path("forum_emploi")) / "static" / "src"
        templates = list(src.rglob("*.xml"))
        self.assertTrue(templates)
        for path in templates:
            text = path.read_text()
            self.assertNotRegex(text, r"t-raw=|t-out=", path.name)
        for path in src.rglob("*.js"):
            self.assertNotRegex(path.read_text(), r"\bmarkup\(|innerHTML", path.name)

    # Enumeration and personal data ----------------------------------------------

    def test_no_enumeration_by_id(self):
        """Ids counted upward with a wrong or another one's token: one and the same 404."""
        wrong = "0" * 64
        bodies = set()
        for registration_id in range(self.visitor.id - 3, self.other_visitor.id + 4):
            response = self.url_open(f"/forum/satisfaction/{registration_id}/{wrong}")
            self.assertEqual(response.status_code, 404)
            bodies.add(response.text.replace(str(registration_id), "ID"))
        self.assertEqual(len(bodies), 1, "an existing id answers like a missing one")
        other_token = self.other_visitor._forum_satisfaction_token()
        self.assertEqual(
            self.url_open(f"/forum/satisfaction/{self.visitor.id}/{other_token}").status_code, 404
        )
        other_outcome = self.other_exhibitor._forum_outcome_url().rsplit("/", 1)[1]
        self.assertEqual(
            self.url_open(f"/forum/outcome/{self.exhibitor.id}/{other_outcome}").status_code, 404
        )
        self.assertEqual(self.url_open(f"/forum/outcome/{self.exhibitor.id}/").status_code, 404)

    def test_no_personal_data_in_urls(self):
        page = self.url_open(
            f"/forum/{self.forum.id}/register?name=Jean+Dupont&email=jean%40example.com"
        )
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Jean Dupont", page.text)
        self.assertNotIn("jean@example.com", page.text)
        response = self.register(name="Jean Dupont", email="jean@example.com")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.history, "no redirect")
        self.assertNotIn("jean", response.url)
        registration = self.env["event.registration"].search([("email", "=", "jean@example.com")])
        url = registration.forum_satisfaction_url
        self.assertNotIn("jean", url.lower())
        self.assertNotIn("dupont", url.lower())
        self.assertRegex(url, rf"/forum/satisfaction/{registration.id}/[0-9a-f]{{64}}$")
