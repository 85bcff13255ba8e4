"""``./suite upgrade-test``: upgrade a database of the previous release and prove it kept
every record.

The previous release (a git tag) is checked out with ``git worktree add`` into a temporary
folder; a database is made there with demo data plus a generated load
(tools/upgrade/load.py), snapshotted (tools/upgrade/snapshot.py: row counts and a checksum
per stored field), upgraded with ``-u`` by the current code, snapshotted again, and the two
snapshots are compared. A migration declares what it changes on purpose in
``addons/<addon>/migrations/<version>/intended-changes.txt``.
"""

import json
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .odoo import Odoo

TAG_PATTERN = "release-*"
CHANGES_FILE = "intended-changes.txt"
UPGRADE_DIR = paths.ROOT / "tools" / "upgrade"


class UpgradeError(Exception):
    """A reason the upgrade test cannot run, in one line."""


# ------------------------------------------------------------ declared changes
def parse_version(text):
    """'18.0.1.2.0' or '1.2.0' -> (1, 2, 0); None when it is no version (e.g. '0.0.0')."""
    parts = text.strip().split(".")
    if not parts or not all(part.isdigit() for part in parts):
        return None
    numbers = tuple(int(part) for part in parts)
    if len(numbers) == 5 and numbers[:2] == (18, 0):
        numbers = numbers[2:]
    return numbers if any(numbers) else None


def parse_changes(text):
    """Lines 'model.field' or 'model.*', '#' starts a comment -> set of (model, field)."""
    declared = set()
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        model, _, name = line.rpartition(".")
        if not model or not name or " " in line:
            raise UpgradeError(f"bad line in {CHANGES_FILE}: {raw.strip()!r} (model.field)")
        declared.add((model, name))
    return declared


def declared_changes(addon_dir, old_version, new_version):
    """What the migrations of one addon after ``old_version`` up to ``new_version`` declare."""
    old, new = parse_version(old_version or "0"), parse_version(new_version)
    declared = set()
    migrations = Path(addon_dir) / "migrations"
    if not migrations.is_dir() or new is None:
        return declared
    for folder in sorted(migrations.iterdir()):
        version = parse_version(folder.name)
        if version is None or not (old is None or version > old) or version > new:
            continue
        changes = folder / CHANGES_FILE
        if changes.is_file():
            declared |= parse_changes(changes.read_text(encoding="utf-8"))
    return declared


# ------------------------------------------------------------------ comparison
@dataclass
class ModelReport:
    model: str
    rows_before: int | None
    rows_after: int | None
    differences: list = field(default_factory=list)  # unexpected: the test fails
    notes: list = field(default_factory=list)  # declared or added: reported only


def is_declared(declared, model, name):
    return (model, name) in declared or (model, "*") in declared


def expand(ranges):
    return {number for first, last in ranges for number in range(first, last + 1)}


