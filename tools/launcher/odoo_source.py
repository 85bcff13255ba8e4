"""Obtain the Odoo 18.0 Community source tree and make it importable from the venv.

Order: a folder the user names (``--odoo-src`` or ``ODOO_SRC``), else the per-user cache,
else Odoo's official 18.0 source archive, downloaded once into that cache.
"""

import os
import re
import shutil
import sysconfig
import tarfile
import tempfile
import urllib.request
from pathlib import Path

SERIES = (18, 0)
ARCHIVE_URL = "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"


class OdooSourceError(RuntimeError):
    pass


def cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "odoo-source" / "18.0"


def is_odoo_18(path):
    release = Path(path) / "odoo" / "release.py"
    if not release.is_file():
        return False
    match = re.search(r"^version_info = \((\d+), (\d+)", release.read_text(), re.MULTILINE)
    return bool(match) and (int(match[1]), int(match[2])) == SERIES


def locate(explicit=None, log=print):
    """Return the path of an Odoo 18.0 source tree, downloading it at most once."""
    explicit = explicit or os.environ.get("ODOO_SRC")
    if explicit:
        path = Path(explicit).expanduser().resolve()
        if not is_odoo_18(path):
            raise OdooSourceError(
                f"{path} is not an Odoo 18.0 source tree (no odoo/release.py of version 18.0)."
            )
        log(f"Odoo 18.0: source folder {path} (named by --odoo-src/ODOO_SRC)")
        return path
    cached = cache_dir()
    if is_odoo_18(cached):
        log(f"Odoo 18.0: cached source {cached}")
        return cached
    url = os.environ.get("ODOO_ARCHIVE_URL", ARCHIVE_URL)
    log(f"Odoo 18.0: downloading the official source archive {url} (once) ...")
    download(url, cached)
    return cached


def download(url, dest):
    """Fetch and unpack the archive next to ``dest``, then move it in place atomically."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".download-") as tmp:
        archive = Path(tmp) / "odoo.tar.gz"
        try:
            with urllib.request.urlopen(url, timeout=60) as response, archive.open("wb") as out:
                shutil.copyfileobj(response, out, 1 << 20)
        except OSError as exc:
            raise OdooSourceError(
                f"Could not download Odoo 18.0 from {url}: {exc}. "
                "Name a local source folder with --odoo-src or ODOO_SRC."
            ) from exc
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        roots = [p for p in Path(tmp).iterdir() if p.is_dir() and is_odoo_18(p)]
        if len(roots) != 1:
            raise OdooSourceError(f"{url} does not hold one Odoo 18.0 source tree.")
        if dest.exists():
            shutil.rmtree(dest)
        roots[0].rename(dest)


def link_into_venv(source):
    """Make ``import odoo`` resolve to ``source`` (a .pth file, like an editable install).

    Odoo's setup.py is not run: its entry point and its pinned dependencies are what the
    project's requirements replace.
    """
    pth = Path(sysconfig.get_paths()["purelib"]) / "odoo-18.0-source.pth"
    wanted = f"{source}\n"
    if not pth.exists() or pth.read_text() != wanted:
        pth.write_text(wanted)
