"""The linters of the test command: ruff, and pylint-odoo's mandatory checks."""

import subprocess
import sys

from . import paths, readme, role_matrix

PYTHON_TREES = ("addons", "tests", "tools", "bench")


def run(log=print):
    """Run every linter; return the names of those that found problems."""
    checks = {
        "ruff check": [sys.executable, "-m", "ruff", "check", "--no-fix", *PYTHON_TREES],
        "ruff format": [sys.executable, "-m", "ruff", "format", "--check", *PYTHON_TREES],
        "pylint-odoo": [
            sys.executable,
            "-m",
            "pylint",
            f"--rcfile={paths.ROOT / '.pylintrc-mandatory'}",
            *(str(d) for d in readme.addon_dirs()),
        ],
    }
    failed = []
    for name, command in checks.items():
        log(f"==> Lint: {name}")
        if subprocess.run(command, cwd=paths.ROOT, check=False).returncode:
            failed.append(name)
    stale = readme.outdated()
    if stale:
        log(f"README.rst out of date in {', '.join(stale)}: run ./suite readme")
        failed.append("readme")
    if role_matrix.outdated():
        log("README.md's role matrix differs from role_matrix.csv: run ./suite readme")
        failed.append("role matrix")
    return failed
