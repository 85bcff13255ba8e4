"""Locust file of the forum_rush benchmark (run by tools/launcher/forum_rush.py).

Desks and advisors speak JSON-RPC to nginx as Odoo's web client does:
- every desk and advisor logs in first, and the rush starts once all are logged in (staff
  open their sessions before the doors open; the logins are reported apart);
- a desk then scans its share of the badges at an even pace
  (event.registration.forum_desk_scan) and shows its live counters after each scan, as
  the desk screen does: from the scan's answer when the server gives them with it
  (FORUM_RUSH data "scan_counters"), else by reloading them (forum_desk_counters), as
  after a lost answer and every 2 s once finished. A scan whose answer is lost (connection
  error, 502/503/504) goes to the desk's offline queue and is replayed in order, as the
  desk screen does with its browser queue; the scan keeps its time (scanned_at) and, when
  the server takes one, the id the desk made for it (FORUM_RUSH data "scan_id_field").
- an advisor opens, in turn, the kanban of his cases, the reminders board and the
  observatory's analysis pivot: /web/action/load, get_views, then web_read_group and
  web_search_read (kanban), web_search_read (list), read_group (pivot). Each screen is
  also recorded as one "page" entry: the time until all its calls answered.

Input: $FORUM_RUSH_DATA (JSON written by bench/forum_rush_setup.py); output: one JSON file
per desk in $FORUM_RUSH_RESULTS. Only 127.0.0.1 is ever targeted.
"""

import itertools
import json
import os
import random
import time
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import gevent
from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

DATA = json.loads(Path(os.environ["FORUM_RUSH_DATA"]).read_text())
RESULTS = Path(os.environ["FORUM_RUSH_RESULTS"])
SECONDS = float(os.environ.get("FORUM_RUSH_SECONDS", "300"))
DESKS = len(DATA["desks"])
# Every badge is scanned by 80 % of the run: the rest is for replays and final checks.
SCAN_WINDOW = 0.8 * SECONDS
LOST_STATUSES = {0, 502, 503, 504}
MAX_REPLAYS_PER_TURN = 20
LOGIN_ATTEMPTS = 10
# Desks that scanned all their badges, and when the last one did: the run ends once every
# desk has read its counters after that moment (or at Locust's --run-time, a hard bound).
_finished_desks = set()
_last_desk_finished_at = []
_final_counters_read = set()
_quitting = []
# Staff open their sessions before the doors open: every desk and advisor logs in first,
# and the rush starts once all are in (at the latest OPENING_TIMEOUT after the first).
_logged_in = set()
OPENING_TIMEOUT = 120
_desk_numbers = itertools.count()
_advisor_numbers = itertools.count()
_rpc_ids = itertools.count(1)


class LostAnswer(Exception):
    """No answer from the server (network, or nginx found no node to answer)."""


class RpcError(Exception):
    pass


class OdooUser(FastHttpUser):
    """A user of the web client: its own session cookie, one request at a time.

    FastHttpUser (geventhttpclient, installed with Locust) rather than HttpUser
    (python-requests): the same requests, cookies and keep-alive connection to nginx, for
    a fraction of the CPU, which Locust takes from the servers it measures on this machine.
    No request is retried (max_retries = 0, as HttpUser), and none is given up on before
    nginx gives up on the node (proxy_read_timeout): the web client does not time out.
    """

    abstract = True
    network_timeout = 720.0
    max_retries = 0

    def on_start(self):
        if not (self.host or "").startswith("http://127.0.0.1:"):
            raise StopUser(f"forum_rush only targets 127.0.0.1, not {self.host}")
        self.uid = None
        self.user_context = {}

    def rpc(self, path, params, name):
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(_rpc_ids), "params": params}
        lost = error = None
        with self.client.post(path, json=payload, name=name, catch_response=True) as response:
            if response.status_code in LOST_STATUSES:
                lost = f"HTTP {response.status_code}"
                response.failure(lost)
            elif response.status_code != 200:
                error = f"HTTP {response.status_code}"
                response.failure(error)
            else:
                body = response.json()
                if "error" in body:
                    error = body["error"].get("data", {}).get("message") or str(body["error"])
                    response.failure(error)
                else:
                    result = body["result"]
        if lost:
            raise LostAnswer(lost)
        if error:
            raise RpcError(error)
        return result

    def call_kw(self, model, method, args, kwargs=None, name=None):
        kwargs = {
            **(kwargs or {}),
            "context": {**self.user_context, **(kwargs or {}).get("context", {})},
        }
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
            name or f"{model}/{method}",
        )

    def login(self, login):
        for attempt in range(LOGIN_ATTEMPTS):
            try:
                result = self.rpc(
                    "/web/session/authenticate",
                    {"db": DATA["database"], "login": login, "password": DATA["password"]},
                    "login",
                )
                break
            except LostAnswer:
                if attempt == LOGIN_ATTEMPTS - 1:
                    raise
                time.sleep(1)
        self.uid = result["uid"]
        self.user_context = result["user_context"]
        self.wait_for_the_opening(login)

    def wait_for_the_opening(self, login):
        _logged_in.add(login)
        everyone = len(DATA["desks"]) + len(DATA["advisors"])
        deadline = time.monotonic() + OPENING_TIMEOUT
        while len(_logged_in) < everyone and time.monotonic() < deadline:
            gevent.sleep(0.2)


