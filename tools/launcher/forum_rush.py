"""``./suite bench forum_rush``: a job forum's opening rush on the production topology.

Makes a throwaway database (bench/forum_rush_setup.py), starts the cluster (nginx in front
of two prefork nodes and a cron node, tools/launcher/cluster.py) and runs Locust
(bench/forum_rush_locust.py) against nginx on 127.0.0.1: desks scanning every badge,
advisors opening their screens. Two scenarios, each on fresh check-ins: "steady", then
"kill" (node 1 killed at 40 % of the run). Prints the figures and the verdict on each
target. Sizes and ports come from the environment (BENCH_* variables, bench/README.md).
"""

import csv
import json
import math
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import paths, postgres, system_packages
from .cluster import Cluster, ClusterError
from .odoo import Odoo
from .test_report import RECORD

SCAN_P95_MS = 150
PAGE_P95_MS = 1000
KILL_AT = 0.4
SCAN_PATH = "/web/dataset/call_kw/event.registration/forum_desk_scan"
# nginx's access log (config/nginx-odoo.conf.template, log_format odoo_timed) and the
# werkzeug line of each request in a node's log (query count, SQL and Python seconds).
NGINX_TIMED = re.compile(
    r'"POST (?P<path>\S+) [^"]*" (?P<status>\d+) .* rt=(?P<rt>[\d.]+) .*uht=(?P<uht>[\d.]+)'
)
ODOO_TIMED = re.compile(
    r'"POST (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) - \d+ (?P<sql>[\d.]+) (?P<py>[\d.]+)'
)


def settings():
    env = os.environ
    return {
        "badges": int(env.get("BENCH_BADGES", "3000")),
        "desks": int(env.get("BENCH_DESKS", "10")),
        "advisors": int(env.get("BENCH_ADVISORS", "30")),
        "seconds": int(env.get("BENCH_SECONDS", "300")),
        "port": int(env.get("BENCH_PORT", "8080")),
        "node_port": int(env.get("BENCH_NODE_PORT", "8090")),
        # HTTP workers per node; none: the machine's share (cluster.workers_of_nodes).
        "workers": int(env.get("BENCH_WORKERS", "0")) or None,
        "scenarios": env.get("BENCH_SCENARIOS", "steady,kill").split(","),
    }


def locust_command(config, run_dir):
    return [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(paths.ROOT / "bench" / "forum_rush_locust.py"),
        "--headless",
        "--users",
        str(config["desks"] + config["advisors"]),
        "--spawn-rate",
        "20",
        # The run ends when the desks are done and have read their final counters, at
        # the earliest after BENCH_SECONDS; this is the hard bound.
        "--run-time",
        f"{2 * config['seconds'] + 60}s",
        "--stop-timeout",
        "10",
        "--host",
        f"http://127.0.0.1:{config['port']}",
        "--csv",
        str(run_dir / "locust"),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]


def run(args, log=print):
    system_packages.ensure_nginx(log=log)
    config = settings()
    database = f"suite_bench_forum_rush_{os.getpid()}"
    base_dir = paths.LOCAL / "forum_rush"
    shutil.rmtree(base_dir, ignore_errors=True)
    base_dir.mkdir(parents=True)
    data_file = base_dir / "data.json"
    os.environ.update(
        SUITE_ROOT=str(paths.ROOT),
        FORUM_RUSH_DATA=str(data_file),
        BENCH_BADGES=str(config["badges"]),
        BENCH_DESKS=str(config["desks"]),
        BENCH_ADVISORS=str(config["advisors"]),
    )
    failed = []
    with (
        postgres.server(paths.PGDATA, log=log) as server,
        tempfile.TemporaryDirectory(prefix="suite-forum-rush-") as data_dir,
    ):
        odoo = Odoo(server, [paths.ADDONS], data_dir)
        server.create_database(database)
        try:
            log(f"==> Installing {args.modules} (no demo data) in {database!r}")
            install = ("-i", args.modules, "--without-demo=all", "--stop-after-init")
            if odoo.run("-d", database, *install, "--no-http", "--log-level=warn"):
                return 1
            log("==> Making the forum, the desks and the advisors (bench/forum_rush_setup.py)")
            with (paths.ROOT / "bench" / "forum_rush_setup.py").open() as script:
                if odoo.run(
                    "-d",
                    database,
                    "--no-http",
                    "--log-level=warn",
                    subcommand="shell",
                    stdin=script,
                ):
                    return 1
            data = json.loads(data_file.read_text())
            for scenario in config["scenarios"]:
                reset_check_ins(server, database, data["event_id"])
                verdict = run_scenario(server, database, data, data_dir, config, scenario, log)
                failed += [f"{scenario}: {problem}" for problem in verdict]
        except ClusterError as exc:
            log(f"error: {exc}")
            return 1
        finally:
            server.drop_database(database)
    log("\n" + ("FAILED: " + "; ".join(failed) if failed else "All targets met."))
    return 1 if failed else 0


