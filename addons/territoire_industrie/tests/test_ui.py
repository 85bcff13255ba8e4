import io
import shutil
import tempfile
from collections import defaultdict
from unittest.mock import patch

import openpyxl

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import file_open

from ..controllers import main as export_controllers
from . import observatory_tour_files as tour_files
from .common import SMALL_REFERENCE, write_reference


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_open_app_as_user(self):
        new_test_user(
            self.env, "ti_tour_user", groups="territoire_industrie.territoire_industrie_group_user"
        )
        self.env["res.partner"].create(
            {"name": "Communauté de communes du Val de Morteau", "is_company": True}
        )
        self.start_tour("/odoo", "territoire_industrie_open_app", login="ti_tour_user")

    def test_territory_industry_as_user(self):
        new_test_user(
            self.env, "ti_tour_user2", groups="territoire_industrie.territoire_industrie_group_user"
        )
        directory = tempfile.mkdtemp(prefix="ti_cog_")
        self.addCleanup(shutil.rmtree, directory)
        write_reference(directory, SMALL_REFERENCE)
        self.env["territory.reference.loader"].load_reference(["25"], source_dir=directory)
        epcis = self.env["territory.epci"].search([("siren", "in", ["242504116", "242504355"])])
        self.env["territory.industry"].create(
            {
                "code": "ti-9501",
                "name": "Tour Horloger",
                "phase_ids": [
                    (0, 0, {"phase": "2", "name": "Tour Horloger", "epci_ids": [(6, 0, epcis.ids)]})
                ],
            }
        )
        self.start_tour("/odoo", "territoire_industrie_territory_industry", login="ti_tour_user2")


@tagged("post_install", "-at_install")
class TestConventionUi(HttpCase):
    def test_convention_screens_as_pilot(self):
        user = new_test_user(
            self.env, "ti_pilot", groups="territoire_industrie.territoire_industrie_group_user"
        )
        Partner = self.env["res.partner"]
        cci = Partner.create({"name": "CCI Saône-Doubs", "is_company": True})
        epci = Partner.create(
            {"name": "Communauté de communes du Plateau de Russey", "is_company": True}
        )
        region = Partner.create({"name": "Région Bourgogne-Franche-Comté", "is_company": True})
        convention = self.env["territory.convention"].create(
            {
                "name": "Tour convention 2024-2026",
                "party_ids": [(6, 0, (cci | epci).ids)],
                "date_start": "2024-01-01",
                "date_end": "2026-12-31",
            }
        )
        action = self.env["territory.action"].create(
            {
                "convention_id": convention.id,
                "code": "A5",
                "name": "HR club",
                "state": "committed",
                "pilot_ids": [(6, 0, cci.ids)],
                "user_id": user.id,
            }
        )
        self.env["territory.funding.line"].create(
            {
                "action_id": action.id,
                "funder_id": region.id,
                "scheme_id": self.env.ref(
                    "territoire_industrie.territory_funding_scheme_region"
                ).id,
                "amount": 12000,
            }
        )
        self.start_tour(
            "/odoo/action-territoire_industrie.territory_convention_action",
            "territoire_industrie_convention",
            login="ti_pilot",
        )


def _xlsx_rows(content):
    """The rows under the title and the header of the first sheet of an XLSX workbook."""
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(min_row=4, values_only=True)]


