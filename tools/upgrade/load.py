# Executed inside `odoo shell` by `./suite upgrade-test` against the OLD release's addons
# (`env` is the shell's environment): adds a generated load on top of the demo data, then
# commits. It must keep working against every release an upgrade is tested from: use only
# models and fields that release has, and test for newer ones (`has_field`) before use.
#
# SUITE_UPGRADE_SCALE (default 2000) is the number of support cases; the rest follows:
# scale / 3 companies, scale / 6 audit subsidies with payments, scale / 2 forum
# registrations over scale / 1000 forums (60 % checked in), scale establishments of the
# Doubs imported from a generated SIRENE file, then one observatory snapshot.
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(os.environ["SUITE_ROOT"]) / "bench"))
import sirene_generator

SCALE = int(os.environ.get("SUITE_UPGRADE_SCALE", "2000"))
DEPARTMENTS = ["25"]
quiet = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
e = env(context=dict(env.context, **quiet))  # noqa: F821 (defined by odoo shell)


def has_field(model, field):
    return field in e[model]._fields


timer = {"last": time.monotonic()}


def step(label):
    now = time.monotonic()
    print(f"  load: {label} ({now - timer['last']:.1f} s)", flush=True)
    timer["last"] = now


def day(offset):
    return date(2025, 1, 6) + timedelta(days=offset)


# Territorial reference and establishments (territoire_industrie).
e["territory.reference.loader"].load_reference(department_codes=DEPARTMENTS)
communes = e["territory.commune"].search([("department_id.code", "in", DEPARTMENTS)])
with tempfile.TemporaryDirectory(prefix="suite-upgrade-load-") as folder:
    path = Path(folder) / "StockEtablissement_load.csv"
    sirene_generator.write(path, SCALE, set(DEPARTMENTS))
    with path.open("rb") as stock_file:
        report = e["territory.sirene.import"]._import_file(
            stock_file, path.name, "establishment", commune_codes=None
        )
step(f"{report.created_count} establishments imported")

companies = e["res.partner"].create(
    [
        {
            "name": f"Entreprise de charge {i:05d}",
            "is_company": True,
            "street": f"{i} rue de l'Industrie",
            "commune_id": communes[i % len(communes)].id,
        }
        for i in range(max(SCALE // 3, 10))
    ]
)
establishments = e["territory.establishment"].search([], limit=len(companies) // 2)
for establishment, partner in zip(establishments, companies, strict=False):
    establishment.partner_id = partner
step(f"{len(companies)} companies, {len(establishments)} followed establishments")

# Support cases and audit subsidies with payments (accompagnement_entreprise).
programmes = e["support.programme"].search([])
audits = programmes.filtered("is_audit")
plain = programmes - audits
users = e["res.users"].search([("share", "=", False)])
n_audits = SCALE // 6
cases = e["support.case"].create(
    [
        {
            "name": f"Accompagnement de charge {i:05d}",
            "partner_id": companies[i % len(companies)].id,
            "programme_id": (audits[i % len(audits)] if i < n_audits else plain[i % len(plain)]).id,
            "user_id": users[i % len(users)].id,
            "date_open": day(i % 600),
            "priority": str(i % 2),
            **(
                {"audit_cost": 1000 + (i % 40) * 50, "audit_days": 1 + i % 4}
                if i < n_audits
                else {}
            ),
        }
        for i in range(SCALE)
    ]
)
e.flush_all()
step(f"{len(cases)} support cases")

funder = e.ref("territoire_industrie.res_partner_cc_ternois_demo")
subsidies = e["support.subsidy"].create(
    [
        {
            "case_id": case.id,
            "funder_id": funder.id,
            "object": f"Participation à l'audit {case.reference}",
            "date_request": case.date_open,
            "deliberation_number": f"L-{i:05d}",
            "date_decision": case.date_open + timedelta(days=20),
            "amount_granted": case.audit_cost / 2,
            "notification_type": "notification",
            "date_notified": case.date_open + timedelta(days=25),
            "date_committed": case.date_open + timedelta(days=30),
            "date_service_due": case.date_open + timedelta(days=200),
            "state": "committed",
        }
        for i, case in enumerate(cases[:n_audits])
    ]
)
e["support.subsidy.payment"].create(
    [
        {
            "subsidy_id": subsidy.id,
            "payment_type": "advance",
            "date": subsidy.date_committed + timedelta(days=15),
            "amount": round(subsidy.amount_granted * 0.4, 2),
            "reference": f"Mandat A-{i:05d}",
        }
        for i, subsidy in enumerate(subsidies)
    ]
)
done = subsidies[::2]
for subsidy in done:
    subsidy.write(
        {
            "state": "service_done",
            "date_service_done": subsidy.date_service_due - timedelta(days=10),
            "actual_cost": subsidy.case_id.audit_cost * 0.9,
        }
    )
e["support.subsidy.payment"].create(
    [
        {
            "subsidy_id": subsidy.id,
            "payment_type": "balance",
            "date": subsidy.date_service_done + timedelta(days=20),
            "amount": round(subsidy.amount_to_pay, 2),
            "reference": f"Mandat S-{i:05d}",
        }
        for i, subsidy in enumerate(done)
        if subsidy.amount_to_pay > 0
    ]
)
e.flush_all()
step(f"{len(subsidies)} subsidies with payments")

# Forums with registrations, 60 % checked in (forum_emploi).
forum_type = e.ref("forum_emploi.event_type_job_forum")
forums = e["event.event"].create(
    [
        {
            "name": f"Forum de l'emploi de charge {i}",
            "event_type_id": forum_type.id,
            "date_begin": f"2025-{3 + i % 9:02d}-14 07:00:00",
            "date_end": f"2025-{3 + i % 9:02d}-14 17:00:00",
            "event_mail_ids": [(5, 0, 0)],  # no badge emails for the load
        }
        for i in range(max(SCALE // 1000, 2))
    ]
)
registrations = e["event.registration"].create(
    [
        {
            "event_id": forums[i % len(forums)].id,
            "name": f"Candidat {i:05d}",
            "email": f"candidat{i:05d}@example.com",
        }
        for i in range(SCALE // 2)
    ]
)
checked_in = registrations.filtered(lambda r: r.id % 5 < 3)
checked_in.write({"state": "done"})
e.flush_all()
step(f"{len(forums)} forums, {len(registrations)} registrations, {len(checked_in)} checked in")

# One observatory snapshot over the establishments.
snapshot = e["territory.observatory.snapshot"].create({})
snapshot.action_compute()
e.flush_all()
step(f"observatory snapshot: {len(snapshot.line_ids)} lines")

e.cr.commit()
print(f"  load: committed (scale {SCALE})", flush=True)
