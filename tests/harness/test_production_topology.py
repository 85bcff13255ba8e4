"""The production topology: docker-compose.prod.yml and ./suite cluster, same files.

Docker cannot run here: the compose file is checked as data (services, ports, volumes,
the same config files as the native path). The native path's nginx configuration is
checked by nginx itself (``nginx -t``) and then run in front of two small HTTP servers
standing in for the Odoo nodes, to prove the routing and the failover of the real file.
The real Odoo nodes under load are the forum_rush bench (bench/README.md).
"""

import configparser
import http.server
import json
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

import yaml
from launcher import cluster, paths, postgres, system_packages

COMPOSE = paths.ROOT / "docker-compose.prod.yml"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port_range(count, avoid=()):
    """The first of ``count`` consecutive free ports (the nodes' HTTP and gevent ports)."""
    for _attempt in range(50):
        first = min(free_port(), 65535 - count)
        if any(first + i in avoid for i in range(count)):
            continue
        sockets = []
        try:
            for i in range(count):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", first + i))
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
        return first
    raise RuntimeError(f"no {count} consecutive free ports")


class TestComposeProduction(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.compose = yaml.safe_load(COMPOSE.read_text())
        cls.services = cls.compose["services"]

    def mounts(self, service):
        return {
            volume.split(":")[1]: volume.split(":")[0]
            for volume in self.services[service]["volumes"]
        }

    def test_services_and_images(self):
        self.assertEqual(set(self.services), {"db", "init", "odoo", "cron", "nginx"})
        self.assertEqual(self.services["db"]["image"], "postgres:16")
        for name in ("init", "odoo", "cron"):
            self.assertEqual(self.services[name]["image"], "odoo:18", name)
        self.assertTrue(self.services["nginx"]["image"].startswith("nginx:"))

    def test_odoo_nodes_can_be_scaled(self):
        odoo = self.services["odoo"]
        # A published port or a fixed name would stop `--scale odoo=2`.
        self.assertNotIn("ports", odoo)
        self.assertNotIn("container_name", odoo)
        self.assertEqual(set(odoo["expose"]), {"8069", "8072"})
        self.assertIn("--max-cron-threads=0", odoo["command"])
        self.assertEqual(odoo["environment"]["ODOO_RC"], "/etc/odoo/odoo-prod.conf")
        entrypoint = odoo["entrypoint"][-1]
        self.assertTrue((paths.ROOT / "config" / Path(entrypoint).name).is_file())
        self.assertIn("--workers=", (paths.ROOT / "config" / Path(entrypoint).name).read_text())

    def test_cron_service_runs_cron_only(self):
        command = self.services["cron"]["command"]
        self.assertIn("--no-http", command)
        self.assertIn("--max-cron-threads=2", command)
        self.assertTrue(any(arg.startswith("--workers=") for arg in command))

    def test_nodes_share_filestore_and_config(self):
        for name in ("init", "odoo", "cron"):
            mounts = self.mounts(name)
            self.assertEqual(mounts["/var/lib/odoo"], "odoo-data", name)
            self.assertEqual(mounts["/etc/odoo"], "./config", name)
            self.assertEqual(mounts["/mnt/extra-addons"], "./addons", name)
        self.assertEqual(set(self.compose["volumes"]), {"db-data", "odoo-data"})

    def test_nginx_uses_the_native_template(self):
        nginx = self.services["nginx"]
        self.assertEqual(nginx["ports"], ["80:80"])
        source = self.mounts("nginx")["/etc/nginx/templates/default.conf.template"]
        self.assertEqual((paths.ROOT / source).resolve(), cluster.NGINX_TEMPLATE)
        # Every placeholder has a value, and the nodes are found through Docker's DNS.
        rendered = cluster.render_nginx_template(nginx["environment"])
        self.assertIn("server odoo:8069 resolve", rendered)
        self.assertIn("server odoo:8072 resolve", rendered)
        self.assertEqual(nginx["depends_on"]["odoo"]["condition"], "service_healthy")

    def test_healthchecks(self):
        for name in ("db", "odoo", "nginx"):
            self.assertIn("test", self.services[name]["healthcheck"], name)
        self.assertIn("/web/health", " ".join(self.services["odoo"]["healthcheck"]["test"]))

    def test_production_options(self):
        parser = configparser.ConfigParser()
        parser.read(cluster.PROD_CONFIG)
        options = parser["options"]
        self.assertEqual(options["proxy_mode"], "True")
        self.assertEqual(options["max_cron_threads"], "0")
        self.assertEqual(options["gevent_port"], "8072")
        self.assertGreater(int(options["workers"]), 0)
        for limit in ("limit_memory_soft", "limit_memory_hard", "limit_time_cpu"):
            self.assertGreater(int(options[limit]), 0, limit)
        self.assertLess(int(options["limit_memory_soft"]), int(options["limit_memory_hard"]))


class TestNativeCluster(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="suite-cluster-test-"))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def make(self, **kwargs):
        server = postgres.Server("test", host="db.example", port="5433")
        return cluster.Cluster(server, "forum_db", self.tmp, **kwargs)

    def test_workers_sized_from_the_machine(self):
        # 2 x CPU + 1 for the machine, shared by its nodes, the first ones taking the rest.
        self.assertEqual(cluster.workers_of_nodes(1, cpus=4), [9])
        self.assertEqual(cluster.workers_of_nodes(2, cpus=4), [5, 4])
        self.assertEqual(cluster.workers_of_nodes(2, cpus=2), [3, 2])
        self.assertEqual(cluster.workers_of_nodes(2, cpus=1), [2, 2])  # never under 2
        # One Docker node's share (config/odoo-prod-entrypoint.sh): the same for each.
        self.assertEqual(cluster.workers_per_node(1, cpus=4), 9)
        self.assertEqual(cluster.workers_per_node(2, cpus=4), 4)
        self.assertEqual(cluster.workers_per_node(2, cpus=1), 2)
        topology = self.make(nodes=2)
        self.assertEqual(topology.workers, cluster.workers_of_nodes(2))
        for index, workers in enumerate(topology.workers):
            self.assertIn(f"--workers={workers}", topology.node_command(index))

    def test_command_lines(self):
        topology = self.make(nodes=2, workers=3, port=9000, node_port=9100)
        node = topology.node_command(1)
        self.assertIn(f"--config={cluster.PROD_CONFIG}", node)
        for arg in (
            "--http-port=9102",
            "--gevent-port=9103",
            "--workers=3",
            "--max-cron-threads=0",
            "--db_host=db.example",
            "--db-filter=^forum_db$",
            f"--data-dir={self.tmp / 'data'}",
        ):
            self.assertIn(arg, node)
        cron = topology.cron_command()
        self.assertIn("--no-http", cron)
        self.assertIn("--max-cron-threads=1", cron)

    def test_nginx_accepts_the_generated_configuration(self):
        system_packages.ensure_nginx()
        topology = self.make(nodes=2, port=9000, node_port=9100)
        main = topology.write_nginx_config()
        site = (self.tmp / "odoo-site.conf").read_text()
        # Each request to the node with the fewest in flight for its workers.
        first, second = topology.workers
        self.assertIn("upstream odoo {\n    least_conn;", site)
        self.assertIn(f"server 127.0.0.1:9100 weight={first} max_fails=1", site)
        self.assertIn(f"server 127.0.0.1:9102 weight={second} max_fails=1", site)
        self.assertIn("server 127.0.0.1:9103 max_fails=1", site)
        self.assertNotIn("${", site)
        check = subprocess.run(
            [*topology.nginx_command(main), "-t"], capture_output=True, text=True, check=False
        )
        self.assertEqual(check.returncode, 0, check.stderr)

    def test_routing_and_failover_through_the_real_nginx(self):
        """Two stand-in nodes behind the generated config: one stops, nothing fails."""
        system_packages.ensure_nginx()
        port = free_port()
        node_port = free_port_range(4, avoid={port})
        nodes = [self.stand_in(node_port + 2 * i, f"node{i + 1}") for i in range(2)]
        for i in range(2):  # the gevent ports, for /websocket
            self.stand_in(node_port + 2 * i + 1, f"ws{i + 1}")
        topology = self.make(nodes=2, port=port, node_port=node_port)
        main = topology.write_nginx_config()
        process = subprocess.Popen(
            topology.nginx_command(main), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.addCleanup(process.wait, 10)
        self.addCleanup(process.terminate)
        base = f"http://127.0.0.1:{port}"
        self.wait_for(base + "/web/health")
        seen = {self.get(base + "/web/health")[1]["node"] for _ in range(6)}
        self.assertEqual(seen, {"node1", "node2"})
        self.assertIn(self.get(base + "/websocket")[1]["node"], {"ws1", "ws2"})
        _status, _body, headers = self.get(
            base + "/web/health", headers={"Accept-Encoding": "gzip"}, raw=True
        )
        self.assertEqual(headers.get("Content-Encoding"), "gzip")
        # Over client_max_body_size: refused by nginx, not streamed to a node.
        status, _body = self.get(
            base + "/web/binary/upload",
            headers={"Content-Length": str(200 * 1024 * 1024)},
            method="POST",
        )
        self.assertEqual(status, 413)
        nodes[0].shutdown()
        nodes[0].server_close()
        answers = [self.get(base + "/web/health") for _ in range(6)]
        self.assertEqual({status for status, _body in answers}, {200})
        self.assertEqual({body["node"] for _status, body in answers}, {"node2"})

    # ---------------------------------------------------------------- helpers
    def stand_in(self, port, name):
        """An HTTP server answering {"node": name} (JSON, 2 KB, so that gzip applies)."""

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = json.dumps({"node": name, "padding": "x" * 2000}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        return server

    def get(self, url, headers=None, method="GET", raw=False):
        request = urllib.request.Request(url, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                body = response.read()
                if raw:
                    return response.status, body, response.headers
                return response.status, json.loads(body)
        except urllib.error.HTTPError as error:
            return (error.code, None, error.headers) if raw else (error.code, None)

    def wait_for(self, url, seconds=10):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        self.fail(f"nginx did not answer on {url}")