def some(ids, limit=10):
    shown = ", ".join(str(number) for number in sorted(ids)[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def row_changes(old, new):
    """'rows 3000 -> 2999 (lost ids: 17)' from the snapshots' id ranges when they have them."""
    message = f"rows {old['rows']} -> {new['rows']}"
    if "ids" in old and "ids" in new:
        before, after = expand(old["ids"]), expand(new["ids"])
        parts = [
            f"{label} ids: {some(ids)}"
            for label, ids in (("lost", before - after), ("added", after - before))
            if ids
        ]
        if parts:
            message += f" ({'; '.join(parts)})"
    return message


def buckets(value):
    """A field's checksums per bucket of ids ({bucket: md5}); a plain md5 is one bucket."""
    return value if isinstance(value, dict) else {"*": value}


def stable_buckets(old, new):
    """The buckets of ids holding the same rows before and after, whose values compare.

    When rows are lost or added, the checksums of their bucket change for every field:
    those buckets are left out (the row change itself is reported), the others still
    prove each field unchanged. None means every bucket.
    """
    old_ids, new_ids = old["fields"].get("id"), new["fields"].get("id")
    if old_ids is None or new_ids is None:
        return None if old["rows"] == new["rows"] else set()
    old_ids, new_ids = buckets(old_ids), buckets(new_ids)
    return {bucket for bucket, checksum in old_ids.items() if new_ids.get(bucket) == checksum}


def field_changed(old_value, new_value, stable):
    old_buckets, new_buckets = buckets(old_value), buckets(new_value)
    keys = set(old_buckets) | set(new_buckets)
    if stable is not None:
        keys &= stable
    return any(old_buckets.get(key) != new_buckets.get(key) for key in keys)


def compare(before, after, declared):
    """Compare two snapshots' ``models`` mappings; return one :class:`ModelReport` a model."""
    reports = []
    for model in sorted(set(before) | set(after)):
        old, new = before.get(model), after.get(model)
        report = ModelReport(model, old and old["rows"], new and new["rows"])  # None when absent
        reports.append(report)
        if new is None:
            target = report.notes if is_declared(declared, model, "*") else report.differences
            target.append("model gone after the upgrade")
            continue
        if old is None:
            report.notes.append("new model")
            continue
        stable = stable_buckets(old, new)
        id_buckets = set(buckets(old["fields"].get("id", {}))) | set(
            buckets(new["fields"].get("id", {}))
        )
        if old["rows"] != new["rows"] or (stable is not None and stable != id_buckets):
            message = row_changes(old, new)
            if is_declared(declared, model, "id"):
                report.notes.append(message + " (declared)")
            else:
                report.differences.append(message)
        for name in sorted(set(old["fields"]) | set(new["fields"])):
            if name not in new["fields"]:
                change = f"field {name} gone"
            elif name not in old["fields"]:
                report.notes.append(f"new field {name}")
                continue
            elif field_changed(old["fields"][name], new["fields"][name], stable):
                change = f"field {name} changed"
            else:
                if (model, name) in declared:
                    report.notes.append(f"field {name} declared but unchanged")
                continue
            if is_declared(declared, model, name):
                report.notes.append(change + " (declared)")
            else:
                report.differences.append(change)
    return reports


def format_report(reports):
    """The per-model table, then every difference and note; returns (text, ok)."""
    width = max([len(report.model) for report in reports] + [5])
    lines = [f"{'model':<{width}}  {'rows before':>11}  {'rows after':>10}  result"]
    for report in reports:

        def show(rows):
            return "-" if rows is None else str(rows)

        result = "DIFFERENT" if report.differences else "ok"
        if report.notes and not report.differences:
            result = "ok, " + "; ".join(report.notes)
        lines.append(
            f"{report.model:<{width}}  {show(report.rows_before):>11}  "
            f"{show(report.rows_after):>10}  {result}"
        )
        field_lines = [
            d for d in report.differences if d.startswith("field ") and d.endswith(" changed")
        ]
        changed = [d.removeprefix("field ").removesuffix(" changed") for d in field_lines]
        others = [d for d in report.differences if d not in field_lines]
        if changed:  # one line: when rows are lost, every field's checksum changes
            others.append(f"{len(changed)} field(s) changed: {', '.join(changed)}")
        lines.extend(f"{'':<{width}}    ! {difference}" for difference in others)
        if report.differences:
            lines.extend(f"{'':<{width}}      {note}" for note in report.notes)
    different = [report for report in reports if report.differences]
    count = sum(len(report.differences) for report in different)
    if different:
        lines.append(
            f"\n{count} unexpected difference(s) in {len(different)} model(s) of "
            f"{len(reports)}: data lost or changed that no migration declares "
            f"({CHANGES_FILE})."
        )
    else:
        lines.append(f"\nNo unexpected difference in {len(reports)} models.")
    return "\n".join(lines), not different


# ------------------------------------------------------------------------- git
def git(*args, check=True):
    return subprocess.run(
        ["git", "-C", str(paths.ROOT), *args], capture_output=True, text=True, check=check
    )


def resolve_tag(tag):
    """The release to upgrade from: ``tag`` or the nearest release tag behind HEAD."""
    if tag is None:
        found = git("describe", "--tags", "--abbrev=0", f"--match={TAG_PATTERN}", check=False)
        if found.returncode:
            raise UpgradeError(
                f"no release tag ({TAG_PATTERN}) in this clone: get them with "
                "`git fetch --tags`, or name one with --from"
            )
        tag = found.stdout.strip()
    if git("rev-parse", "--verify", "--quiet", f"{tag}^{{commit}}", check=False).returncode:
        raise UpgradeError(
            f"no tag or commit {tag!r} in this clone: a fresh clone may lack the release "
            "tags, get them with `git fetch --tags`"
        )
    return tag


def manifest_versions(addons_dir):
    versions = {}
    for module in paths.SUITE_MODULES:
        text = (Path(addons_dir) / module / "__manifest__.py").read_text(encoding="utf-8")
        match = re.search(r"""["']version["']\s*:\s*["']([^"']+)["']""", text)
        versions[module] = match.group(1) if match else None
    return versions


# ------------------------------------------------------------------------- run
def run(server, tag, scale, keep_db, log=print):
    """Build, load, snapshot, upgrade, snapshot, compare; return the exit status."""
    tag = resolve_tag(tag)
    started = time.monotonic()
    database = f"suite_upgrade_{int(time.time())}"
    modules = ",".join(paths.SUITE_MODULES)
    log_path = paths.LOG_DIR / f"{database}.log"
    with tempfile.TemporaryDirectory(prefix="suite-upgrade-") as tmp:
        tmp = Path(tmp)
        old_tree, data_dir = tmp / "release", tmp / "data"
        log(f"==> Checking out {tag} into {old_tree} (git worktree)")
        git("worktree", "add", "--detach", str(old_tree), tag)
        try:
            old = Odoo(server, [old_tree / "addons"], data_dir)
            new = Odoo(server, [paths.ADDONS], data_dir)
            server.create_database(database)
            try:
                status = _steps(old, new, old_tree, database, modules, scale, tmp, log_path, log)
            finally:
                if keep_db:
                    log(f"Database {database!r} kept (--keep-db); its filestore is gone")
                else:
                    server.drop_database(database)
        finally:
            git("worktree", "remove", "--force", str(old_tree), check=False)
            git("worktree", "prune", check=False)
            shutil.rmtree(old_tree, ignore_errors=True)
    log(f"Upgrade test from {tag}: {time.monotonic() - started:.0f} s; Odoo log: {log_path}")
    return status


def _steps(old, new, old_tree, database, modules, scale, tmp, log_path, log):
    def shell(odoo, script, **environ):
        with script.open() as stdin:
            return odoo.run(
                "-d",
                database,
                "--no-http",
                "--log-level=warn",
                subcommand="shell",
                stdin=stdin,
                environ=environ,
            )

    old_versions, new_versions = (
        manifest_versions(old_tree / "addons"),
        manifest_versions(paths.ADDONS),
    )
    declared = set()
    for module in paths.SUITE_MODULES:
        declared |= declared_changes(
            paths.ADDONS / module, old_versions[module], new_versions[module]
        )
    log(
        "==> Versions: "
        + ", ".join(f"{m} {old_versions[m]} -> {new_versions[m]}" for m in paths.SUITE_MODULES)
    )
    log(f"==> Installing the release's addons with demo data in {database!r}")
    if old.run("-d", database, "-i", modules, "--stop-after-init", "--no-http", "--log-level=warn"):
        raise UpgradeError("installing the previous release failed")
    log(f"==> Generated load, scale {scale} (tools/upgrade/load.py, the release's models)")
    if shell(
        old, UPGRADE_DIR / "load.py", SUITE_UPGRADE_SCALE=str(scale), SUITE_ROOT=str(paths.ROOT)
    ):
        raise UpgradeError("the load generator failed on the previous release")
    before_path, after_path = tmp / "before.json", tmp / "after.json"
    log("==> Snapshot before the upgrade")
    if shell(old, UPGRADE_DIR / "snapshot.py", SUITE_UPGRADE_SNAPSHOT=str(before_path)):
        raise UpgradeError("the snapshot before the upgrade failed")
    log(f"==> Upgrading with the current code (-u {modules})")
    errors = []

    def on_line(line):
        if " ERROR " in line or " CRITICAL " in line:
            errors.append(line.rstrip())
            print(line, end="", flush=True)

    if new.run_logged(
        ["-d", database, "-u", modules, "--stop-after-init", "--no-http", "--log-level=info"],
        log_path,
        on_line,
    ):
        raise UpgradeError(f"the upgrade (-u) failed, see {log_path}")
    log("==> Snapshot after the upgrade")
    if shell(new, UPGRADE_DIR / "snapshot.py", SUITE_UPGRADE_SNAPSHOT=str(after_path)):
        raise UpgradeError("the snapshot after the upgrade failed")
    before = json.loads(before_path.read_text())
    after = json.loads(after_path.read_text())
    log(
        "==> Installed versions: "
        + ", ".join(
            f"{m} {before['modules'].get(m)} -> {after['modules'].get(m)}"
            for m in paths.SUITE_MODULES
        )
    )
    if declared:
        log(
            "==> Declared by the migrations: "
            + ", ".join(sorted(f"{model}.{name}" for model, name in declared))
        )
    text, ok = format_report(compare(before["models"], after["models"], declared))
    log(text)
    if errors:
        log(f"{len(errors)} ERROR/CRITICAL line(s) in the upgrade's log ({log_path})")
    return 0 if ok and not errors else 1
