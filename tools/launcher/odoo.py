"""Build Odoo command lines and run them, streaming and keeping their logs."""

import configparser
import os
import socket
import subprocess
import sys

from . import paths


def configured_database():
    parser = configparser.ConfigParser()
    parser.read(paths.CONFIG)
    return parser.get("options", "db_name", fallback="territoires")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Odoo:
    """One Odoo set-up: the shared config file plus this machine's paths and database.

    Only paths and the database connection are overridden here; every other option
    comes from config/odoo.conf, which docker-compose.yml mounts too.
    """

    def __init__(self, server, addons_paths, data_dir, config=paths.CONFIG):
        self.server = server
        self.config = config
        self.addons_paths = [str(path) for path in addons_paths]
        self.data_dir = str(data_dir)

    def command(self, *args, subcommand=None):
        return [
            sys.executable,
            "-m",
            "odoo",
            *([subcommand] if subcommand else []),
            f"--config={self.config}",
            f"--addons-path={','.join(self.addons_paths)}",
            f"--data-dir={self.data_dir}",
            *self.server.odoo_args(),
            *args,
        ]

    @staticmethod
    def environment():
        # What Odoo's own launcher (setup/odoo) does before importing odoo.
        return {**os.environ, "TZ": "UTC"}

    def run(self, *args, subcommand=None, stdin=None, environ=None):
        return subprocess.run(
            self.command(*args, subcommand=subcommand),
            env={**self.environment(), **(environ or {})},
            stdin=stdin,
            check=False,
        ).returncode

    def run_logged(self, args, log_path, on_line):
        """Run Odoo, copy its whole log to ``log_path`` and hand each line to ``on_line``."""
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with (
            log_path.open("w") as log,
            subprocess.Popen(
                self.command(*args),
                env=self.environment(),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                bufsize=1,
            ) as process,
        ):
            for line in process.stdout:
                log.write(line)
                on_line(line)
        return process.returncode