def reset_check_ins(server, database, event_id):
    with server.connect(database) as conn, conn.cursor() as cr:
        cr.execute(
            "UPDATE event_registration SET state = 'open', date_closed = NULL WHERE event_id = %s",
            (event_id,),
        )
    conn.close()


def run_scenario(server, database, data, data_dir, config, scenario, log):
    run_dir = paths.LOCAL / "forum_rush" / scenario
    results_dir = run_dir / "desks"
    environment = {
        **os.environ,
        "FORUM_RUSH_RESULTS": str(results_dir),
        "FORUM_RUSH_SECONDS": str(config["seconds"]),
    }
    topology = Cluster(
        server,
        database,
        run_dir,
        nodes=2,
        workers=config["workers"],
        port=config["port"],
        node_port=config["node_port"],
        data_dir=data_dir,
        log=log,
    )
    log(
        f"\n==> Scenario {scenario!r}: {config['desks']} desks scanning {config['badges']} "
        f"badges and {config['advisors']} advisors for {config['seconds']} s "
        f"(load average before: {load_average()})"
    )
    with topology:
        started = time.monotonic()
        children_cpu, machine = children_cpu_seconds(), machine_cpu_seconds()
        servers = {name: group_cpu_seconds(p.pid) for name, p in topology.processes.items()}
        postgres_cpu = backends_cpu_seconds(database)
        with subprocess.Popen(
            locust_command(config, run_dir), env=environment, cwd=paths.ROOT
        ) as locust:
            if scenario == "kill":
                try:
                    locust.wait(timeout=KILL_AT * config["seconds"])
                except subprocess.TimeoutExpired:
                    log(f"==> Killing node 1 at {time.monotonic() - started:.0f} s")
                    topology.kill_node(0)
            try:
                locust.wait(timeout=2 * config["seconds"] + 180)
            except subprocess.TimeoutExpired:
                locust.kill()
        # Locust is the only child reaped meanwhile: the difference is its CPU time.
        locust_cpu = children_cpu_seconds() - children_cpu
        busy, elapsed = (
            after - before for after, before in zip(machine_cpu_seconds(), machine, strict=True)
        )
        servers = {  # a node killed in the run is left out
            name: group_cpu_seconds(process.pid) - servers[name]
            for name, process in topology.processes.items()
            if process.poll() is None
        }
        servers["PostgreSQL"] = backends_cpu_seconds(database) - postgres_cpu
    log(f"    load average after: {load_average()}")
    log(
        f"    CPU over the {elapsed:.0f} s of the run (of {os.cpu_count()} cores): machine "
        f"{busy:.0f} s busy, Locust {locust_cpu:.1f} s ({100 * locust_cpu / elapsed:.0f} % "
        "of a core), " + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in servers.items())
    )
    return report(server, database, data, config, scenario, run_dir, log)


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine_cpu_seconds():
    """(busy, elapsed) CPU seconds of the whole machine (every core) since it started."""
    ticks = os.sysconf("SC_CLK_TCK")
    with open("/proc/stat") as handle:
        values = [int(value) for value in handle.readline().split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values) - idle) / ticks, sum(values) / ticks / os.cpu_count()


def group_cpu_seconds(group):
    """CPU seconds used so far by the living processes of a process group (a node)."""
    return cpu_seconds(lambda fields, _pid: int(fields[2]) == group)  # pgrp


