"""Debian packages the browser tests and PDF reports need, installed when we may."""

import os
import shutil
import subprocess

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class MissingPackageError(RuntimeError):
    pass


def ensure(log=print):
    """Chromium (HttpCase, tours), wkhtmltopdf (PDF reports), pdftoppm (PDF pages as
    pictures, from poppler-utils) and nginx (cluster tests) must be on the PATH."""
    missing = []
    if not any(shutil.which(name) for name in BROWSERS):
        missing.append("chromium")
    if not shutil.which("wkhtmltopdf"):
        missing.append("wkhtmltopdf")
    if not shutil.which("pdftoppm"):
        missing.append("poppler-utils")
    if not has_nginx():
        missing.append("nginx")
    _install(missing, log)


def has_nginx():
    return bool(shutil.which("nginx") or os.access("/usr/sbin/nginx", os.X_OK))


def ensure_nginx(log=print):
    """Debian's nginx, in front of the nodes of ./suite cluster and the forum_rush bench."""
    if not has_nginx():
        _install(["nginx"], log)


def _install(missing, log):
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
