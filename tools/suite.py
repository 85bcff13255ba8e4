"""``./suite`` commands: run the suite, test it, lint it. See README.md."""

import argparse
import os
import sys
import tempfile
import time

from launcher import (
    backup,
    benches,
    cluster,
    harness_tests,
    i18n,
    lint,
    odoo_source,
    paths,
    peers,
    postgres,
    readme,
    role_matrix,
    screenshots,
    site_urls,
    system_packages,
    upgrade,
)
from launcher.odoo import Odoo, configured_database, free_port
from launcher.test_report import RECORD, RESULT, TestReport, summary_line


def say(message):
    print(message, flush=True)


def prepare(args):
    source = odoo_source.locate(args.odoo_src, log=say)
    odoo_source.link_into_venv(source)
    return source


# --------------------------------------------------------------------------- run
def cmd_run(args):
    prepare(args)
    database = args.database or configured_database()
    modules = ",".join(paths.SUITE_MODULES)
    with postgres.server(paths.PGDATA, log=say) as server:
        odoo = Odoo(server, [paths.ADDONS], paths.DATA_DIR)
        if not server.database_exists(database):
            server.create_database(database)
        installed = server.installed_modules(database, paths.SUITE_MODULES)
        if installed == set(paths.SUITE_MODULES):
            say(f"==> Updating the addons in the existing database {database!r} (data kept)")
            step = ("-u", modules)
        else:
            say(f"==> Installing the addons with French demo data in {database!r}")
            step = ("-i", modules, "--load-language=fr_FR")
        if odoo.run("-d", database, *step, "--stop-after-init", "--no-http"):
            return 1
        say("==> French language, Europe/Paris timezone for the administrator")
        # web.base.url and report.url of this port, so that badges and other PDFs render.
        os.environ.update(site_urls.environment(args.port))
        with paths.SETUP_SCRIPT.open() as script:
            if odoo.run(
                "-d", database, "--no-http", "--log-level=warn", subcommand="shell", stdin=script
            ):
                return 1
        if args.no_serve:
            return 0
        say(
            f"\n    Odoo is starting on http://localhost:{args.port}"
            "  (login: admin, password: admin)"
            "\n    Stop it with Ctrl+C.\n"
        )
        try:
            return odoo.run("-d", database, f"--http-port={args.port}")
        except KeyboardInterrupt:
            return 0


# -------------------------------------------------------------------------- test
def echo_filter():
    """Print what a person follows (tests, warnings, errors), not every loaded file."""
    state = {"echo": False}

    def wanted(line):
        record = RECORD.match(line)
        if not record:  # a traceback or other continuation line
            return state["echo"]
        logger, message = record["logger"], record["message"]
        state["echo"] = (
            record["level"] != "INFO"
            or ".tests" in logger
            or RESULT.search(message) is not None
            or (logger == "odoo.modules.loading" and "loaded in" in message)
        )
        return state["echo"]

    return wanted


def run_odoo_tests(args, server, modules, report):
    addons_paths = [paths.ADDONS, paths.TEST_ADDONS, *args.extra_addons]
    database = f"suite_test_{int(time.time())}_{os.getpid()}"
    tags = args.tags or ",".join(f"/{module}" for module in modules)
    log_path = paths.LOG_DIR / f"{database}.log"
    wanted = echo_filter()

    def on_line(line):
        report.feed(line)
        if wanted(line):
            sys.stdout.write(line)
            sys.stdout.flush()

    with tempfile.TemporaryDirectory(prefix="suite-test-data-") as data_dir:
        odoo = Odoo(server, addons_paths, data_dir)
        say(f"==> Testing {', '.join(modules)} in the throwaway database {database!r}")
        server.create_database(database)
        try:
            returncode = odoo.run_logged(
                [
                    "-d",
                    database,
                    "-i",
                    ",".join(modules),
                    "--test-enable",
                    f"--test-tags={tags}",
                    "--stop-after-init",
                    f"--http-port={free_port()}",
                    "--max-cron-threads=0",
                    "--log-level=info",
                ],
                log_path,
                on_line,
            )
        finally:
            if args.keep_db:
                say(f"Database {database!r} kept (--keep-db)")
            else:
                server.drop_database(database)
    say(f"Full Odoo log: {log_path}")
    return returncode


