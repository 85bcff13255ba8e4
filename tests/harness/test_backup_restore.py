"""End to end: ./suite backup then ./suite restore bring back a database and its filestore.

A small database (base only, so it takes well under a minute) gets attachments of the
kinds the suite keeps in the filestore: a badge and a decision letter (real PDFs made with
reportlab, as Odoo's reports are) and an imported SIRENE file (gzip CSV). It is backed up,
restored under a new name, and the restored attachments' contents are read back from the
new filestore and compared with the originals' checksums, with a few row counts.
"""

import contextlib
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import zipfile
from pathlib import Path

from launcher import odoo_source, paths, postgres
from launcher.odoo import Odoo

ROOT = Path(__file__).resolve().parents[2]

MAKE_ATTACHMENTS = """
import base64, json, os
files = json.loads(os.environ["ROUND_TRIP_FILES"])
for name, path, mimetype in files:
    with open(path, "rb") as handle:
        env["ir.attachment"].create(
            {"name": name, "raw": handle.read(), "mimetype": mimetype,
             "res_model": "res.partner", "res_id": env.ref("base.main_partner").id}
        )
env["res.partner"].create([{"name": f"Entreprise {i}"} for i in range(25)])
env.cr.commit()
"""


def pdf(text):
    from reportlab.pdfgen import canvas

    stream = io.BytesIO()
    page = canvas.Canvas(stream)
    page.drawString(72, 720, text)
    page.save()
    return stream.getvalue()


def suite(*args):
    return subprocess.run(
        [str(ROOT / "suite"), *args], capture_output=True, text=True, timeout=600, check=False
    )


