"""Time the load of the whole territorial reference (all of France), then a re-run.

Run in a database where territoire_industrie is installed, e.g. without demo data:

    ./suite bench territory_reference --modules territoire_industrie

Everything is rolled back at the end, so the benchmark can be repeated.
"""

import time

loader = env["territory.reference.loader"]  # noqa: F821 (odoo shell)
Commune = env["territory.commune"].with_context(active_test=False)  # noqa: F821
before = Commune.search_count([])
queries = env.cr.sql_log_count  # noqa: F821
started = time.monotonic()
first = loader.load_reference()
first_seconds = time.monotonic() - started
started = time.monotonic()
second = loader.load_reference()
second_seconds = time.monotonic() - started
print(f"communes before: {before}, after: {Commune.search_count([])}")
print(f"first run (all of France): {first_seconds:.1f} s: {first}")
print(f"second run (nothing changed): {second_seconds:.1f} s: {second}")
env.cr.rollback()  # noqa: F821