def cmd_test(args):
    prepare(args)
    system_packages.ensure(log=say)
    full_run = not args.modules and not args.peers
    modules = args.modules or [*paths.SUITE_MODULES, *paths.TEST_MODULES]
    if args.peers:  # Odoo's own suites of the stock modules, with our addons installed
        modules, args.tags = peers.plan()
    report = TestReport()
    with postgres.server(paths.PGDATA, log=say) as server:
        returncode = run_odoo_tests(args, server, modules, report)
    problems = report.problems(returncode)
    for line in report.error_lines[:50]:
        say(f"  {line}")
    passed, failed, skipped = report.passed, report.failed, report.skipped
    if full_run and not args.no_harness:
        say("==> Harness tests (tests/harness)")
        h_passed, h_failed, h_skipped = harness_tests.run()
        passed, failed, skipped = passed + h_passed, failed + h_failed, skipped + h_skipped
        if h_failed:
            problems.append(f"{h_failed} harness test(s) failed")
    if not args.no_lint:
        problems += [f"lint: {name} found problems" for name in lint.run(log=say)]
    if problems and not failed:
        failed = 1  # a red run never reads "0 failed"
    say("\n" + ("FAILED: " + "; ".join(problems) if problems else "All green."))
    say(summary_line(passed, failed, skipped))
    return 1 if problems else 0


def cmd_bench(args):
    """Run bench/<name>.py inside `odoo shell` on a throwaway database."""
    prepare(args)
    if args.name in benches.RUNNERS:  # benches that start servers of their own
        return benches.RUNNERS[args.name](args, log=say)
    script = paths.ROOT / "bench" / f"{args.name}.py"
    problem = benches.not_runnable(script)
    if problem:
        say(f"error: {problem}")
        return 2
    os.environ["SUITE_ROOT"] = str(paths.ROOT)
    database = f"suite_bench_{os.getpid()}"
    with (
        postgres.server(paths.PGDATA, log=say) as server,
        tempfile.TemporaryDirectory(prefix="suite-bench-data-") as data_dir,
    ):
        odoo = Odoo(server, [paths.ADDONS], data_dir)
        server.create_database(database)
        try:
            say(f"==> Installing {args.modules} (no demo data) in {database!r}")
            if odoo.run(
                "-d",
                database,
                "-i",
                args.modules,
                "--without-demo=all",
                "--stop-after-init",
                "--no-http",
                "--log-level=warn",
            ):
                return 1
            say(f"==> Running {script.relative_to(paths.ROOT)}")
            with script.open() as stdin:
                return odoo.run(
                    "-d", database, "--no-http", "--log-level=warn", subcommand="shell", stdin=stdin
                )
        finally:
            server.drop_database(database)


def cmd_upgrade_test(args):
    prepare(args)
    with postgres.server(paths.PGDATA, log=say) as server:
        return upgrade.run(server, args.from_tag, args.scale, args.keep_db, log=say)


def cmd_backup(args):
    prepare(args)
    with postgres.server(paths.PGDATA, log=say) as server:
        database = args.database or configured_database()
        backup.backup(server, database, args.file, args.data_dir, args.force, log=say)
    return 0


def cmd_restore(args):
    prepare(args)
    with postgres.server(paths.PGDATA, log=say) as server:
        backup.restore(
            server, args.file, args.database, args.data_dir, args.force, args.neutralize, log=say
        )
    return 0


def cmd_cluster(args):
    """Serve a database through nginx and Odoo prefork nodes until Ctrl+C."""
    prepare(args)
    system_packages.ensure_nginx(log=say)
    database = args.database or configured_database()
    with postgres.server(paths.PGDATA, log=say) as server:
        if not server.database_exists(database):
            say(f"error: no database {database!r}: make it first with ./suite run --no-serve")
            return 2
        run_dir = paths.LOCAL / "cluster"
        topology = cluster.Cluster(
            server,
            database,
            run_dir,
            nodes=args.nodes,
            workers=args.workers,
            port=args.port,
            node_port=args.node_port,
            data_dir=paths.DATA_DIR,
            log=say,
        )
        try:
            with topology:
                say(f"    Open http://127.0.0.1:{args.port} (Ctrl+C stops everything)")
                while all(p.poll() is None for p in topology.processes.values()):
                    time.sleep(1)
                say("error: a process of the cluster stopped (see its log)")
                return 1
        except KeyboardInterrupt:
            return 0
        except cluster.ClusterError as exc:
            say(f"error: {exc}")
            return 1


