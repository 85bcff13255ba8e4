"""End to end: a deliberately failing Odoo test makes ./suite test exit non-zero."""

import subprocess
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class TestFailingTestTurnsRed(unittest.TestCase):
    def test_failing_fixture_addon(self):
        run = subprocess.run(
            [
                str(ROOT / "suite"),
                "test",
                "harness_failing_fixture",
                "--no-lint",
                f"--extra-addons={FIXTURES}",
            ],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        lines = run.stdout.strip().splitlines()
        self.assertEqual(run.returncode, 1, run.stdout[-3000:] + run.stderr[-3000:])
        self.assertEqual(lines[-1], "1 passed, 1 failed")
        self.assertIn("deliberate failure: the harness must turn red", run.stdout)
