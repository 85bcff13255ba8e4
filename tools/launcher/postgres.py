"""Find a PostgreSQL server Odoo can use, or start an embedded one.

Order: the PG* environment, a local server on the default socket, 127.0.0.1:5432, and
when none answers (or none lets us create databases), an embedded server from the
``pgserver`` wheel with its data in ``.local/pgdata``.
"""

import contextlib
import os
import subprocess
import sys
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

import psycopg2
from psycopg2 import sql

EMBEDDED_ROLE = "odoo"


@dataclass
class Server:
    label: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    def connect(self, dbname="postgres"):
        params = {"dbname": dbname, "connect_timeout": 5}
        for key in ("host", "port", "user", "password"):
            if getattr(self, key):
                params[key] = getattr(self, key)
        conn = psycopg2.connect(**params)
        conn.autocommit = True
        return conn

    def odoo_args(self):
        """Command-line options that point Odoo at this server."""
        args = []
        for key in ("host", "port", "user", "password"):
            if getattr(self, key):
                args.append(f"--db_{key}={getattr(self, key)}")
        return args

    def can_create_databases(self):
        try:
            with contextlib.closing(self.connect()) as conn, conn.cursor() as cr:
                cr.execute(
                    "SELECT rolcreatedb OR rolsuper, current_user FROM pg_roles"
                    " WHERE rolname = current_user"
                )
                row = cr.fetchone()
        except psycopg2.OperationalError:
            return False
        # Odoo refuses to run as the 'postgres' superuser.
        return bool(row and row[0] and row[1] != "postgres")

    def database_exists(self, name):
        with contextlib.closing(self.connect()) as conn, conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return bool(cr.fetchone())

    def installed_modules(self, dbname, names):
        with contextlib.closing(self.connect(dbname)) as conn, conn.cursor() as cr:
            cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
            if not cr.fetchone()[0]:  # a new, empty database
                return set()
            cr.execute(
                "SELECT name FROM ir_module_module WHERE state = 'installed' AND name IN %s",
                [tuple(names)],
            )
            return {name for (name,) in cr.fetchall()}

    def create_database(self, name):
        """Create an empty database as Odoo does, with pg_trgm only where the server has it.

        Odoo would try ``CREATE EXTENSION pg_trgm`` itself and log an ERROR line on servers
        without it (the embedded one): a log the test command must keep clean.
        """
        with contextlib.closing(self.connect()) as conn, conn.cursor() as cr:
            cr.execute(
                sql.SQL(
                    "CREATE DATABASE {} ENCODING 'unicode' LC_COLLATE 'C' TEMPLATE template0"
                ).format(sql.Identifier(name))
            )
        with contextlib.closing(self.connect(name)) as conn, conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
            if cr.fetchone():
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")

    def rename_database(self, name, new_name):
        with contextlib.closing(self.connect()) as conn, conn.cursor() as cr:
            cr.execute(
                sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                    sql.Identifier(name), sql.Identifier(new_name)
                )
            )

    def drop_database(self, name):
        with contextlib.closing(self.connect()) as conn, conn.cursor() as cr:
            cr.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def candidates():
    if any(key in os.environ for key in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD")):
        # libpq reads PG* itself; the values are repeated for Odoo's own options.
        yield Server(
            "the server named by the PG* environment",
            os.environ.get("PGHOST", ""),
            os.environ.get("PGPORT", ""),
            os.environ.get("PGUSER", ""),
            os.environ.get("PGPASSWORD", ""),
        )
    yield Server("the local server on the default socket")
    yield Server("the local server on 127.0.0.1:5432", host="127.0.0.1", port="5432")


@contextlib.contextmanager
def server(pgdata, log=print):
    """Yield a :class:`Server`; an embedded one is stopped when the block ends.

    ``SUITE_POSTGRES=embedded`` skips the search and always uses the embedded server.
    """
    forced = os.environ.get("SUITE_POSTGRES") == "embedded"
    for candidate in () if forced else candidates():
        if candidate.can_create_databases():
            log(f"PostgreSQL: {candidate.label}")
            yield candidate
            return
    log(f"PostgreSQL: none reachable here, starting an embedded server in {pgdata}")
    with _embedded(pgdata) as embedded:
        yield embedded


@contextlib.contextmanager
def _embedded(pgdata):
    try:
        import pgserver
    except ImportError:
        subprocess.check_call(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "pgserver==0.1.4",
            ]
        )
        import pgserver
    pgdata.mkdir(parents=True, exist_ok=True)
    with pgserver.get_server(pgdata, cleanup_mode="stop") as pg:
        uri = urlparse(pg.get_uri())
        socket_dir = parse_qs(uri.query).get("host", [uri.hostname or ""])[0]
        admin = Server("embedded (superuser)", socket_dir, str(uri.port or ""), "postgres")
        with contextlib.closing(admin.connect()) as conn, conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [EMBEDDED_ROLE])
            if not cr.fetchone():
                cr.execute(
                    sql.SQL("CREATE ROLE {} LOGIN CREATEDB").format(sql.Identifier(EMBEDDED_ROLE))
                )
        yield Server(f"embedded pgserver in {pgdata}", socket_dir, admin.port, EMBEDDED_ROLE)