# ---------------------------------------------------------------------------- desks
class Desk(OdooUser):
    fixed_count = DESKS
    wait_time = between(0, 0)  # paced inside the task

    def on_start(self):
        super().on_start()
        self.number = next(_desk_numbers)
        self.badges = DATA["barcodes"][self.number :: DESKS]
        self.next_badge = 0
        self.queue = []  # scans waiting for the network, oldest first
        self.tally = {"welcome": 0, "already_after_lost_answer": 0, "lost_answers": 0}
        self.statuses = {}
        self.pace = SCAN_WINDOW / max(1, len(self.badges))
        self.done = False
        self.login(DATA["desks"][self.number])
        self.started = time.monotonic()  # the doors open

    def make_scan(self, barcode):
        scan = {"barcode": barcode, "scanned_at": datetime.now(timezone.utc).isoformat()}
        if DATA["scan_id_field"]:
            scan[DATA["scan_id_field"]] = str(uuid.uuid4())
        return scan

    def send(self, scan, replay):
        kwargs = {}
        if replay:  # a live scan is timed by the server, a replayed one keeps its time
            kwargs["scanned_at"] = scan["scanned_at"]
        if DATA["scan_id_field"]:
            kwargs[DATA["scan_id_field"]] = scan[DATA["scan_id_field"]]
        if DATA.get("scan_counters"):
            kwargs["with_counters"] = True
        result = self.call_kw(
            "event.registration",
            "forum_desk_scan",
            [DATA["event_id"], scan["barcode"]],
            kwargs,
            name="desk: scan (replay)" if replay else "desk: scan",
        )
        if "counters" in result:
            self.counters = result["counters"]
        status = result["status"]
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status == "welcome":
            self.tally["welcome"] += 1
        elif status == "already_checked_in" and scan.get("lost"):
            self.tally["already_after_lost_answer"] += 1
        return result

    def replay_queue(self):
        """Replay queued scans in order; stop at the first that is lost again."""
        for _ in range(min(MAX_REPLAYS_PER_TURN, len(self.queue))):
            try:
                self.send(self.queue[0], replay=True)
            except LostAnswer:
                return False
            except RpcError:
                pass  # refused by the server (e.g. rights): not retried for ever
            self.queue.pop(0)
        return not self.queue

    def refresh_counters(self):
        try:
            self.counters = self.call_kw(
                "event.registration",
                "forum_desk_counters",
                [DATA["event_id"]],
                name="desk: counters",
            )
        except (LostAnswer, RpcError):
            pass

    @task
    def scan_next(self):
        if self.done:
            # Finished: keep the counters on screen up to date; once every desk has
            # finished, the counters read then must be exact, and the run can end.
            time.sleep(2)
            read_after_all = bool(_last_desk_finished_at)
            self.refresh_counters()
            self.write_result(done=True)
            if read_after_all:
                _final_counters_read.add(self.number)
            if (
                len(_final_counters_read) == DESKS
                and time.monotonic() >= self.started + SECONDS
                and not _quitting
            ):
                # Once, and from a greenlet of its own: the runner stops every user.
                _quitting.append(True)
                gevent.spawn(self.environment.runner.quit)
            return
        due = self.started + self.next_badge * self.pace
        time.sleep(max(0.0, due - time.monotonic()))
        if self.queue:
            self.replay_queue()
        if self.next_badge < len(self.badges):
            scan = self.make_scan(self.badges[self.next_badge])
            self.next_badge += 1
            result = None
            if self.queue:
                self.queue.append(scan)  # keep the order behind the waiting ones
            else:
                try:
                    result = self.send(scan, replay=False)
                except LostAnswer:
                    self.tally["lost_answers"] += 1
                    scan["lost"] = True
                    self.queue.append(scan)
            if not result or "counters" not in result:
                self.refresh_counters()
        elif not self.queue:
            self.refresh_counters()
            self.write_result(done=True)
            self.done = True
            _finished_desks.add(self.number)
            if len(_finished_desks) == DESKS:
                _last_desk_finished_at.append(time.monotonic())
        else:
            time.sleep(0.5)

    def write_result(self, done):
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"desk-{self.number:02d}.json").write_text(
            json.dumps(
                {
                    "desk": DATA["desks"][self.number],
                    "done": done,
                    "badges": len(self.badges),
                    "scanned": self.next_badge,
                    "queued": len(self.queue),
                    "tally": self.tally,
                    "statuses": self.statuses,
                    "counters": getattr(self, "counters", None),
                }
            )
        )

    def on_stop(self):
        if not self.done:
            self.write_result(done=False)