@unittest.skipUnless(
    shutil.which("pg_dump") and shutil.which("psql"), "PostgreSQL's client tools are missing"
)
class TestBackupRestore(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        odoo_source.link_into_venv(odoo_source.locate(None, log=lambda _message: None))
        cls.stack = contextlib.ExitStack()
        cls.server = cls.stack.enter_context(postgres.server(paths.PGDATA, log=lambda _m: None))
        cls.tmp = Path(cls.stack.enter_context(tempfile.TemporaryDirectory(prefix="suite-bk-")))
        cls.data_dir = cls.tmp / "data"
        cls.source_db = f"suite_harness_backup_{os.getpid()}"
        cls.copy_db = f"{cls.source_db}_copy"
        cls.stack.callback(cls.server.drop_database, cls.source_db)
        cls.stack.callback(cls.server.drop_database, cls.copy_db)
        files = {
            "Badge - Forum de l'emploi.pdf": (pdf("Badge: Camille Martin"), "application/pdf"),
            "Lettre de décision SUB-2026-0001.pdf": (pdf("Décision: 1 200 €"), "application/pdf"),
            "StockEtablissement_25.csv.gz": (
                gzip.compress(b"siret;denomination\n12345678900011;Menuiserie Caron\n"),
                "application/gzip",
            ),
        }
        cls.expected = {}
        listed = []
        for name, (content, mimetype) in files.items():
            path = cls.tmp / hashlib.sha1(name.encode()).hexdigest()
            path.write_bytes(content)
            listed.append((name, str(path), mimetype))
            cls.expected[name] = hashlib.sha1(content).hexdigest()
        odoo = Odoo(cls.server, [paths.ADDONS], cls.data_dir)
        cls.server.create_database(cls.source_db)
        common = ("-d", cls.source_db, "--no-http", "--log-level=warn")
        if odoo.run(*common, "-i", "base", "--without-demo=all", "--stop-after-init"):
            raise RuntimeError("installing base failed")
        script = cls.tmp / "make_attachments.py"
        script.write_text(MAKE_ATTACHMENTS)
        with script.open() as stdin:
            environ = {"ROUND_TRIP_FILES": json.dumps(listed)}
            if odoo.run(*common, subcommand="shell", stdin=stdin, environ=environ):
                raise RuntimeError("creating the attachments failed")
        cls.backup = cls.tmp / "backup.zip"
        cls.backup_run = suite(
            "backup", "-d", cls.source_db, str(cls.backup), f"--data-dir={cls.data_dir}"
        )

    @classmethod
    def tearDownClass(cls):
        cls.stack.close()

    def attachments(self, database):
        """{name: sha1 of the file in the filestore} of the attachments made above."""
        filestore = self.data_dir / "filestore" / database
        with contextlib.closing(self.server.connect(database)) as conn, conn.cursor() as cr:
            cr.execute(
                "SELECT name, store_fname, checksum FROM ir_attachment WHERE name IN %s",
                [tuple(self.expected)],
            )
            found = {}
            for name, store_fname, checksum in cr.fetchall():
                self.assertTrue(store_fname, f"{name} is not in the filestore")
                content = (filestore / store_fname).read_bytes()
                self.assertEqual(hashlib.sha1(content).hexdigest(), checksum, name)
                found[name] = checksum
            return found

    def counts(self, database):
        with contextlib.closing(self.server.connect(database)) as conn, conn.cursor() as cr:
            counts = {}
            for table in ("res_partner", "res_users", "ir_attachment", "ir_module_module"):
                cr.execute(f"SELECT count(*) FROM {table}")
                counts[table] = cr.fetchone()[0]
            return counts

    def test_round_trip(self):
        self.assertEqual(self.backup_run.returncode, 0, self.backup_run.stdout[-3000:])
        self.assertIn("Backup written", self.backup_run.stdout)
        with zipfile.ZipFile(self.backup) as archive:
            names = archive.namelist()
            manifest = json.loads(archive.read("manifest.json"))
        self.assertIn("dump.sql", names)
        self.assertEqual(manifest["db_name"], self.source_db)
        on_disk = sum(
            len(files) for _d, _s, files in os.walk(self.data_dir / "filestore" / self.source_db)
        )
        zipped = [n for n in names if n.startswith("filestore/") and not n.endswith("/")]
        self.assertEqual(len(zipped), on_disk)

        restored = suite(
            "restore", str(self.backup), "-d", self.copy_db, f"--data-dir={self.data_dir}"
        )
        self.assertEqual(restored.returncode, 0, restored.stdout[-3000:] + restored.stderr[-3000:])
        self.assertEqual(self.attachments(self.source_db), self.expected)
        self.assertEqual(self.attachments(self.copy_db), self.expected)
        self.assertEqual(self.counts(self.copy_db), self.counts(self.source_db))
        self.assertGreaterEqual(self.counts(self.copy_db)["res_partner"], 25)

        # Over an existing database: refused, and the database is left as it was.
        with contextlib.closing(self.server.connect(self.copy_db)) as conn, conn.cursor() as cr:
            cr.execute("DELETE FROM res_partner WHERE name = 'Entreprise 0'")
        again = suite(
            "restore", str(self.backup), "-d", self.copy_db, f"--data-dir={self.data_dir}"
        )
        self.assertEqual(again.returncode, 2, again.stdout[-3000:])
        self.assertIn(f"database {self.copy_db!r} exists already", again.stdout)
        self.assertIn("--force", again.stdout)
        self.assertEqual(
            self.counts(self.copy_db)["res_partner"],
            self.counts(self.source_db)["res_partner"] - 1,
        )
        # With --force it is replaced by the backup's content.
        forced = suite(
            "restore",
            str(self.backup),
            "-d",
            self.copy_db,
            "--force",
            f"--data-dir={self.data_dir}",
        )
        self.assertEqual(forced.returncode, 0, forced.stdout[-3000:] + forced.stderr[-3000:])
        self.assertEqual(self.counts(self.copy_db), self.counts(self.source_db))
        self.assertEqual(self.attachments(self.copy_db), self.expected)

    def test_refusals(self):
        self.assertEqual(self.backup_run.returncode, 0, self.backup_run.stdout[-3000:])
        again = suite("backup", "-d", self.source_db, str(self.backup))
        self.assertEqual(again.returncode, 2)
        self.assertIn("exists already", again.stdout)
        missing = suite("backup", "-d", f"{self.source_db}_none", str(self.tmp / "none.zip"))
        self.assertEqual(missing.returncode, 2)
        self.assertIn("no database", missing.stdout)
        not_a_dump = self.tmp / "not_a_dump.zip"
        not_a_dump.write_bytes(b"PK not really")
        wrong = suite("restore", str(not_a_dump), "-d", f"{self.source_db}_none")
        self.assertEqual(wrong.returncode, 2)
        self.assertIn("is not an Odoo backup", wrong.stdout)


if __name__ == "__main__":
    unittest.main()
