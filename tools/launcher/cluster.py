"""The production topology on this machine: Debian's nginx in front of Odoo prefork nodes.

The same configuration files as docker-compose.prod.yml: config/odoo-prod.conf for the
nodes' options and config/nginx-odoo.conf.template for nginx, rendered here with the
127.0.0.1 addresses of the nodes. Every node shares the database and the data_dir
(filestore, sessions); one more node runs the cron jobs only. Used by ``./suite cluster``
and the forum_rush bench.
"""

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from . import paths
from .odoo import Odoo

PROD_CONFIG = paths.ROOT / "config" / "odoo-prod.conf"
NGINX_TEMPLATE = paths.ROOT / "config" / "nginx-odoo.conf.template"
PLACEHOLDER = re.compile(r"\$\{([A-Z_]+)\}")
STOP_SECONDS = 30


class ClusterError(RuntimeError):
    pass


def workers_of_nodes(nodes, cpus=None):
    """Odoo's guide: 2 x CPU + 1 HTTP workers for the machine, shared by its nodes.

    The first nodes take what the division leaves (2 cores, 2 nodes: 3 + 2 workers, the
    guide's 5), at least 2 each.
    """
    cpus = cpus or os.cpu_count() or 1
    total = 2 * cpus + 1
    return [max(2, total // nodes + (index < total % nodes)) for index in range(nodes)]


def workers_per_node(nodes, cpus=None):
    """The share of the smallest node: what config/odoo-prod-entrypoint.sh computes in
    each Docker node (the replicas of a service cannot tell which of them gets one more).
    """
    return min(workers_of_nodes(nodes, cpus))


def render_nginx_template(values, template=NGINX_TEMPLATE):
    """The template with each ${NAME} replaced (as envsubst does); nginx's $vars kept."""
    text = Path(template).read_text()
    missing = sorted(set(PLACEHOLDER.findall(text)) - set(values))
    if missing:
        raise ClusterError(f"no value for {', '.join(missing)} in {template}")
    return PLACEHOLDER.sub(lambda match: values[match[1]], text)


def nginx_main_config(run_dir, site_config, as_root):
    """nginx.conf of a private nginx: pid, temp files and logs in ``run_dir``."""
    run_dir = Path(run_dir)
    temp = {
        name: run_dir / "temp" / name
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    }
    return "\n".join(
        [
            "# Written by tools/launcher/cluster.py: a private nginx for ./suite cluster.",
            *(["user nobody nogroup;"] if as_root else []),
            "daemon off;",
            "worker_processes 2;",
            f"pid {run_dir / 'nginx.pid'};",
            f"error_log {run_dir / 'logs' / 'error.log'} warn;",
            "events { worker_connections 1024; }",
            "http {",
            "    include /etc/nginx/mime.types;",
            "    default_type application/octet-stream;",
            "    sendfile on;",
            *(f"    {name}_temp_path {path};" for name, path in temp.items()),
            f"    include {site_config};",
            "}",
            "",
        ]
    )


class Cluster:
    """``nodes`` Odoo prefork nodes (+ a cron node) behind nginx, on one database.

    Node ``i`` (from 0) serves HTTP on ``node_port + 2 i`` and its websocket (gevent) on
    ``node_port + 2 i + 1``, on 127.0.0.1 only; nginx listens on 127.0.0.1:``port``.
    """

    def __init__(
        self,
        server,
        database,
        run_dir,
        *,
        nodes=2,
        workers=None,
        port=8080,
        node_port=8090,
        cron=True,
        addons_paths=(paths.ADDONS,),
        data_dir=None,
        log=print,
    ):
        self.server = server
        self.database = database
        self.run_dir = Path(run_dir)
        self.nodes = nodes
        # HTTP workers of each node: ``workers`` each, or the machine's share.
        self.workers = [workers] * nodes if workers else workers_of_nodes(nodes)
        self.port = port
        self.node_port = node_port
        self.cron = cron
        self.data_dir = Path(data_dir or self.run_dir / "data")
        self.odoo = Odoo(server, addons_paths, self.data_dir, config=PROD_CONFIG)
        self.log = log
        self.processes = {}  # name -> Popen, each the leader of its own process group

    # ---------------------------------------------------------------- configuration
    def node_ports(self, index):
        return self.node_port + 2 * index, self.node_port + 2 * index + 1

    def node_command(self, index):
        http_port, gevent_port = self.node_ports(index)
        return self.odoo.command(
            "-d",
            self.database,
            f"--db-filter=^{re.escape(self.database)}$",
            "--http-interface=127.0.0.1",
            f"--http-port={http_port}",
            f"--gevent-port={gevent_port}",
            f"--workers={self.workers[index]}",
            "--max-cron-threads=0",
        )

    def cron_command(self):
        # Prefork without HTTP runs cron workers only (limit_time_real_cron applies).
        return self.odoo.command(
            "-d", self.database, "--workers=1", "--no-http", "--max-cron-threads=1"
        )

    def nginx_values(self):
        def servers(port_of, weighted):
            return " ".join(
                f"server 127.0.0.1:{port_of(i)}"
                # least_conn weighs each node's requests in flight against its workers.
                + (f" weight={self.workers[i]}" if weighted else "")
                + " max_fails=1 fail_timeout=10s;"
                for i in range(self.nodes)
            )

        return {
            "NGINX_LISTEN": f"127.0.0.1:{self.port}",
            "NGINX_LOG_DIR": str(self.run_dir / "logs"),
            "NGINX_CACHE_DIR": str(self.run_dir / "cache"),
            "ODOO_HTTP_SERVERS": servers(lambda i: self.node_ports(i)[0], weighted=True),
            "ODOO_WEBSOCKET_SERVERS": servers(lambda i: self.node_ports(i)[1], weighted=False),
        }

    def write_nginx_config(self):
        """Write the nginx files into the run directory; return the main config's path."""
        as_root = os.geteuid() == 0
        for sub in ("logs", "cache", "temp"):
            (self.run_dir / sub).mkdir(parents=True, exist_ok=True)
        site = self.run_dir / "odoo-site.conf"
        site.write_text(render_nginx_template(self.nginx_values()))
        main = self.run_dir / "nginx.conf"
        main.write_text(nginx_main_config(self.run_dir, site, as_root))
        if as_root:  # nginx's workers run as nobody: they write the cache and temp files
            for sub in ("cache", "temp"):
                shutil.chown(self.run_dir / sub, "nobody", "nogroup")
        return main

    def nginx_command(self, main_config):
        return [nginx_binary(), "-p", str(self.run_dir), "-c", str(main_config)]

    # ---------------------------------------------------------------- processes
    def _spawn(self, name, command):
        log_path = self.run_dir / "logs" / f"{name}.log"
        with log_path.open("ab") as log_file:
            self.processes[name] = subprocess.Popen(
                command,
                env=Odoo.environment(),
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped as one
            )

    def node_logs(self):
        return sorted((self.run_dir / "logs").glob("odoo-*.log"))

    def start(self, timeout=180):
        self.data_dir.mkdir(parents=True, exist_ok=True)
        main_config = self.write_nginx_config()
        check = subprocess.run(
            [*self.nginx_command(main_config), "-t", "-q"],
            check=False,
            capture_output=True,
            text=True,
        )
        if check.returncode:
            raise ClusterError(f"nginx refused its configuration: {check.stderr.strip()}")
        for index in range(self.nodes):
            self._spawn(f"odoo-node{index + 1}", self.node_command(index))
        if self.cron:
            self._spawn("odoo-cron", self.cron_command())
        self._spawn("nginx", self.nginx_command(main_config))
        urls = [f"http://127.0.0.1:{self.node_ports(i)[0]}/web/health" for i in range(self.nodes)]
        urls.append(f"http://127.0.0.1:{self.port}/web/health")
        deadline = time.monotonic() + timeout
        for url in urls:
            wait_healthy(url, deadline, self.processes)
        self.log(
            f"==> Cluster up: nginx on http://127.0.0.1:{self.port} in front of "
            f"{self.nodes} node(s) of {' + '.join(map(str, self.workers))} workers"
            + (" and a cron node" if self.cron else "")
            + f"; logs in {self.run_dir / 'logs'}"
        )

    def kill_node(self, index):
        """Kill node ``index`` at once (SIGKILL to its master and workers)."""
        self._signal(f"odoo-node{index + 1}", signal.SIGKILL)

    def _signal(self, name, signum):
        process = self.processes.get(name)
        if process and process.poll() is None:
            try:
                os.killpg(process.pid, signum)
            except ProcessLookupError:
                pass

    def stop(self):
        for name in list(self.processes):
            self._signal(name, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for name, process in self.processes.items():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._signal(name, signal.SIGKILL)
                process.wait(timeout=STOP_SECONDS)
        # A killed master leaves its workers to die on their own: end what is left of
        # each group we started.
        for name in self.processes:
            self._signal(name, signal.SIGKILL)
        self.processes.clear()

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()


def nginx_binary():
    found = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
    )
    if not found:
        raise ClusterError("nginx is not installed: sudo apt-get install nginx")
    return found


def wait_healthy(url, deadline, processes):
    """Poll ``url`` until it answers 200, a process dies or the deadline passes."""
    while time.monotonic() < deadline:
        dead = [name for name, process in processes.items() if process.poll() is not None]
        if dead:
            raise ClusterError(f"{', '.join(dead)} stopped while starting (see its log)")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise ClusterError(f"{url} did not answer in time")