# ------------------------------------------------------------------------- advisors
def view_fields(arch):
    """Names of the fields a view shows (its <field> elements, outside sub-views)."""
    return list(dict.fromkeys(node.get("name") for node in ET.fromstring(arch).iter("field")))


def specification(names, fields):
    spec = {}
    for name in names:
        kind = fields.get(name, {}).get("type")
        if kind in ("many2one", "many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}}
        elif kind:
            spec[name] = {}
    return spec


class Advisor(OdooUser):
    fixed_count = len(DATA["advisors"])
    wait_time = between(3, 10)

    def on_start(self):
        super().on_start()
        self.number = next(_advisor_numbers)
        self.login(DATA["advisors"][self.number])
        time.sleep(random.uniform(0, 5))

    def open_screen(self, page, action_xmlid, view_type, load):
        start = time.perf_counter()
        exception = None
        try:
            action = self.rpc(
                "/web/action/load",
                {"action_id": action_xmlid, "context": self.user_context},
                "web: action/load",
            )
            model = action["res_model"]
            views = self.call_kw(
                model,
                "get_views",
                [],
                {
                    "views": [[False, view_type], [False, "search"]],
                    "options": {"action_id": action["id"], "load_filters": True, "toolbar": True},
                },
                name=f"{model}/get_views",
            )
            described = views["models"][model]
            fields = described.get("fields", described)
            load(model, views["views"][view_type]["arch"], fields)
        except (LostAnswer, RpcError) as error:
            exception = error
        events.request.fire(
            request_type="PAGE",
            name=page,
            response_time=(time.perf_counter() - start) * 1000,
            response_length=0,
            exception=exception,
            context={},
        )

    @task(2)
    def case_kanban(self):
        def load(model, arch, fields):
            domain = [["user_id", "=", self.uid]]  # the action's default filter "My Cases"
            spec = specification(view_fields(arch), fields)
            groups = self.call_kw(
                model,
                "web_read_group",
                [domain, [], ["stage_id"]],
                {"limit": 80, "lazy": True},
                name=f"{model}/web_read_group",
            )
            for group in groups["groups"]:
                if group.get("stage_id_count"):
                    self.call_kw(
                        model,
                        "web_search_read",
                        [],
                        {"domain": group["__domain"], "specification": spec, "limit": 40},
                        name=f"{model}/web_search_read (kanban)",
                    )

        self.open_screen(
            "page: case kanban", "accompagnement_entreprise.support_case_action", "kanban", load
        )

    @task(1)
    def reminders_board(self):
        def load(model, arch, fields):
            self.call_kw(
                model,
                "web_search_read",
                [],
                {
                    "domain": [["reminder_level", "!=", False], ["state", "=", "new"]],
                    "specification": specification(view_fields(arch), fields),
                    "limit": 80,
                    "count_limit": 10001,
                },
                name=f"{model}/web_search_read (list)",
            )

        self.open_screen(
            "page: reminders board",
            "accompagnement_entreprise.support_case_action_reminder",
            "list",
            load,
        )

    @task(1)
    def observatory(self):
        def load(model, arch, fields):
            root = ET.fromstring(arch)
            by_type = {
                kind: [n.get("name") for n in root.iter("field") if n.get("type") == kind]
                for kind in ("row", "col", "measure")
            }
            measures = ["__count"] + [f"{name}:sum" for name in by_type["measure"]]
            row, col = by_type["row"][:1], by_type["col"][:1]
            # The pivot asks one read_group per combination of its row and column groupings.
            for groupby in ([], row, col, row + col):
                self.call_kw(
                    model,
                    "read_group",
                    [],
                    {
                        "domain": [["state", "=", "active"]],  # its default filter "Active"
                        "fields": measures,
                        "groupby": groupby,
                        "lazy": False,
                    },
                    name=f"{model}/read_group (pivot)",
                )

        self.open_screen(
            "page: observatory",
            "territoire_industrie.territory_establishment_analysis_action",
            "pivot",
            load,
        )