def cmd_lint(args):
    failed = lint.run(log=say)
    say("lint: " + (", ".join(failed) + " found problems" if failed else "ok"))
    return 1 if failed else 0


def cmd_i18n(args):
    prepare(args)
    database = args.database or configured_database()
    modules = args.modules or list(paths.SUITE_MODULES)
    with postgres.server(paths.PGDATA, log=say) as server:
        odoo = Odoo(server, [paths.ADDONS], paths.DATA_DIR)
        # -i installs what the database lacks (a database made by Odoo itself holds only
        # base), -u updates what it has: the terms exported are those of the current code.
        # Never -i on an installed addon: Odoo would load its demo data again.
        exists = server.database_exists(database)
        installed = server.installed_modules(database, modules) if exists else set()
        missing = [module for module in modules if module not in installed]
        steps = [("-i", ",".join(missing))] if missing else []
        if installed:
            steps.append(("-u", ",".join(sorted(installed))))
        if odoo.run(
            "-d",
            database,
            *(arg for step in steps for arg in step),
            "--stop-after-init",
            "--no-http",
            "--log-level=warn",
        ):
            return 1
        untranslated = i18n.refresh(odoo, database, modules, log=say)
    for module, msgids in untranslated.items():
        for msgid in msgids:
            say(f"  {module}: {msgid!r}")
    return 0


def cmd_screenshots(args):
    prepare(args)
    system_packages.ensure(log=say)
    with postgres.server(paths.PGDATA, log=say) as server:
        return screenshots.shoot(server, log=say, keep_db=args.keep_db)


def cmd_readme(args):
    readme.write_all()
    role_matrix.write()
    return 0


