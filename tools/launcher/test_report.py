"""Read an Odoo test run's log and tell what passed, failed and went wrong.

Odoo ends a ``--test-enable --stop-after-init`` run with a line such as
``0 failed, 0 error(s) of 42 tests when loading database 'x'``; skipped tests are
logged one by one. Any ERROR or CRITICAL record counts as a failure of the run, even
outside a test (a broken view at install, a failing cron...).
"""

import re
from dataclasses import dataclass, field

RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): "
    r"(?P<message>.*)$"
)
RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
SKIPPED = re.compile(r"^skipped \S")


@dataclass
class TestReport:
    tests_run: int = 0
    failures: int = 0
    errors: int = 0
    skipped: int = 0
    result_seen: bool = False
    error_lines: list = field(default_factory=list)

    def feed(self, line):
        record = RECORD.match(line)
        if not record:
            return
        level, message = record["level"], record["message"]
        if level in ("ERROR", "CRITICAL"):
            self.error_lines.append(line.rstrip())
        result = RESULT.search(message)
        if result:
            self.result_seen = True
            self.failures += int(result[1])
            self.errors += int(result[2])
            self.tests_run += int(result[3])
        elif level == "INFO" and SKIPPED.match(message):
            self.skipped += 1

    @property
    def failed(self):
        return self.failures + self.errors

    @property
    def passed(self):
        return max(self.tests_run - self.failed - self.skipped, 0)

    def problems(self, returncode):
        """Why this run is red, in plain words; empty when it is green."""
        problems = []
        if returncode:
            problems.append(f"Odoo exited with status {returncode}")
        if not self.result_seen:
            problems.append("Odoo printed no test result line (did the run stop early?)")
        elif not self.tests_run:
            problems.append("no test ran")
        if self.failed:
            problems.append(f"{self.failed} test(s) failed or errored")
        if self.error_lines:
            problems.append(f"{len(self.error_lines)} ERROR/CRITICAL line(s) in the Odoo log")
        return problems


def summary_line(passed, failed, skipped=0):
    line = f"{passed} passed, {failed} failed"
    return f"{line}, {skipped} skipped" if skipped else line