@tagged("post_install", "-at_install")
class TestObservatoryUi(HttpCase):
    """Issue #4, as a new user of the manager group would try it: the tour imports two
    SIRENE files of the Haut-Doubs, reads the reports, takes two snapshots, reads the
    evolution and exports to XLSX; this test checks what it left behind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # English: the tour types the snapshot dates as MM/DD/YYYY.
        cls.manager = new_test_user(
            cls.env,
            "ti_observatory_manager",
            groups="territoire_industrie.territoire_industrie_group_manager",
            lang="en_US",
        )
        directory = tempfile.mkdtemp(prefix="ti_cog_")
        cls.addClassCleanup(shutil.rmtree, directory)
        write_reference(directory, SMALL_REFERENCE)
        cls.env["territory.reference.loader"].load_reference(["25"], source_dir=directory)
        Epci = cls.env["territory.epci"]
        cls.cc_morteau = Epci.search([("siren", "=", "242504116")])
        cls.cc_russey = Epci.search([("siren", "=", "242504355")])
        cls.haut_doubs = cls.env["territory.industry"].create(
            {
                "code": "ti-9525",
                "name": "Haut-Doubs",
                "phase_ids": [
                    Command.create(
                        {
                            "phase": "2",
                            "name": "Haut-Doubs",
                            "epci_ids": [Command.set((cls.cc_morteau | cls.cc_russey).ids)],
                        }
                    )
                ],
            }
        )

    def test_committed_files_are_the_built_ones(self):
        for name, content in tour_files.files().items():
            with file_open(f"territoire_industrie/static/tests/files/{name}", "rb") as handle:
                self.assertEqual(
                    handle.read(),
                    content,
                    f"static/tests/files/{name} is not what tests/observatory_tour_files.py "
                    "builds: write the files again (see that module)",
                )

    def _start_tour_recording_workbooks(self):
        """Run the tour; return the workbooks the XLSX routes sent, as ``{builder: [bytes]}``."""
        produced = defaultdict(list)

        def recording(builder):
            def build(*args):
                content = builder(*args)
                produced[builder.__name__].append(content)
                return content

            return build

        with (
            patch.object(
                export_controllers,
                "build_snapshot_xlsx",
                recording(export_controllers.build_snapshot_xlsx),
            ),
            patch.object(
                export_controllers,
                "build_establishments_xlsx",
                recording(export_controllers.build_establishments_xlsx),
            ),
        ):
            self.start_tour(
                "/odoo", "territoire_industrie_observatory", login=self.manager.login, timeout=600
            )
        return produced

    def test_observatory_as_a_new_manager(self):
        workbooks = self._start_tour_recording_workbooks()

        # The two imports and their reports.
        reports = self.env["territory.sirene.import"].search(
            [("user_id", "=", self.manager.id)], order="id"
        )
        self.assertEqual(reports.mapped("name"), [tour_files.STOCK_2025, tour_files.STOCK_2026])
        self.assertEqual(reports.mapped("scope"), ["Haut-Doubs", "Haut-Doubs"])
        first, second = reports
        # Alençon is outside the Haut-Doubs: counted, not read.
        self.assertEqual(
            [
                first.total_count,
                first.rows_read,
                first.created_count,
                first.out_of_scope_count,
                first.rejected_count,
            ],
            [7, 6, 5, 1, 1],
        )
        self.assertEqual(
            [(r.line, r.siret, r.reason) for r in first.rejection_ids],
            [(tour_files.BAD_SIRET_LINE, tour_files.BAD_SIRET, "bad_siret")],
        )
        # The sawmill's closing is counted as a closing only: each row once.
        self.assertEqual(
            [
                second.total_count,
                second.out_of_scope_count,
                second.rows_read,
                second.created_count,
                second.updated_count,
                second.unchanged_count,
                second.closed_count,
                second.rejected_count,
            ],
            [8, 1, 7, 2, 0, 4, 1, 0],
        )
        Establishment = self.env["territory.establishment"]
        self.assertFalse(Establishment.search([("siret", "=", tour_files.ALENCON_PLANT)]))
        sawmill = Establishment.search([("siret", "=", tour_files.SAWMILL)])
        self.assertEqual((sawmill.state, str(sawmill.closing_date)), ("closed", "2026-03-31"))

        # Two snapshots, counted per EPCI.
        snapshots = self.env["territory.observatory.snapshot"].search(
            [("create_uid", "=", self.manager.id)], order="date"
        )
        self.assertEqual([str(s.date) for s in snapshots], ["2025-12-31", "2026-06-30"])
        self.assertEqual(snapshots.mapped("state"), ["done", "done"])
        self.assertEqual([str(s.date_from) for s in snapshots], ["2025-01-01", "2026-01-01"])
        counts = {
            (str(date), epci): (active, created, closed)
            for date, epci, active, created, closed in self.env[
                "territory.observatory.snapshot.line"
            ]._read_group(
                [
                    ("snapshot_id", "in", snapshots.ids),
                    ("epci_id", "in", (self.cc_morteau | self.cc_russey).ids),
                ],
                ["date:day", "epci_id"],
                ["establishment_count:sum", "created_count:sum", "closed_count:sum"],
            )
        }
        self.assertEqual(
            counts,
            {
                ("2025-12-31", self.cc_morteau): (3, 1, 0),
                ("2025-12-31", self.cc_russey): (2, 0, 0),
                ("2026-06-30", self.cc_morteau): (5, 2, 0),
                ("2026-06-30", self.cc_russey): (1, 0, 1),
            },
        )

        # The workbooks the tour downloaded.
        [snapshot_xlsx] = workbooks["build_snapshot_xlsx"]
        rows = _xlsx_rows(snapshot_xlsx)
        active_per_epci = defaultdict(int)
        for epci, _section, _headcount, active, *_rest in rows:
            active_per_epci[epci] += active
        self.assertEqual(dict(active_per_epci), {self.cc_morteau.name: 5, self.cc_russey.name: 1})
        [establishments_xlsx] = workbooks["build_establishments_xlsx"]
        rows = _xlsx_rows(establishments_xlsx)
        self.assertEqual(
            sorted(row[0] for row in rows),
            sorted(
                [
                    tour_files.WATCHMAKER,
                    tour_files.TOOLMAKER,
                    tour_files.NEW_PLANT,
                    tour_files.BAKERY,
                ]
            ),
        )
        self.assertEqual({row[18] for row in rows}, {self.cc_morteau.name})
        # The partially diffusible unit of Morteau is in the list the user selected, never
        # in the file.
        cells = [str(cell) for row in rows for cell in row]
        self.assertFalse([cell for cell in cells if tour_files.HIDDEN in cell or "[ND]" in cell])
