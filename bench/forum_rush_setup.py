"""Data of the forum_rush benchmark, made inside `odoo shell` (``env`` is given).

Run by tools/launcher/forum_rush.py (``./suite bench forum_rush``) on its throwaway
database, and committed, since the cluster's nodes then serve it: a job forum with
BENCH_BADGES registrations, BENCH_DESKS check-in desk users, BENCH_ADVISORS advisors with
support cases (some waiting with reminders), and the establishments of the Doubs for the
observatory. Writes what the Locust users need to the JSON file $FORUM_RUSH_DATA.
"""

import inspect
import io
import json
import os
import sys
import tempfile
from pathlib import Path

from odoo.tests import new_test_user

sys.path.insert(0, str(Path(os.environ["SUITE_ROOT"]) / "bench"))
import sirene_generator

BADGES = int(os.environ.get("BENCH_BADGES", "3000"))
DESKS = int(os.environ.get("BENCH_DESKS", "10"))
ADVISORS = int(os.environ.get("BENCH_ADVISORS", "30"))
CASES_PER_ADVISOR = 20
ESTABLISHMENTS = int(os.environ.get("BENCH_ESTABLISHMENTS", "5000"))
PASSWORD = "forum-rush-bench"
# Scan ids made by the desk, when the server's forum_desk_scan takes one (issue 16, part 4).
SCAN_ID_FIELDS = ("scan_uuid", "client_scan_id")

env = globals()["env"]  # given by odoo shell
env["territory.reference.loader"].load_reference(department_codes=["25"])
path = Path(tempfile.mkdtemp()) / "StockEtablissement_rush.csv"
sirene_generator.write(path, ESTABLISHMENTS, {"25"})
env["territory.sirene.import"]._import_file(
    io.BytesIO(path.read_bytes()), path.name, "establishment"
)
doubs = env["territory.epci"].search([("commune_ids.department_id.code", "=", "25")])

forum = env["event.event"].create(
    {
        "name": "Forum de l'emploi (bench)",
        "event_type_id": env.ref("forum_emploi.event_type_job_forum").id,
        "date_begin": "2030-03-14 07:00:00",
        "date_end": "2030-03-14 17:00:00",
        "seats_limited": False,
        # Badges and mails are not what is measured (and would be sent at registration).
        "event_mail_ids": [(5, 0, 0)],
    }
)
registrations = (
    env["event.registration"]
    .with_context(tracking_disable=True, mail_notrack=True)
    .create(
        [
            {"event_id": forum.id, "name": f"Visiteur {i}", "email": f"visiteur{i}@example.com"}
            for i in range(BADGES)
        ]
    )
)
desks = [
    new_test_user(
        env,
        f"rush_desk_{i:02d}",
        password=PASSWORD,
        groups="forum_emploi.forum_emploi_group_desk",
    )
    for i in range(DESKS)
]
programmes = env["support.programme"].search([])
companies = env["res.partner"].create(
    [{"name": f"Entreprise {i}", "is_company": True} for i in range(ADVISORS * 5)]
)
advisors = []
for i in range(ADVISORS):
    advisor = new_test_user(
        env,
        f"rush_advisor_{i:02d}",
        password=PASSWORD,
        groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
    )
    advisor.territory_epci_ids = doubs
    cases = env["support.case"].create(
        [
            {
                "name": f"Accompagnement {i}-{j}",
                "programme_id": programmes[j % len(programmes)].id,
                "partner_id": companies[(i * 5 + j) % len(companies)].id,
                "user_id": advisor.id,
            }
            for j in range(CASES_PER_ADVISOR)
        ]
    )
    # A quarter of them wait with a reminder: the reminders board is not empty.
    cases[::4].write({"reminder_level": "reminder"})
    advisors.append(advisor)
env.flush_all()
env.cr.execute("ANALYZE")

signature = inspect.signature(type(env["event.registration"]).forum_desk_scan)
scan_id_field = next((name for name in SCAN_ID_FIELDS if name in signature.parameters), None)
data = {
    "database": env.cr.dbname,
    "event_id": forum.id,
    "barcodes": registrations.mapped("barcode"),
    "desks": [user.login for user in desks],
    "advisors": [user.login for user in advisors],
    "password": PASSWORD,
    "scan_id_field": scan_id_field,
    # The desk screen takes its counters from the scan's answer when the server gives them.
    "scan_counters": "with_counters" in signature.parameters,
}
Path(os.environ["FORUM_RUSH_DATA"]).write_text(json.dumps(data))
env.cr.commit()
print(
    f"forum_rush data: {BADGES} badges, {DESKS} desks, {ADVISORS} advisors x "
    f"{CASES_PER_ADVISOR} cases, {ESTABLISHMENTS} establishments; scan id field: "
    f"{scan_id_field or 'none (forum_desk_scan takes none)'}; counters with the scan: "
    f"{'yes' if data['scan_counters'] else 'no'}"
)
