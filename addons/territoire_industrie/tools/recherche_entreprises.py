"""Client of the public API Recherche d'entreprises (annuaire-entreprises, DINUM).

    GET {base_url}/search?q=...&commune=...&page=N&per_page=25

Honours the API's limits: 25 results per page, 10,000 results per query (page x per_page),
about 7 requests per second. Retries connection failures, timeouts, 429 and 5xx answers
with a growing delay (and the server's Retry-After), then gives up with an error whose code
the Odoo side turns into a French message. Never waits without a timeout.
"""

import time

import requests

BASE_URL = "https://recherche-entreprises.api.gouv.fr"
PER_PAGE = 25
MAX_RESULTS = 10_000
RETRY_STATUSES = {429, 500, 502, 503, 504}


class RechercheEntreprisesError(Exception):
    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code  # unreachable, timeout, http_error, bad_response
        self.params = params


class RechercheEntreprisesClient:
    def __init__(
        self,
        base_url=BASE_URL,
        rate=7.0,
        timeout=10.0,
        retries=3,
        backoff=0.5,
        session=None,
        sleep=time.sleep,
        clock=time.monotonic,
    ):
        self.base_url = base_url.rstrip("/")
        self.min_interval = 1.0 / rate
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.session = session or requests.Session()
        self._sleep = sleep
        self._clock = clock
        self._next_slot = 0.0
        self.requests_sent = 0

    def _wait_for_slot(self):
        now = self._clock()
        if now < self._next_slot:
            self._sleep(self._next_slot - now)
            now = self._next_slot
        self._next_slot = now + self.min_interval

    def search(self, **params):
        """One page of results (the API's JSON as a dict)."""
        params = {"per_page": PER_PAGE, "page": 1, **params}
        for attempt in range(self.retries + 1):
            self._wait_for_slot()
            self.requests_sent += 1
            last_try = attempt == self.retries
            try:
                response = self.session.get(
                    f"{self.base_url}/search", params=params, timeout=self.timeout
                )
            except requests.Timeout as exc:
                if last_try:
                    raise RechercheEntreprisesError("timeout") from exc
            except requests.RequestException as exc:
                if last_try:
                    raise RechercheEntreprisesError("unreachable", error=str(exc)) from exc
            else:
                if response.status_code == 200:
                    try:
                        payload = response.json()
                    except ValueError as exc:
                        raise RechercheEntreprisesError("bad_response") from exc
                    if not isinstance(payload, dict) or not isinstance(
                        payload.get("results"), list
                    ):
                        raise RechercheEntreprisesError("bad_response")
                    return payload
                if response.status_code not in RETRY_STATUSES or last_try:
                    raise RechercheEntreprisesError("http_error", status=response.status_code)
                retry_after = response.headers.get("Retry-After", "")
                if retry_after.isdigit():
                    self._sleep(min(int(retry_after), 30))
                    continue
            self._sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")  # the loop returns or raises

    def iter_results(self, **params):
        """Every result of a query, page after page, within the API's 10,000 cap."""
        max_pages = MAX_RESULTS // PER_PAGE
        page = 1
        while page <= max_pages:
            payload = self.search(page=page, **params)
            yield from payload["results"]
            if page >= min(payload.get("total_pages") or 0, max_pages):
                return
            page += 1
