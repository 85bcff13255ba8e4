"""``./suite backup`` and ``./suite restore``: a database with its filestore, in Odoo's own
dump format (a zip of dump.sql, filestore/ and manifest.json).

Both run Odoo 18's ``odoo db dump`` / ``odoo db load`` (odoo/cli/db.py, which calls
``dump_db`` / ``restore_db`` of odoo/service/db.py): the database manager of the web
interface stays disabled (``list_db = False``), these are command-line tools.
"""

import json
import os
import shutil
import time
import zipfile
from pathlib import Path

from . import paths
from .odoo import Odoo

BACKUP_DIR = paths.LOCAL / "backups"


class BackupError(Exception):
    """A reason the backup or the restore is refused, in one line."""


def check_client_tools():
    missing = [tool for tool in ("pg_dump", "psql") if not shutil.which(tool)]
    if missing:
        raise BackupError(
            f"{' and '.join(missing)} not found: Odoo's dump and restore use PostgreSQL's "
            "client tools (sudo apt install postgresql-client)"
        )


def default_backup_path(database):
    return BACKUP_DIR / f"{database}-{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}.zip"


def read_manifest(path):
    """The dump's manifest.json; refuses anything that is not an Odoo zip dump."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no file {path}")
    if not zipfile.is_zipfile(path):
        raise BackupError(f"{path} is not an Odoo backup (a zip with dump.sql and filestore/)")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "dump.sql" not in names:
            raise BackupError(f"{path} is a zip without dump.sql: not an Odoo backup")
        if "manifest.json" not in names:
            return {}
        return json.loads(archive.read("manifest.json"))


def backup(server, database, target, data_dir=paths.DATA_DIR, force=False, log=print):
    """Dump ``database`` and its filestore into the zip ``target``; return its path."""
    check_client_tools()
    if not server.database_exists(database):
        raise BackupError(f"no database {database!r} on this server")
    target = Path(target) if target else default_backup_path(database)
    if target.exists() and not force:
        raise BackupError(f"{target} exists already: choose another file or add --force")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    log(f"==> Backing up {database!r} and its filestore into {target}")
    odoo = Odoo(server, [paths.ADDONS], data_dir)
    try:
        if odoo.run("dump", database, str(partial), subcommand="db"):
            raise BackupError(f"the dump of {database!r} failed (see the lines above)")
        manifest = read_manifest(partial)
        os.replace(partial, target)  # never a half-written backup under the final name
    finally:
        partial.unlink(missing_ok=True)
    with zipfile.ZipFile(target) as archive:
        files = sum(1 for name in archive.namelist() if name.startswith("filestore/"))
    log(
        f"Backup written: {target} ({target.stat().st_size / 1e6:.1f} MB, "
        f"{len(manifest.get('modules', {}))} modules, {files} filestore files)"
    )
    return target


def restore(
    server,
    source,
    database=None,
    data_dir=paths.DATA_DIR,
    force=False,
    neutralize=False,
    log=print,
):
    """Restore the zip ``source`` as ``database`` (default: the name it was dumped from)."""
    check_client_tools()
    manifest = read_manifest(source)
    database = database or manifest.get("db_name")
    if not database:
        raise BackupError(f"{source} does not say its database's name: give one with -d")
    exists = server.database_exists(database)
    if exists and not force:
        raise BackupError(
            f"database {database!r} exists already: restoring would replace its data and "
            "filestore; choose another name with -d NEWDB, or add --force to replace it"
        )
    # Restored under a temporary name first: a failed restore leaves nothing half-restored
    # and, with --force, the existing database untouched.
    staging = f"{database}_restoring_{os.getpid()}"
    filestores = Path(data_dir) / "filestore"
    log(f"==> Restoring {source} with its filestore (as {staging!r} until complete)")
    odoo = Odoo(server, [paths.ADDONS], data_dir)
    options = ["--neutralize"] if neutralize else []
    if odoo.run("load", *options, staging, str(source), subcommand="db"):
        server.drop_database(staging)
        shutil.rmtree(filestores / staging, ignore_errors=True)
        raise BackupError(f"the restore of {source} failed (see the lines above)")
    if exists:
        log(f"==> Replacing the existing database {database!r} and its filestore (--force)")
        server.drop_database(database)
        shutil.rmtree(filestores / database, ignore_errors=True)
    server.rename_database(staging, database)
    if (filestores / staging).exists():
        os.replace(filestores / staging, filestores / database)
    log(f"Database {database!r} restored from {source}")
    return database
