"""Debian packages the browser tests and PDF reports need, installed when we may."""

import os
import shutil
import subprocess

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class MissingPackageError(RuntimeError):
    pass


def ensure(log=print):
    """Chromium (HttpCase, tours), wkhtmltopdf (PDF reports) and pdftoppm (PDF pages as
    pictures, from poppler-utils) must be on the PATH."""
    missing = []
    if not any(shutil.which(name) for name in BROWSERS):
        missing.append("chromium")
    if not shutil.which("wkhtmltopdf"):
        missing.append("wkhtmltopdf")
    if not shutil.which("pdftoppm"):
        missing.append("poppler-utils")
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise MissingPackageError(
            f"Missing system packages: {' '.join(missing)}. "
            f"Install them first: sudo apt-get install {' '.join(missing)}"
        )
    log(f"Installing Debian packages: {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)
