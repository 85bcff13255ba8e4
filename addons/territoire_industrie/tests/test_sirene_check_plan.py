import io

from odoo.tests import tagged
from odoo.tools import SQL

from ..tools import sirene_reader
from .common import TerritoireIndustrieCase
from .sirene_files import ESTABLISHMENT_HEADER, establishment_row, make_siret, to_csv


@tagged("post_install", "-at_install")
class TestSireneCheckPlan(TerritoireIndustrieCase):
    def _check_plan(self):
        """PostgreSQL's plan of the check of a small file's rows, parallel plans made as
        cheap as those of a national file."""
        Import = self.env["territory.sirene.import"]
        rows = [establishment_row(make_siret(90002000 + i)) for i in range(3)]
        binary = sirene_reader.open_binary(io.BytesIO(to_csv(ESTABLISHMENT_HEADER, rows)))
        header, positions = sirene_reader.establishment_header(binary)
        scope = Import._establishment_scope(None, None)
        Import._copy_raw_rows(binary, header, positions, scope, None)
        Import._build_code_lookup()
        Import._skip_unchanged_rows(positions, scope)
        cr = self.env.cr
        for setting, value in (
            ("parallel_setup_cost", "0"),
            ("parallel_tuple_cost", "0"),
            ("min_parallel_table_scan_size", "0"),
            ("max_parallel_workers_per_gather", "2"),
        ):
            cr.execute("SELECT set_config(%s, %s, true)", [setting, value])
        cr.execute(SQL("EXPLAIN (FORMAT JSON) %s", Import._checked_rows_query(positions, scope)))
        return cr.fetchone()[0][0]["Plan"]

    def test_the_parallel_workers_check_the_rows_whole(self):
        """The check's three levels run below one Gather: the workers clean, check and
        shape every row, the leader only gathers them. A LIMIT between two levels (OFFSET
        0) would leave what is above it to the leader alone."""
        plan = self._check_plan()
        self.assertEqual(plan["Node Type"], "Gather", plan)
        nodes, limits = [plan], []
        while nodes:
            node = nodes.pop()
            limits += [node] if node["Node Type"] == "Limit" else []
            nodes += node.get("Plans", [])
        self.assertEqual(limits, [])
