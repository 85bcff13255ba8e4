"""Run the check-in benchmark in a database of the suite.

Usage (from the repository root, after `./suite run --no-serve -d DBNAME`):

    .venv/bin/python bench/checkin_bench.py -d DBNAME

It starts the suite's PostgreSQL if needed and feeds bench/checkin_bench_shell.py to
`odoo shell`; nothing is kept in the database (the shell script rolls back).
"""

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from launcher import odoo_source, paths, postgres
from launcher.odoo import Odoo


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    odoo_source.link_into_venv(odoo_source.locate(None, log=print))
    with postgres.server(paths.PGDATA, log=print) as server:
        odoo = Odoo(server, [paths.ADDONS], paths.DATA_DIR)
        with (ROOT / "bench" / "checkin_bench_shell.py").open() as script:
            return odoo.run(
                "-d",
                args.database,
                "--no-http",
                "--log-level=warn",
                subcommand="shell",
                stdin=script,
            )


if __name__ == "__main__":
    sys.exit(main())
