"""Which scripts of bench/ ``./suite bench NAME`` runs, and how.

Most benchmarks are fed to ``odoo shell`` on a throwaway database (tools/suite.py,
cmd_bench). Those that start servers of their own have a runner here; the data generator
shared by the SIRENE benchmarks is not a benchmark.
"""

HELPERS = {
    "sirene_generator": "bench/sirene_generator.py writes SIRENE files for the "
    "sirene_import and observatory_dashboard benchmarks; run it with "
    ".venv/bin/python bench/sirene_generator.py --help",
    "forum_rush_locust": "bench/forum_rush_locust.py is the Locust file of the forum_rush "
    "benchmark: ./suite bench forum_rush",
    "forum_rush_setup": "bench/forum_rush_setup.py makes the data of the forum_rush "
    "benchmark: ./suite bench forum_rush",
}


def _forum_rush(args, log):
    from . import forum_rush

    return forum_rush.run(args, log=log)


RUNNERS = {"forum_rush": _forum_rush}


def not_runnable(script):
    """Why ``./suite bench`` cannot run ``script`` (a Path in bench/), or None."""
    if script.stem in HELPERS:
        return f"{script.stem} is not a benchmark: {HELPERS[script.stem]}"
    if not script.is_file():
        return f"no benchmark {script}"
    return None