def backends_cpu_seconds(database):
    """CPU seconds used so far by the living PostgreSQL backends serving ``database``."""

    def serves(_fields, pid):
        try:
            title = (Path("/proc") / pid / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return False
        return title.startswith("postgres:") and f" {database} " in title

    return cpu_seconds(serves)


def cpu_seconds(selected):
    """CPU seconds (user + system) of the living processes ``selected(fields, pid)`` keeps."""
    ticks, total = os.sysconf("SC_CLK_TCK"), 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if selected(fields, stat.parent.name):  # utime and stime: fields 12 and 13
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def load_average():
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def read_stats(run_dir):
    path = run_dir / "locust_stats.csv"
    if not path.is_file():
        return []
    with path.open() as handle:
        return [row for row in csv.DictReader(handle) if row["Name"] != "Aggregated"]


def percentiles(values):
    """'p50 / p95 / max' in ms of a list of seconds."""
    if not values:
        return "none"
    values = sorted(values)

    def rank(share):
        return values[max(0, math.ceil(share * len(values)) - 1)] * 1000

    return f"{rank(0.5):.0f} / {rank(0.95):.0f} / {values[-1] * 1000:.0f} ms"


def log_scan_layers(run_dir, log):
    """Where a scan's time goes: in the nodes, behind nginx (with the wait for a worker)."""
    at_nginx, behind_nginx, in_odoo = [], [], []
    access_log = run_dir / "logs" / "access.log"
    if access_log.is_file():
        for line in access_log.read_text(errors="replace").splitlines():
            match = NGINX_TIMED.search(line)
            if match and match["path"] == SCAN_PATH and match["status"] == "200":
                at_nginx.append(float(match["rt"]))
                behind_nginx.append(float(match["uht"]))
    for path in sorted((run_dir / "logs").glob("odoo-node*.log")):
        for line in path.read_text(errors="replace").splitlines():
            match = ODOO_TIMED.search(line)
            if match and match["path"] == SCAN_PATH and match["status"] == "200":
                in_odoo.append(float(match["sql"]) + float(match["py"]))
    log(
        f"scans p50 / p95 / max: in Odoo {percentiles(in_odoo)} ({len(in_odoo)}); "
        f"nginx to the node's answer, with the wait for a free worker "
        f"{percentiles(behind_nginx)}; in nginx {percentiles(at_nginx)} ({len(at_nginx)})"
    )


def log_problems(run_dir):
    lines = []
    for path in sorted((run_dir / "logs").glob("odoo-*.log")):
        for line in path.read_text(errors="replace").splitlines():
            record = RECORD.match(line)
            if record and record["level"] in ("ERROR", "CRITICAL"):
                lines.append(f"{path.name}: {line}")
    return lines


def report(server, database, data, config, scenario, run_dir, log):
    problems = []
    stats = read_stats(run_dir)
    log(f"\n{'request':<58}{'count':>7}{'fail':>6}{'p50':>7}{'p95':>7}{'max':>7}  (ms)")
    for row in stats:
        log(
            f"{row['Type'] + ' ' + row['Name']:<58}{row['Request Count']:>7}"
            f"{row['Failure Count']:>6}{row['50%']:>7}{row['95%']:>7}"
            f"{float(row['Max Response Time']):>7.0f}"
        )

    def p95(name):
        return max((float(r["95%"]) for r in stats if r["Name"] == name), default=None)

    scan_p95 = p95("desk: scan")
    log_scan_layers(run_dir, log)
    page_p95 = max((float(r["95%"]) for r in stats if r["Name"].startswith("page: ")), default=None)
    failures = sum(int(r["Failure Count"]) for r in stats)
    if scan_p95 is None or scan_p95 >= SCAN_P95_MS:
        problems.append(f"scan p95 {scan_p95} ms (target < {SCAN_P95_MS})")
    if page_p95 is None or page_p95 >= PAGE_P95_MS:
        problems.append(f"advisors' pages p95 {page_p95} ms (target < {PAGE_P95_MS})")
    if scenario != "kill" and failures:
        problems.append(f"{failures} failed request(s)")
    errors = log_problems(run_dir)
    if errors:
        problems.append(f"{len(errors)} ERROR line(s) in the Odoo logs")
        for line in errors[:10]:
            log(f"  {line}")

    desks = [json.loads(p.read_text()) for p in sorted((run_dir / "desks").glob("desk-*.json"))]
    unfinished = [d["desk"] for d in desks if not d["done"] or d["queued"]]
    welcome = sum(d["tally"]["welcome"] for d in desks)
    replayed = sum(d["tally"]["already_after_lost_answer"] for d in desks)
    lost = sum(d["tally"]["lost_answers"] for d in desks)
    with server.connect(database) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT count(*) FILTER (WHERE state = 'done'), count(*) FROM event_registration "
            "WHERE event_id = %s",
            (data["event_id"],),
        )
        checked_in, registrations = cr.fetchone()
    conn.close()
    shown = [d["counters"]["present"] for d in desks if d.get("counters")]
    log(
        f"\ndesks: {len(desks)} reported, {welcome} welcome, {lost} answers lost and replayed "
        f"({replayed} of them found already checked in), unfinished: {unfinished or 'none'}"
    )
    log(
        f"database: {checked_in} of {registrations} registrations checked in; "
        f"counters shown at the end by the desks: {sorted(set(shown))}"
    )
    if len(desks) != config["desks"] or unfinished:
        problems.append(f"desks unfinished or silent: {unfinished}")
    if checked_in != registrations:
        problems.append(f"{registrations - checked_in} badge(s) not checked in")
    if welcome + replayed != registrations:
        problems.append(
            f"{welcome} welcome + {replayed} replays found checked in != {registrations} badges"
        )
    if any(count != checked_in for count in shown) or len(shown) != len(desks):
        problems.append(f"final counters {shown} != {checked_in}")
    log(f"scan p95 {scan_p95} ms, pages p95 {page_p95} ms, {failures} failed request(s)")
    log(f"verdict {scenario!r}: " + ("; ".join(problems) if problems else "all targets met"))
    return problems
