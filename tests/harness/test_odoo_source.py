"""How ./suite finds Odoo 18.0: named folder, else per-user cache, else one download."""

import io
import os
import shutil
import tarfile
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from launcher import odoo_source


def fake_archive(path, version="(18, 0, 0, FINAL, 0, '')"):
    """A tar.gz shaped like Odoo's nightly source archive, with only odoo/release.py."""
    with tarfile.open(path, "w:gz") as tar:
        data = f"version_info = {version}\n".encode()
        info = tarfile.TarInfo("odoo-18.0.post20250925/odoo/release.py")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))


class TestOdooSource(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.tmp)
        self.archive = self.tmp / "odoo.tar.gz"
        fake_archive(self.archive)
        patcher = mock.patch.dict(
            os.environ,
            {"XDG_CACHE_HOME": str(self.tmp / "cache"), "ODOO_ARCHIVE_URL": self.archive.as_uri()},
        )
        patcher.start()
        self.addCleanup(patcher.stop)
        os.environ.pop("ODOO_SRC", None)

    def test_downloads_once_then_uses_the_cache(self):
        messages = []
        first = odoo_source.locate(log=messages.append)
        self.assertEqual(first, self.tmp / "cache" / "odoo-source" / "18.0")
        self.archive.unlink()  # a second download would now fail
        self.assertEqual(odoo_source.locate(log=messages.append), first)
        self.assertIn("downloading", messages[0])
        self.assertIn("cached source", messages[1])

    def test_named_folder_wins_and_must_be_odoo_18(self):
        folder = self.tmp / "src" / "odoo"
        folder.mkdir(parents=True)
        (folder / "release.py").write_text("version_info = (17, 0, 0, FINAL, 0, '')\n")
        with self.assertRaisesRegex(odoo_source.OdooSourceError, "not an Odoo 18.0"):
            odoo_source.locate(str(folder.parent), log=lambda _msg: None)
        (folder / "release.py").write_text("version_info = (18, 0, 0, FINAL, 0, '')\n")
        self.assertEqual(odoo_source.locate(str(folder.parent), log=lambda _m: None), folder.parent)
        self.assertFalse((self.tmp / "cache").exists())

    def test_wrong_archive_is_refused_and_nothing_is_cached(self):
        fake_archive(self.archive, version="(17, 0, 0, FINAL, 0, '')")
        with self.assertRaisesRegex(odoo_source.OdooSourceError, "does not hold"):
            odoo_source.locate(log=lambda _msg: None)
        self.assertFalse((self.tmp / "cache" / "odoo-source" / "18.0").exists())
