"""Benchmark: importing a StockEtablissement file versus PostgreSQL's own COPY, up to
national scale.

Run with `./suite bench sirene_import --modules territoire_industrie` (a throwaway
database). Executed inside `odoo shell` (``env`` is given); everything is rolled back at
the end.

For each size of ``BENCH_SIZES`` (default ``200000,2000000`` rows), a national-shaped file
(bench/sirene_generator.py: every département, arrondissements' codes, former codes,
foreign addresses, ``[ND]``, half closed) is written to disk and streamed from there, as
the command does: nothing of it is held in memory. Timed side by side in the same run:
``COPY`` of the file into a bare table (median of three), the first import without a
scope, the re-import of the same file (nothing changed), then a first import scoped to a
région (``BENCH_SCOPE_REGION``, default 11: Île-de-France, with Paris's arrondissements)
and its re-import.
The peak memory (RSS) of the process during each size's imports is read from Linux
(VmHWM, reset before them).

Targets (issue 13), scoped and unscoped: first import <= 10 x COPY into a bare table,
re-import unchanged <= 5 x,
peak RSS at the largest size within 20 % of the peak at the smallest.

A bulk first import leaves the dashboards' counts to be recounted after its commit, by
the cron it triggers (the dashboards read the establishments until then): that recount
is timed and printed apart, after the import.
"""

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(os.environ["SUITE_ROOT"]) / "bench"))
import sirene_generator

SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "200000,2000000").split(",")]
SCOPE_REGION = os.environ.get("BENCH_SCOPE_REGION", "11")
FIRST_TARGET, AGAIN_TARGET, RSS_TARGET = 10, 5, 0.20

env["territory.reference.loader"].load_reference()  # noqa: F821  (all of France)
env.cr.commit()  # noqa: F821  (kept through the savepoints below; dropped with the database)
cr = env.cr  # noqa: F821
Import = env["territory.sirene.import"]  # noqa: F821
scope = Import._scope_from_codes(region_codes=[SCOPE_REGION])
workdir = Path(tempfile.mkdtemp())


def reset_peak_rss():
    """Start a new peak (Linux: "5" in clear_refs resets VmHWM), so that each size's peak
    is its own, not the reference load's."""
    Path("/proc/self/clear_refs").write_text("5")


def peak_rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_copy(path, columns):
    cr.execute("DROP TABLE IF EXISTS bench_copy")
    cr.execute(f"CREATE TABLE bench_copy ({columns})")
    with path.open("rb") as handle:
        started = time.monotonic()
        cr.copy_expert("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)", handle)
        seconds = time.monotonic() - started
    cr.execute("DROP TABLE bench_copy")
    return seconds


def timed_import(path, commune_codes=None, department_codes=None, label=""):
    with path.open("rb") as handle:
        started = time.monotonic()
        report = Import._import_file(
            handle, path.name, "establishment", commune_codes, department_codes, label
        )
        return time.monotonic() - started, report


def recount_after_commit():
    """What the cron does once a bulk first import is committed: recount the dashboards'
    counts (timed apart: the import is done and its data readable before)."""
    Tally = env["territory.observatory.tally.mixin"]  # noqa: F821
    if Tally._tallies_pending():
        started = time.monotonic()
        Tally._compact_tallies()
        print(
            f"{'  then, after the commit':<28} {time.monotonic() - started:7.2f} s  "
            "the cron recounts the dashboards' counts"
        )


def counts(report):
    return (
        f"created {report.created_count:,}, updated {report.updated_count:,}, unchanged "
        f"{report.unchanged_count:,}, closed {report.closed_count:,}, outside the scope "
        f"{report.out_of_scope_count:,}, abroad {report.foreign_count:,}, rejected "
        f"{report.rejected_count:,}, of {report.total_count:,} rows"
    )


summary = []
for rows in SIZES:
    path = workdir / f"StockEtablissement_{rows}.csv"
    started = time.monotonic()
    sirene_generator.write(path, rows, set())
    print(
        f"\n== {rows:,} rows, {path.stat().st_size / 1e6:,.0f} MB, all départements "
        f"(written in {time.monotonic() - started:.0f} s)"
    )
    with path.open() as handle:
        header = handle.readline().strip().split(",")
    columns = ", ".join(f'"{c}" text' for c in header)
    copy_seconds = statistics.median(time_copy(path, columns) for _ in range(3))
    speed = rows / copy_seconds
    print(f"{'COPY into a bare table':<28} {copy_seconds:7.2f} s  {speed:>9,.0f} rows/s")

    cr.execute("SAVEPOINT bench_size")
    reset_peak_rss()
    lines = {}
    for label, kwargs in (
        ("first import, no scope", {}),
        ("re-import, no change", {}),
    ):
        seconds, report = timed_import(path, **kwargs)
        lines[label] = seconds
        print(
            f"{label:<28} {seconds:7.2f} s  {rows / seconds:>9,.0f} rows/s  "
            f"{seconds / copy_seconds:5.1f} x COPY  ({counts(report)})"
        )
        recount_after_commit()
    cr.execute("ROLLBACK TO SAVEPOINT bench_size")
    commune_codes, department_codes, label = scope
    for step in ("first import", "re-import"):
        seconds, report = timed_import(path, commune_codes, department_codes, label)
        lines[f"{step}, scoped"] = seconds
        print(
            f"{step + ', ' + label:<28} {seconds:7.2f} s  {rows / seconds:>9,.0f} rows/s  "
            f"{seconds / copy_seconds:5.1f} x COPY  ({counts(report)})"
        )
        recount_after_commit()
    cr.execute("ROLLBACK TO SAVEPOINT bench_size")
    env.invalidate_all()  # noqa: F821
    rss = peak_rss_mb()
    print(f"peak RSS of the process during the imports: {rss:,.0f} MB")
    summary.append((rows, copy_seconds, lines, rss))
    path.unlink()

print("\n== targets")
for rows, copy_seconds, lines, _rss in summary:
    first = lines["first import, no scope"] / copy_seconds
    scoped = lines["first import, scoped"] / copy_seconds
    again = lines["re-import, no change"] / copy_seconds
    again_scoped = lines["re-import, scoped"] / copy_seconds
    first_ok = max(first, scoped) <= FIRST_TARGET
    again_ok = max(again, again_scoped) <= AGAIN_TARGET
    print(
        f"{rows:>10,} rows: first import {first:4.1f} x COPY (scoped {scoped:4.1f} x) "
        f"{'OK' if first_ok else 'MISSED'} (<= {FIRST_TARGET}); re-import "
        f"{again:4.1f} x (scoped {again_scoped:4.1f} x) "
        f"{'OK' if again_ok else 'MISSED'} (<= {AGAIN_TARGET})"
    )
if len(summary) > 1:
    smallest, largest = summary[0][3], summary[-1][3]
    growth = largest / smallest - 1
    print(
        f"peak RSS {smallest:,.0f} MB at {summary[0][0]:,} rows, {largest:,.0f} MB at "
        f"{summary[-1][0]:,} rows: {growth:+.0%} "
        f"{'OK' if growth <= RSS_TARGET else 'MISSED'} (within {RSS_TARGET:.0%})"
    )
cr.rollback()
