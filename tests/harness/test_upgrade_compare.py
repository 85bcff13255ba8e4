"""The verdict of ./suite upgrade-test: which differences between two snapshots fail it."""

import tempfile
import unittest
from pathlib import Path

from launcher.upgrade import (
    UpgradeError,
    compare,
    declared_changes,
    format_report,
    parse_changes,
    parse_version,
    resolve_tag,
)


def snapshot(**models):
    """snapshot(model=(rows, {field: checksum}))"""
    return {
        name.replace("_", "."): {"rows": rows, "fields": fields}
        for name, (rows, fields) in models.items()
    }


BEFORE = snapshot(
    support_case=(3000, {"name": "a1", "state": "b1", "date_open": "c1"}),
    res_partner=(1200, {"name": "d1", "siren": "e1"}),
    forum_zone=(4, {"name": "f1"}),
)


def differences(reports):
    return {(r.model, d) for r in reports for d in r.differences}


def notes(reports):
    return {(r.model, n) for r in reports for n in r.notes}


class TestCompare(unittest.TestCase):
    def test_identical_snapshots_pass(self):
        reports = compare(BEFORE, BEFORE, set())
        self.assertEqual(differences(reports), set())
        text, ok = format_report(reports)
        self.assertTrue(ok)
        self.assertIn("No unexpected difference in 3 models.", text)

    def test_lost_rows_fail(self):
        after = snapshot(
            support_case=(2999, {"name": "a1", "state": "b1", "date_open": "c1"}),
            res_partner=(1200, {"name": "d1", "siren": "e1"}),
            forum_zone=(4, {"name": "f1"}),
        )
        reports = compare(BEFORE, after, set())
        self.assertEqual(differences(reports), {("support.case", "rows 3000 -> 2999")})
        text, ok = format_report(reports)
        self.assertFalse(ok)
        self.assertIn("1 unexpected difference(s) in 1 model(s) of 3", text)

    def test_changed_gone_and_new_fields(self):
        after = snapshot(
            support_case=(3000, {"name": "a1", "state": "CHANGED", "date_open": "c1"}),
            res_partner=(1200, {"name": "d1", "siret": "new"}),  # siren gone, siret added
            forum_zone=(4, {"name": "f1"}),
        )
        reports = compare(BEFORE, after, set())
        self.assertEqual(
            differences(reports),
            {("support.case", "field state changed"), ("res.partner", "field siren gone")},
        )
        self.assertIn(("res.partner", "new field siret"), notes(reports))

    def test_declared_changes_are_reported_not_failed(self):
        after = snapshot(
            support_case=(3000, {"name": "a1", "state": "CHANGED", "date_open": "c1"}),
            res_partner=(1100, {"name": "d1", "siren": "e2"}),
        )  # forum.zone dropped on purpose, partners merged on purpose
        declared = {("support.case", "state"), ("res.partner", "*"), ("forum.zone", "*")}
        reports = compare(BEFORE, after, declared)
        self.assertEqual(differences(reports), set())
        self.assertTrue(format_report(reports)[1])
        self.assertLessEqual(
            {
                ("support.case", "field state changed (declared)"),
                ("res.partner", "rows 1200 -> 1100 (declared)"),
                ("forum.zone", "model gone after the upgrade"),
            },
            notes(reports),
        )

    def test_a_declaration_covers_only_its_field(self):
        # Checksums per bucket of ids: a row added in bucket 1 leaves bucket 0 comparable.
        before = {
            "support.case": {
                "rows": 1500,
                "fields": {
                    "id": {"0": "i0", "1": "i1"},
                    "name": {"0": "n0", "1": "n1"},
                    "state": {"0": "s0", "1": "s1"},
                },
            }
        }
        after = {
            "support.case": {
                "rows": 1501,
                "fields": {
                    "id": {"0": "i0", "1": "i1+"},
                    "name": {"0": "n0 CHANGED", "1": "n1+"},
                    "state": {"0": "s0 CHANGED", "1": "s1+"},
                },
            }
        }
        reports = compare(before, after, {("support.case", "state")})
        self.assertEqual(
            differences(reports),
            {
                ("support.case", "rows 1500 -> 1501"),  # rows need model.id or model.*
                ("support.case", "field name changed"),
            },
        )
        self.assertIn(("support.case", "field state changed (declared)"), notes(reports))

    def test_rows_declared_lost_leave_the_other_rows_checked(self):
        before = {
            "forum.zone": {
                "rows": 1500,
                "fields": {"id": {"0": "i0", "1": "i1"}, "name": {"0": "n0", "1": "n1"}},
            },
            "forum.job.offer": {
                "rows": 10,
                "fields": {"id": {"0": "j0"}, "title": {"0": "t0"}},
            },
        }
        after = {
            "forum.zone": {
                "rows": 1499,
                "fields": {"id": {"0": "i0", "1": "i1-"}, "name": {"0": "n0", "1": "n1-"}},
            },
            "forum.job.offer": {
                "rows": 10,  # as many rows, but not the same ones
                "fields": {"id": {"0": "j0 other"}, "title": {"0": "t0 other"}},
            },
        }
        reports = compare(before, after, {("forum.zone", "id")})
        self.assertEqual(differences(reports), {("forum.job.offer", "rows 10 -> 10")})
        self.assertIn(("forum.zone", "rows 1500 -> 1499 (declared)"), notes(reports))
        after["forum.zone"]["fields"]["name"]["0"] = "n0 CHANGED"  # in a bucket kept whole
        self.assertIn(
            ("forum.zone", "field name changed"),
            differences(compare(before, after, {("forum.zone", "id")})),
        )

    def test_lost_rows_are_named_and_fields_grouped(self):
        before = {
            "forum.zone": {
                "rows": 5,
                "fields": {
                    "id": {"0": "i", "1": "k"},
                    "a": {"0": "1", "1": "x"},
                    "b": {"0": "2", "1": "z"},
                },
                "ids": [[1, 5]],
            }
        }
        after = {
            "forum.zone": {
                "rows": 4,
                "fields": {
                    "id": {"0": "i-", "1": "k"},
                    "a": {"0": "3", "1": "y"},
                    "b": {"0": "4", "1": "z"},
                },
                "ids": [[1, 2], [4, 4], [6, 6]],
            }
        }
        reports = compare(before, after, set())
        self.assertEqual(
            differences(reports),
            {
                ("forum.zone", "rows 5 -> 4 (lost ids: 3, 5; added ids: 6)"),
                ("forum.zone", "field a changed"),  # bucket 1 lost no row
            },
        )
        text, ok = format_report(reports)
        self.assertFalse(ok)
        self.assertIn("! 1 field(s) changed: a", text)

    def test_new_model_is_a_note(self):
        after = {**BEFORE, **snapshot(forum_badge=(10, {"code": "x"}))}
        reports = compare(BEFORE, after, set())
        self.assertEqual(differences(reports), set())
        self.assertIn(("forum.badge", "new model"), notes(reports))


