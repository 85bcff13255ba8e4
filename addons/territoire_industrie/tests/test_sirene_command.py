import base64
import io
import os
import tempfile
import zipfile
from pathlib import Path
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..cli.territory_sirene_import import TerritorySireneImport, run_import
from ..models import territory_sirene_import
from ..tools import sirene_reader
from .common import TerritoryReferenceCase
from .sirene_files import (
    ESTABLISHMENT_HEADER,
    establishment_row,
    gzipped,
    make_siret,
    to_csv,
    zipped,
)


@tagged("post_install", "-at_install")
class TestSireneCommand(TerritoryReferenceCase):
    """The scheduled import (``territory_sirene_import`` command) and the progress reports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sirets = [make_siret(92000001 + i) for i in range(5)]
        rows = [establishment_row(siret, commune="25411") for siret in cls.sirets[:4]]
        rows.append(establishment_row(cls.sirets[4], commune="61001"))  # Orne: out of scope
        cls.data = to_csv(ESTABLISHMENT_HEADER, rows)

    def _file(self, data, suffix=".csv.gz"):
        handle, path = tempfile.mkstemp(suffix=suffix)
        os.close(handle)
        self.addCleanup(os.unlink, path)
        with open(path, "wb") as out:
            out.write(data)
        return path

    def test_command_is_registered(self):
        self.assertEqual(TerritorySireneImport.name, "territory_sirene_import")

    def test_command_imports_the_department_scope(self):
        report = run_import(
            self.env, Path(self._file(gzipped(self.data))), "establishment", {"25"}, set()
        )
        self.assertEqual(
            (report["rows_read"], report["created"], report["rejected"], report["scope"]),
            (4, 4, 0, "25"),
        )
        found = self.env["territory.establishment"].search([("siret", "in", self.sirets)])
        self.assertEqual(set(found.mapped("siret")), set(self.sirets[:4]))
        self.assertEqual(set(found.mapped("naf_section")), {"C"})
        again = run_import(
            self.env, Path(self._file(gzipped(self.data))), "establishment", {"25"}, set()
        )
        self.assertEqual((again["created"], again["unchanged"]), (0, 4))

    def test_command_streams_a_zip_scoped_by_region(self):
        path = Path(self._file(zipped(self.data), suffix=".zip"))
        with path.open("rb") as fileobj:  # a stream decompressing the member as it is read
            self.assertIsInstance(sirene_reader.open_binary(fileobj), zipfile.ZipExtFile)
        with (
            patch.object(zipfile.ZipFile, "extract", side_effect=AssertionError("unpacked")),
            patch.object(zipfile.ZipFile, "extractall", side_effect=AssertionError("unpacked")),
        ):
            report = run_import(self.env, path, "establishment", set(), set(), region_codes={"27"})
        self.assertEqual(
            (report["rows_in_file"], report["created"], report["out_of_scope"]), (5, 4, 1)
        )
        with self.assertRaisesRegex(UserError, "00"):
            run_import(self.env, path, "establishment", set(), set(), region_codes={"00"})

    def test_command_scope_by_epci_and_unknown_epci(self):
        path = Path(self._file(self.data, suffix=".csv"))
        report = run_import(self.env, path, "establishment", set(), {self.cu_alencon.siren})
        self.assertEqual((report["created"], report["scope"]), (1, self.cu_alencon.name))
        with self.assertRaisesRegex(UserError, "000000000"):
            run_import(self.env, path, "establishment", set(), {"000000000"})

    def test_progress_reported_during_long_runs(self):
        calls = []
        with (
            patch.object(territory_sirene_import, "PROGRESS_EVERY", 2),
            patch.object(territory_sirene_import, "COPY_CHUNK", 64),  # a few lines a read
        ):
            self.env["territory.sirene.import"]._import_file(
                io.BytesIO(self.data),
                "StockEtablissement.csv",
                "establishment",
                department_codes={"25"},
                progress=lambda lines, percent: calls.append((lines, percent)),
            )
        lines = [lines for lines, _percent in calls]
        self.assertGreaterEqual(len(lines), 3)  # along the way, then at the end
        self.assertEqual(lines, sorted(lines))
        self.assertEqual(lines[-1], 5)  # the data lines of the file
        percents = [percent for _lines, percent in calls]
        self.assertEqual(percents, sorted(percents))
        self.assertEqual(percents[-1], 100.0)

    def test_progress_of_a_zip_is_the_share_of_its_bytes_read(self):
        rows = [establishment_row(make_siret(92100000 + n), commune="25411") for n in range(3000)]
        data = zipped(to_csv(ESTABLISHMENT_HEADER, rows))
        calls = []
        with patch.object(territory_sirene_import, "PROGRESS_EVERY", 500):
            self.env["territory.sirene.import"]._import_file(
                io.BytesIO(data),
                "StockEtablissement_utf8.zip",
                "establishment",
                department_codes={"25"},
                progress=lambda lines, percent: calls.append((lines, percent)),
            )
        percents = [percent for _lines, percent in calls]
        self.assertEqual(percents, sorted(percents))
        # Along the way, not all at once: the archive is read as the rows are.
        self.assertTrue([p for p in percents if 5 < p < 95], percents)
        self.assertEqual(calls[-1], (3000, 100.0))

    def test_wizard_notifies_the_user_every_ten_percent(self):
        wizard = (
            self.env["territory.sirene.import.wizard"]
            .with_user(self.ti_manager)
            .create({"file": base64.b64encode(b"siren"), "filename": "StockEtablissement.csv"})
        )
        Partner = type(self.env["res.partner"])
        with patch.object(Partner, "_bus_send", autospec=True) as send:
            progress = wizard._progress_notifier()
            for lines, percent in ((100, 4.0), (200, 12.5), (300, 18.0), (400, 31.0), (500, 100.0)):
                progress(lines, percent)
        messages = [call.args[2]["message"] for call in send.call_args_list]
        self.assertEqual(len(messages), 3)  # 10 %, 30 %, then the file read (500 lines)
        self.assertIn("10", messages[0])
        self.assertIn("30", messages[1])
        self.assertIn("500", messages[2])
        self.assertEqual({call.args[1] for call in send.call_args_list}, {"simple_notification"})
        self.assertEqual(
            {call.args[0].id for call in send.call_args_list}, {self.ti_manager.partner_id.id}
        )