# --------------------------------------------------------------------------- cli
def parser():
    main = argparse.ArgumentParser(prog="./suite", description=__doc__)
    main.add_argument(
        "--odoo-src",
        help="an Odoo 18.0 source folder to use (else $ODOO_SRC, "
        "else the per-user cache, else the official archive, downloaded once)",
    )
    commands = main.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="install or update the addons, then serve Odoo")
    run.add_argument(
        "-d", "--database", help="database name (default: db_name of config/odoo.conf)"
    )
    run.add_argument("--port", type=int, default=8069)
    run.add_argument("--no-serve", action="store_true", help="prepare the database, do not serve")
    run.set_defaults(func=cmd_run)

    test = commands.add_parser("test", help="run every test and linter in a throwaway database")
    test.add_argument("modules", nargs="*", help="only these addons' tests (default: all)")
    test.add_argument("--keep-db", action="store_true", help="keep the test database")
    test.add_argument(
        "--tags",
        help="Odoo --test-tags to run instead of every test of the addons, "
        "e.g. /forum_emploi:TestCheckinDesk (the addons are installed all the same)",
    )
    test.add_argument(
        "--peers",
        action="store_true",
        help="run Odoo's own tests of contacts, calendar, event, event_booth, crm and event_crm "
        "with our addons installed, instead of ours",
    )
    test.add_argument("--no-lint", action="store_true")
    test.add_argument("--no-harness", action="store_true", help="skip tests/harness")
    test.add_argument("--extra-addons", action="append", default=[], help=argparse.SUPPRESS)
    test.set_defaults(func=cmd_test)

    i18n_cmd = commands.add_parser(
        "i18n",
        help="update the addons in the run database, export their terms to i18n/*.pot "
        "and merge them into i18n/fr.po (untranslated terms are listed)",
    )
    i18n_cmd.add_argument("modules", nargs="*")
    i18n_cmd.add_argument("-d", "--database")
    i18n_cmd.set_defaults(func=cmd_i18n)

    readme_cmd = commands.add_parser(
        "readme", help="write each addon's README.rst and README.md's role matrix"
    )
    readme_cmd.set_defaults(func=cmd_readme)

    shots = commands.add_parser(
        "screenshots",
        help="shoot the screens of docs/images/ in headless Chromium on a fresh demo database",
    )
    shots.add_argument("--keep-db", action="store_true", help="keep the database")
    shots.set_defaults(func=cmd_screenshots)

    bench = commands.add_parser("bench", help="run a benchmark of bench/ (see bench/README.md)")
    bench.add_argument("name", help="the script's name in bench/, e.g. sirene_import")
    bench.add_argument(
        "--modules",
        default=",".join(paths.SUITE_MODULES),
        help="addons to install first (default: the three)",
    )
    bench.set_defaults(func=cmd_bench)

    upgrade_cmd = commands.add_parser(
        "upgrade-test",
        help="upgrade a loaded database of the previous release with the current code "
        "and compare every stored field before and after",
    )
    upgrade_cmd.add_argument(
        "--from", dest="from_tag", help="release tag to upgrade from (default: the latest)"
    )
    upgrade_cmd.add_argument(
        "--scale", type=int, default=2000, help="support cases generated (default: 2000)"
    )
    upgrade_cmd.add_argument("--keep-db", action="store_true", help="keep the database")
    upgrade_cmd.set_defaults(func=cmd_upgrade_test)

    backup_cmd = commands.add_parser(
        "backup", help="dump a database and its filestore into a zip (Odoo's format)"
    )
    backup_cmd.add_argument(
        "file", nargs="?", help="the zip to write (default: .local/backups/DB-DATE.zip)"
    )
    backup_cmd.add_argument(
        "-d", "--database", help="database (default: db_name of config/odoo.conf)"
    )
    backup_cmd.add_argument("--force", action="store_true", help="overwrite an existing file")
    backup_cmd.add_argument("--data-dir", default=paths.DATA_DIR, help=argparse.SUPPRESS)
    backup_cmd.set_defaults(func=cmd_backup)

    restore_cmd = commands.add_parser(
        "restore", help="restore a zip of ./suite backup as a database with its filestore"
    )
    restore_cmd.add_argument("file", help="the zip written by ./suite backup")
    restore_cmd.add_argument(
        "-d", "--database", help="new database's name (default: the one it was dumped from)"
    )
    restore_cmd.add_argument(
        "--force", action="store_true", help="replace the database if it exists (data lost)"
    )
    restore_cmd.add_argument(
        "--neutralize",
        action="store_true",
        help="neutralize the copy (no outgoing mail, no scheduled actions), as for a test copy",
    )
    restore_cmd.add_argument("--data-dir", default=paths.DATA_DIR, help=argparse.SUPPRESS)
    restore_cmd.set_defaults(func=cmd_restore)
    cluster_cmd = commands.add_parser(
        "cluster",
        help="serve a database as in production: nginx in front of Odoo prefork nodes "
        "and a cron node, until Ctrl+C (README, Production)",
    )
    cluster_cmd.add_argument("-d", "--database", help="default: db_name of config/odoo.conf")
    cluster_cmd.add_argument("--nodes", type=int, default=2)
    cluster_cmd.add_argument(
        "--workers",
        type=int,
        help="HTTP workers per node (default: 2 x CPU + 1 for the machine, shared)",
    )
    cluster_cmd.add_argument("--port", type=int, default=8080, help="nginx's port")
    cluster_cmd.add_argument(
        "--node-port",
        type=int,
        default=8090,
        help="first node's HTTP port; node i uses this + 2i (HTTP) and + 2i + 1 (websocket)",
    )
    cluster_cmd.set_defaults(func=cmd_cluster)

    lint_cmd = commands.add_parser("lint", help="run ruff and pylint-odoo only")
    lint_cmd.set_defaults(func=cmd_lint)
    return main


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (
        odoo_source.OdooSourceError,
        system_packages.MissingPackageError,
        upgrade.UpgradeError,
        backup.BackupError,
    ) as exc:
        say(f"error: {exc}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