class TestDeclaredChanges(unittest.TestCase):
    def test_parse_versions(self):
        self.assertEqual(parse_version("18.0.1.2.0"), (1, 2, 0))
        self.assertEqual(parse_version("1.2.0"), (1, 2, 0))
        self.assertIsNone(parse_version("0.0.0"))
        self.assertIsNone(parse_version("tests"))

    def test_parse_changes(self):
        text = "# why\nsupport.case.state  # recomputed\n\nforum.zone.*\n"
        self.assertEqual(parse_changes(text), {("support.case", "state"), ("forum.zone", "*")})
        with self.assertRaises(UpgradeError):
            parse_changes("support case state")
        with self.assertRaises(UpgradeError):
            parse_changes("nodot")

    def test_only_migrations_after_the_old_release_count(self):
        with tempfile.TemporaryDirectory() as tmp:
            addon = Path(tmp)
            for version, line in (
                ("18.0.1.0.0", "old.model.a"),  # the old release itself: already applied
                ("18.0.1.1.0", "support.case.state"),
                ("1.2.0", "support.case.name"),  # short form
                ("18.0.1.3.0", "future.model.b"),  # after the new version
            ):
                folder = addon / "migrations" / version
                folder.mkdir(parents=True)
                (folder / "intended-changes.txt").write_text(line + "\n")
            (addon / "migrations" / "18.0.1.1.0" / "post-migrate.py").write_text("")
            self.assertEqual(
                declared_changes(addon, "18.0.1.0.0", "18.0.1.2.0"),
                {("support.case", "state"), ("support.case", "name")},
            )
            self.assertEqual(declared_changes(addon, "18.0.1.2.0", "18.0.1.2.0"), set())
            self.assertEqual(declared_changes(addon / "none", "18.0.1.0.0", "18.0.1.2.0"), set())


class TestReleaseTag(unittest.TestCase):
    def test_a_missing_tag_says_how_to_get_it(self):
        with self.assertRaises(UpgradeError) as caught:
            resolve_tag("release-1999.01.0")
        self.assertIn("git fetch --tags", str(caught.exception))
        self.assertEqual(len(str(caught.exception).splitlines()), 1)


if __name__ == "__main__":
    unittest.main()
