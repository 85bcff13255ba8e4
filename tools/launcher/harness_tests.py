"""Run the harness's own tests (tests/harness), in this process, with unittest."""

import unittest

from . import paths


def run():
    suite = unittest.defaultTestLoader.discover(str(paths.ROOT / "tests" / "harness"))
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    return result.testsRun - failed - skipped, failed, skipped
