"""``./suite screenshots``: the pictures of docs/images/, shot on a fresh demo database.

The work is done by the test ``suite_integration:TestScreenshots`` (headless Chromium
through Odoo's tours, wkhtmltopdf and pdftoppm for the printed documents); this module
makes the throwaway database, in French with the demo data, and points the test at
docs/images/ through ``$SUITE_SCREENSHOTS_DIR``.
"""

import os
import shutil
import subprocess
import tempfile
import time

from . import paths
from .odoo import Odoo, free_port

IMAGES = paths.ROOT / "docs" / "images"
TEST_TAG = "/suite_integration:TestScreenshots"
DIRECTORY_VARIABLE = "SUITE_SCREENSHOTS_DIR"


def wkhtmltopdf_has_patched_qt():
    """Only the "patched qt" builds of wkhtmltopdf (wkhtmltopdf.org's packages, the one of
    the odoo:18 image) print a report's header and footer: Debian's build ignores them and
    leaves the header's margin blank at the top of the page."""
    binary = shutil.which("wkhtmltopdf")
    if not binary:
        return False
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
    return "patched qt" in version.stdout


def shoot(server, log=print, keep_db=False):
    """Install the suite with French demo data, run the screenshot test; return its status."""
    database = f"suite_screenshots_{int(time.time())}_{os.getpid()}"
    modules = ",".join([*paths.SUITE_MODULES, *paths.TEST_MODULES])
    log_path = paths.LOG_DIR / f"{database}.log"
    IMAGES.mkdir(parents=True, exist_ok=True)
    os.environ[DIRECTORY_VARIABLE] = str(IMAGES)
    failures = []

    def on_line(line):
        if " ERROR " in line or " CRITICAL " in line or "FAIL:" in line:
            failures.append(line.rstrip())
            log(line.rstrip())
        elif "test_screenshots" in line and ("Starting" in line or "post-tests" in line):
            log(line.rstrip())

    with tempfile.TemporaryDirectory(prefix="suite-screenshots-data-") as data_dir:
        odoo = Odoo(server, [paths.ADDONS, paths.TEST_ADDONS], data_dir)
        log(f"==> Shooting the screens in the throwaway database {database!r}")
        server.create_database(database)
        try:
            returncode = odoo.run_logged(
                [
                    "-d",
                    database,
                    "-i",
                    modules,
                    "--load-language=fr_FR",
                    "--test-enable",
                    f"--test-tags={TEST_TAG}",
                    "--stop-after-init",
                    f"--http-port={free_port()}",
                    "--max-cron-threads=0",
                    "--log-level=info",
                ],
                log_path,
                on_line,
            )
        finally:
            if keep_db:
                log(f"Database {database!r} kept (--keep-db)")
            else:
                server.drop_database(database)
    log(f"Full Odoo log: {log_path}")
    if returncode or failures:
        return 1
    if not wkhtmltopdf_has_patched_qt():
        log(
            "Note: this wkhtmltopdf has no patched qt: the printed documents lack the "
            "company's header and the page footer (a blank band at the top). Install the "
            "wkhtmltox package of wkhtmltopdf.org for pictures as printed in production."
        )
    pictures = sorted(IMAGES.glob("*.png"))
    size = sum(path.stat().st_size for path in pictures)
    log(f"{len(pictures)} pictures in {IMAGES.relative_to(paths.ROOT)} ({size / 1e6:.1f} MB)")
    return 0
