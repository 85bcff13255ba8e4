"""Benchmark: importing a StockEtablissement extract versus PostgreSQL's own COPY.

Run with `./suite bench sirene` (a throwaway database with territoire_industrie). Executed
inside `odoo shell` (``env`` is given); everything is rolled back at the end.
Targets (issue 4): first import <= 15 x COPY of the same file into a bare table; a
re-import with no change <= half of that (7.5 x COPY). The ratios are also printed against
COPY into a temporary table (no write-ahead log), for reference.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(os.environ["SUITE_ROOT"]) / "bench"))
import sirene_generator

ROWS = int(os.environ.get("BENCH_ROWS", "200000"))
DEPARTMENTS = ["25", "39", "70", "90"]  # Doubs, Jura, Haute-Saône, Territoire de Belfort

env["territory.reference.loader"].load_reference(department_codes=DEPARTMENTS)  # noqa: F821
cr = env.cr  # noqa: F821
path = Path(tempfile.mkdtemp()) / "StockEtablissement_bench.csv"
# National-shaped rows (half closed, former codes, a few abroad) of these départements.
sirene_generator.write(path, ROWS, set(DEPARTMENTS))
data = path.read_bytes()
print(f"file: {ROWS} rows, {len(data) / 1e6:.1f} MB, communes of départements {DEPARTMENTS}")

header = data.split(b"\n", 1)[0].decode().strip().split(",")
columns = ", ".join(f'"{c}" text' for c in header)


def time_copy(table):
    cr.execute(f"DROP TABLE IF EXISTS {table}")
    kind = "TEMP TABLE" if table.endswith("temp") else "TABLE"
    cr.execute(f"CREATE {kind} {table} ({columns})")
    started = time.monotonic()
    cr.copy_expert(f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)", io.BytesIO(data))
    return time.monotonic() - started


# The baseline: COPY into a bare table (no index, constraint nor trigger), an ordinary one
# like the establishments' table. COPY into a temporary table, which skips the
# write-ahead log, is shown for reference. Median of three runs of each.
copy_seconds_table = statistics.median(time_copy("bench_copy") for _ in range(3))
copy_seconds_temp = statistics.median(time_copy("bench_copy_temp") for _ in range(3))
copy_seconds = copy_seconds_table

Import = env["territory.sirene.import"]  # noqa: F821
results = []
for label in ("first import", "re-import, no change"):
    started = time.monotonic()
    report = Import._import_file(io.BytesIO(data), path.name, "establishment")
    seconds = time.monotonic() - started
    results.append((label, seconds, report))

print(
    f"{'COPY, bare temp. table':<24} {copy_seconds_temp:7.2f} s  "
    f"{ROWS / copy_seconds_temp:>9,.0f} rows/s  (reference)"
)
print(f"{'COPY into a bare table':<24} {copy_seconds:7.2f} s  {ROWS / copy_seconds:>9,.0f} rows/s")
for label, seconds, report in results:
    print(
        f"{label:<24} {seconds:7.2f} s  {ROWS / seconds:>9,.0f} rows/s  "
        f"ratio to COPY {seconds / copy_seconds:5.1f} (temp. {seconds / copy_seconds_temp:4.1f})  "
        f"(created {report.created_count}, "
        f"updated {report.updated_count}, unchanged {report.unchanged_count}, "
        f"rejected {report.rejected_count}, foreign {report.foreign_count}, "
        f"outside the scope {report.out_of_scope_count}, of {report.total_count} rows)"
    )
first_ratio = results[0][1] / copy_seconds
again_ratio = results[1][1] / copy_seconds
print(
    f"targets: first <= 15 x COPY: {'OK' if first_ratio <= 15 else 'MISSED'} "
    f"({first_ratio:.1f}); re-import <= 7.5 x COPY: "
    f"{'OK' if again_ratio <= 7.5 else 'MISSED'} ({again_ratio:.1f})"
)
cr.rollback()
