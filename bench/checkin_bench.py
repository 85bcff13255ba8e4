"""Run the check-in benchmark in a database of the suite.

Usage (from the repository root), in a throwaway database:

    ./suite bench checkin_bench

or in a database of the suite (after `./suite run --no-serve -d DBNAME`):

    .venv/bin/python bench/checkin_bench.py -d DBNAME

Either way bench/checkin_bench_shell.py runs inside `odoo shell`; nothing is kept in the
database (the shell script rolls back).
"""

import argparse
import os
import pathlib
import sys


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tools"))
    from launcher import odoo_source, paths, postgres
    from launcher.odoo import Odoo

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    odoo_source.link_into_venv(odoo_source.locate(None, log=print))
    with postgres.server(paths.PGDATA, log=print) as server:
        odoo = Odoo(server, [paths.ADDONS], paths.DATA_DIR)
        with (root / "bench" / "checkin_bench_shell.py").open() as script:
            return odoo.run(
                "-d",
                args.database,
                "--no-http",
                "--log-level=warn",
                subcommand="shell",
                stdin=script,
            )


if "env" in globals():
    # Fed to `odoo shell` by `./suite bench checkin_bench`: `env` is the shell's, there is no
    # __file__, and the suite's root comes from the environment.
    shell_script = pathlib.Path(os.environ["SUITE_ROOT"]) / "bench" / "checkin_bench_shell.py"
    exec(compile(shell_script.read_text(), str(shell_script), "exec"))  # noqa: S102
elif __name__ == "__main__":
    sys.exit(main())
