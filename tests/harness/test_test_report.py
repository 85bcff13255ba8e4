"""The log reader behind ./suite test's verdict and summary line."""

import unittest

from launcher.test_report import TestReport, summary_line

GREEN_RUN = """\
2026-11-23 10:00:00,001 42 INFO db odoo.modules.loading: 47 modules loaded in 46.62s
2026-11-23 10:00:01,001 42 INFO db odoo.addons.mod.tests.test_x: Starting TestX.test_a ...
2026-11-23 10:00:01,002 42 INFO db odoo.addons.mod.tests.test_x: skipped TestX.test_b : later
2026-11-23 10:00:02,001 42 INFO db odoo.tests.result: 0 failed, 0 error(s) of 5 tests \
when loading database 'db'
"""

RED_RUN = """\
2026-11-23 10:00:01,001 42 ERROR db odoo.addons.mod.tests.test_x: FAIL: TestX.test_a
Traceback (most recent call last):
AssertionError: 2 != 3
2026-11-23 10:00:02,001 42 ERROR db odoo.tests.result: 1 failed, 1 error(s) of 4 tests \
when loading database 'db'
"""


def read(log):
    report = TestReport()
    for line in log.splitlines(keepends=True):
        report.feed(line)
    return report


class TestTestReport(unittest.TestCase):
    def test_green_run(self):
        report = read(GREEN_RUN)
        self.assertEqual((report.passed, report.failed, report.skipped), (4, 0, 1))
        self.assertEqual(report.problems(0), [])
        self.assertEqual(summary_line(4, 0, 1), "4 passed, 0 failed, 1 skipped")
        self.assertEqual(summary_line(4, 0), "4 passed, 0 failed")

    def test_failures_and_errors_count_as_failed(self):
        report = read(RED_RUN)
        self.assertEqual((report.passed, report.failed), (2, 2))
        self.assertEqual(len(report.error_lines), 2)
        self.assertTrue(report.problems(1))

    def test_error_line_outside_tests_turns_run_red(self):
        log = GREEN_RUN + (
            "2026-11-23 10:00:03,001 42 CRITICAL db odoo.service.server: Failed to initialize\n"
        )
        report = read(log)
        self.assertEqual(report.failed, 0)
        self.assertIn("1 ERROR/CRITICAL line(s) in the Odoo log", report.problems(0))

    def test_run_without_result_line_is_red(self):
        report = read(GREEN_RUN.splitlines(keepends=True)[0])
        self.assertIn(
            "Odoo printed no test result line (did the run stop early?)", report.problems(0)
        )

    def test_run_without_tests_is_red(self):
        report = read(
            "2026-11-23 10:00:02,001 42 WARNING db odoo.tests.result: 0 failed, 0 error(s) "
            "of 0 tests when loading database 'db'\n"
        )
        self.assertIn("no test ran", report.problems(0))
