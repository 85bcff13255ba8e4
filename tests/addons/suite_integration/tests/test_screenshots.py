"""The pictures of docs/images/, taken by headless Chromium on the demo database, in French.

Each screen is opened by its user and worked by a short tour of
``static/tests/tours/screenshot_tours.js``; once the tour has succeeded, the page is
captured through the Chrome DevTools protocol of Odoo's own ``ChromeBrowser`` (what it does
to keep a screenshot of a failed tour), at one viewport size and zoom for every screen.
Printed documents are rendered by wkhtmltopdf and their first page converted by pdftoppm.

The pictures go to the folder named by ``$SUITE_SCREENSHOTS_DIR`` (``./suite screenshots``
points it at docs/images/), else to a temporary folder: in ``./suite test`` this test only
checks that every screen can still be shot and that no picture is blank.
"""

import base64
import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import Future
from pathlib import Path

from PIL import Image

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import ChromeBrowser

DIRECTORY_VARIABLE = "SUITE_SCREENSHOTS_DIR"
VIEWPORT = (1280, 800)
PDF_DPI = 96  # an A4 page of 794 × 1123 pixels
PDF_PAGE = (794, 1123)
BADGE = "2025061800000017"  # the demo candidate the desk and the stand scan
# A screen has thousands of colours, a printed page a few grey levels of its ink; a blank
# or half-drawn picture is one colour almost everywhere.
MIN_COLOURS = {"screen": 64, "document": 8}
MAX_DOMINANT_SHARE = 0.99
HAUT_DOUBS_EPCIS = ("242504116", "242504355", "200023075", "242504181", "200068070")
# Observatory sample: (NAF code, headcount bracket, creation year) per establishment.
SIRENE_SAMPLE = [
    ("26.52Z", "12", 1998),
    ("26.52Z", "11", 2004),
    ("26.52Z", "03", 2019),
    ("25.62B", "21", 1987),
    ("25.62A", "12", 2011),
    ("25.73B", "02", 2016),
    ("10.51C", "22", 1965),
    ("10.51C", "03", 2008),
    ("16.10A", "11", 1979),
    ("41.20A", "02", 2014),
    ("43.21A", "03", 2017),
    ("43.32A", "01", 2021),
    ("47.11B", "02", 2013),
    ("47.24Z", "01", 2020),
    ("47.77Z", "01", 2018),
    ("56.10A", "02", 2012),
    ("55.10Z", "03", 2009),
    ("49.41A", "12", 2001),
    ("62.01Z", "01", 2022),
    ("71.12B", "02", 2015),
    ("86.21Z", "01", 2010),
    ("88.10A", "11", 2006),
    ("96.02A", "01", 2019),
    ("01.41Z", "00", 1995),
]


def colour_stats(path):
    """The picture's size, its number of colours, the share of its commonest colour."""
    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 22)
        width, height = image.size
    return (width, height), len(colours), max(colours)[0] / (width * height)


@tagged("post_install", "-at_install")
class TestScreenshots(HttpCase):
    browser_size = "%dx%d" % VIEWPORT

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._speak_french()
        cls.advisor = cls.env.ref("accompagnement_entreprise.user_advisor_cci_demo")
        cls.manager = cls.env.ref("base.user_admin")
        cls.forum = cls.env.ref("forum_emploi.event_forum_russey_demo")
        cls.desk = new_test_user(
            cls.env,
            "accueil.forum",
            name="Léa Girardot",
            groups="forum_emploi.forum_emploi_group_desk",
            lang="fr_FR",
            tz="Europe/Paris",
        )
        cls.recruiter = new_test_user(
            cls.env,
            "recrutement.decolletage",
            name="Sophie Marguet",
            groups="forum_emploi.forum_emploi_group_exhibitor",
            lang="fr_FR",
            tz="Europe/Paris",
        )
        (cls.advisor | cls.manager).write({"lang": "fr_FR", "tz": "Europe/Paris"})
        cls.env.ref("forum_emploi.forum_exhibitor_decolletage_demo").user_ids = [
            Command.link(cls.recruiter.id)
        ]
        candidate = cls.forum.registration_ids.filtered(
            lambda r: r.attendee_type == "candidate" and r.state == "open"
        )[:1]
        candidate.barcode = BADGE
        cls._sirene_sample()

    @classmethod
    def _speak_french(cls):
        """What --load-language=fr_FR does, when the database was made without it."""
        Lang = cls.env["res.lang"]
        if not Lang.search_count([("code", "=", "fr_FR")]):
            Lang._activate_lang("fr_FR")
            installed = cls.env["ir.module.module"].search([("state", "=", "installed")])
            installed._load_module_terms(installed.mapped("name"), ["fr_FR"])

    @classmethod
    def _sirene_sample(cls):
        """The demo holds no SIRENE register: a small one for the Haut-Doubs, some of whose
        establishments are the demo companies the advisors met."""
        communes = cls.env["territory.commune"].search(
            [("epci_id.siren", "in", HAUT_DOUBS_EPCIS)], order="code"
        )
        advisor = cls.env.ref("accompagnement_entreprise.user_advisor_cci_demo")
        met = cls.env["support.case"].search([("user_id", "=", advisor.id)]).partner_id
        values = []
        for index, (naf, bracket, year) in enumerate(SIRENE_SAMPLE):
            # One establishment in three belongs to a company the advisor follows.
            rank, rest = divmod(index, 3)
            followed = met[rank] if not rest and rank < len(met) else met.browse()
            siren = f"{930100000 + index * 7:09d}"
            values.append(
                {
                    "siret": f"{siren}00017",
                    "siren": siren,
                    "nic": "00017",
                    "legal_unit_name": f"Établissement {index + 1:02d}",
                    "commune_id": communes[index * 7 % len(communes)].id,
                    "naf_code": naf,
                    "headcount_bracket": bracket,
                    "creation_date": f"{year}-03-01",
                    "state": "active",
                    "is_employer": bracket not in ("NN", "00"),
                    "partner_id": followed.id,
                }
            )
        cls.env["territory.establishment"].create(values)

    def setUp(self):
        super().setUp()
        target = os.environ.get(DIRECTORY_VARIABLE)
        if target:
            self.directory = Path(target)
            self.directory.mkdir(parents=True, exist_ok=True)
        else:
            self.directory = Path(tempfile.mkdtemp(prefix="suite-screenshots-"))
            self.addCleanup(shutil.rmtree, self.directory)

    # ------------------------------------------------------------------ browser
    def _screens(self):
        """(picture, user, page to open or None to go on where the last tour ended, tour)."""
        ref = self.env.ref

        def record(action, xmlid):
            return f"/odoo/action-{action}/{ref(xmlid).id}"

        return [
            (
                "conseiller-relances",
                self.advisor,
                "/odoo/action-accompagnement_entreprise.support_case_action_reminder",
                "advisor_reminders",
            ),
            (
                "conseiller-dossiers",
                self.advisor,
                "/odoo/action-accompagnement_entreprise.support_case_action",
                "advisor_case_kanban",
            ),
            (
                "conseiller-visite-besoins",
                self.advisor,
                record(
                    "accompagnement_entreprise.support_visit_action",
                    "accompagnement_entreprise.support_visit_petits_ateliers_demo",
                ),
                "advisor_visit_needs",
            ),
            (
                "observatoire-analyse",
                self.manager,
                "/odoo/action-territoire_industrie.territory_establishment_analysis_action",
                "observatory_analysis",
            ),
            (
                "observatoire-couverture",
                self.manager,
                "/odoo/action-territoire_industrie.territory_coverage_report_action",
                "observatory_coverage",
            ),
            (
                "convention-plan-actions",
                self.manager,
                record(
                    "territoire_industrie.territory_convention_action",
                    "territoire_industrie.territory_convention_ccpr_cci_2024_demo",
                ),
                "convention_action_plan",
            ),
            (
                "convention-indicateurs",
                self.manager,
                record(
                    "territoire_industrie.territory_convention_action",
                    "territoire_industrie.territory_convention_ccpr_cci_2024_demo",
                ),
                "convention_indicators",
            ),
            (
                "subvention",
                self.manager,
                record(
                    "accompagnement_entreprise.support_subsidy_action",
                    "accompagnement_entreprise.support_subsidy_dufour_demo",
                ),
                "subsidy_form",
            ),
            (
                "subvention-cofinancement",
                self.manager,
                record(
                    "accompagnement_entreprise.support_case_action",
                    "accompagnement_entreprise.support_case_audit_devcom_dufour_demo",
                ),
                "subsidy_cofinancing",
            ),
            (
                "accueil-bienvenue",
                self.desk,
                "/odoo/action-forum_emploi.forum_emploi_action_checkin_desk",
                "desk_welcome",
            ),
            ("accueil-deja-entre", self.desk, None, "desk_already"),
            ("accueil-badge-inconnu", self.desk, None, "desk_unknown"),
            (
                "recruteur-stand",
                self.recruiter,
                "/odoo/action-forum_emploi.forum_emploi_action_stand_screen",
                "stand_screen",
            ),
        ]

    def _shoot_screens(self):
        """One browser for every screen; returns the pictures written."""
        pictures = []
        browser = ChromeBrowser(self, success_signal="tour succeeded")
        try:
            self.http_request_key = self.canonical_tag + "_browser_js"
            self.http_request_strict_check = True
            user = None
            for picture, screen_user, url, tour in self._screens():
                if screen_user != user:
                    user = screen_user
                    # The previous user's page left and its requests over first: one of
                    # them (its service worker's) racing the switch once ended the new
                    # session, whose next page then failed (KeyError: 'lang').
                    browser.navigate_to("about:blank", wait_stop=True)
                    self._wait_remaining_requests()
                    self.authenticate(user.login, user.login, browser=browser)
                    self.cr.flush()
                    self.cr.clear()
                self._run_tour(browser, url, f"suite_screenshot_{tour}")
                pictures.append(self._capture(browser, picture))
        finally:
            browser.stop()
            self._wait_remaining_requests()
            self.http_request_key = self.canonical_tag
            # wkhtmltopdf fetches the report's assets without the browser's test cookie.
            self.http_request_strict_check = False
        return pictures

    def _run_tour(self, browser, url, tour):
        browser._result = Future()  # one browser, one "tour succeeded" per screen
        browser.had_failure = False
        if url:
            browser.navigate_to(f"{self.base_url()}{url}", wait_stop=True)
        self.assertTrue(browser._wait_ready(f"odoo.isTourReady({tour!r})"), tour)
        options = {"stepDelay": 0, "keepWatchBrowser": False, "startUrl": url or ""}
        browser._wait_code_ok(f"odoo.startTour({tour!r}, {json.dumps(options)})", 60)

    def _capture(self, browser, picture):
        # Fonts loaded, two frames painted, charts done with their animation.
        browser._wait_ready(
            "document.fonts.ready.then(() => new Promise((done) => setTimeout("
            "() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))), 400)))"
        )
        shot = browser._websocket_request(
            "Page.captureScreenshot", params={"format": "png"}, timeout=30
        )
        path = self.directory / f"{picture}.png"
        path.write_bytes(base64.b64decode(shot["data"], validate=True))
        return path

    # ------------------------------------------------------------------ documents
    def _documents(self):
        ref = self.env.ref
        return [
            (
                "subvention-convention-pdf",
                "accompagnement_entreprise.support_subsidy_report_convention",
                ref("accompagnement_entreprise.support_subsidy_dufour_demo"),
            ),
            (
                # The summary of the demo forum that took place, two months ago.
                "forum-statistiques-pdf",
                "forum_emploi.action_report_forum_summary",
                ref("forum_emploi.event_forum_alternance_demo"),
            ),
        ]

    def _print_documents(self):
        pictures = []
        Report = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, lang="fr_FR"
        )
        for picture, report, record in self._documents():
            pdf, _type = Report._render_qweb_pdf(report, record.ids)
            with tempfile.TemporaryDirectory(prefix="suite-screenshot-pdf-") as folder:
                pdf_path = Path(folder) / "document.pdf"
                pdf_path.write_bytes(pdf)
                stem = Path(folder) / picture
                subprocess.run(
                    ["pdftoppm", "-png", "-r", str(PDF_DPI), "-f", "1", "-l", "1"]
                    + ["-singlefile", str(pdf_path), str(stem)],
                    check=True,
                    capture_output=True,
                )
                path = self.directory / f"{picture}.png"
                shutil.move(f"{stem}.png", path)
            pictures.append(path)
        return pictures

    # ------------------------------------------------------------------ test
    def test_every_screen_is_shot_and_not_blank(self):
        screens = self._shoot_screens()
        documents = self._print_documents()
        expected = [f"{screen[0]}.png" for screen in self._screens()]
        expected += [f"{document[0]}.png" for document in self._documents()]
        self.assertEqual([path.name for path in screens + documents], expected)
        for kind, paths, size in (
            ("screen", screens, VIEWPORT),
            ("document", documents, PDF_PAGE),
        ):
            for path in paths:
                with self.subTest(picture=path.name):
                    picture_size, colours, dominant = colour_stats(path)
                    self.assertEqual(picture_size, size)
                    self.assertGreater(colours, MIN_COLOURS[kind], f"{path.name} looks blank")
                    self.assertLess(dominant, MAX_DOMINANT_SHARE, f"{path.name} looks blank")
