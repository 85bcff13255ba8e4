# Executed inside `odoo shell` by bench/checkin_bench.py: `env` is the shell's environment.
# Builds a forum of 5,000 registrations (plus 5,000 on another event), then scans badges
# alternately with Odoo's stock event.registration.register_attendee and with our
# forum_desk_scan, as a check-in desk user, each scan in a fresh cache as in a request.
# Everything is rolled back at the end.
import os
import statistics
import time

from odoo.tests import new_test_user

REGISTRATIONS = int(os.environ.get("BENCH_REGISTRATIONS", "5000"))
SCANS = int(os.environ.get("BENCH_SCANS", "300"))


def bench(env):
    desk = new_test_user(env, "bench_desk", groups="forum_emploi.forum_emploi_group_desk")
    forum_type = env.ref("forum_emploi.event_type_job_forum")
    events = env["event.event"].create(
        [
            {
                "name": name,
                "event_type_id": forum_type.id,
                "date_begin": "2030-03-14 07:00:00",
                "date_end": "2030-03-14 17:00:00",
                # No confirmation emails: 10,000 badge PDFs are not what is measured.
                "event_mail_ids": [(5, 0, 0)],
            }
            for name in ("Bench forum", "Bench other event")
        ]
    )
    forum = events[0]
    for event in events:
        env["event.registration"].with_context(tracking_disable=True).create(
            [
                {"event_id": event.id, "name": f"Candidate {i}", "email": f"c{i}@example.com"}
                for i in range(REGISTRATIONS)
            ]
        )
    env.flush_all()
    env.cr.execute("ANALYZE event_registration")
    barcodes = forum.registration_ids.mapped("barcode")
    stock_barcodes = barcodes[:SCANS]
    our_barcodes = barcodes[SCANS : 2 * SCANS]
    already_barcodes = barcodes[:SCANS]  # checked in by the stock run: a second scan

    Registration = env["event.registration"].with_user(desk)
    cr = env.cr

    def measure(call):
        env.invalidate_all()
        queries = cr.sql_log_count
        start = time.perf_counter()
        result = call()
        env.flush_all()
        elapsed = time.perf_counter() - start
        return result, elapsed * 1000, cr.sql_log_count - queries

    samples = {"stock": [], "ours": [], "stock_again": [], "ours_again": []}
    # Warm the ACL and rule caches of both paths, as on a running server.
    Registration.register_attendee(barcodes[-1], forum.id)
    Registration.forum_desk_scan(forum.id, barcodes[-2])
    for stock_code, our_code in zip(stock_barcodes, our_barcodes, strict=False):
        result, ms, queries = measure(
            lambda c=stock_code: Registration.register_attendee(c, forum.id)
        )
        assert result["status"] == "confirmed_registration", result
        samples["stock"].append((ms, queries))
        result, ms, queries = measure(lambda c=our_code: Registration.forum_desk_scan(forum.id, c))
        assert result["status"] == "welcome", result
        samples["ours"].append((ms, queries))
    for stock_code, our_code in zip(already_barcodes, our_barcodes, strict=False):
        result, ms, queries = measure(
            lambda c=stock_code: Registration.register_attendee(c, forum.id)
        )
        assert result["status"] == "already_registered", result
        samples["stock_again"].append((ms, queries))
        result, ms, queries = measure(lambda c=our_code: Registration.forum_desk_scan(forum.id, c))
        assert result["status"] == "already_checked_in", result
        samples["ours_again"].append((ms, queries))

    def summary(rows):
        times = sorted(ms for ms, _ in rows)
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        return statistics.median(times), p95, statistics.median(q for _, q in rows)

    print(
        f"\nCheck-in benchmark: {REGISTRATIONS} registrations on the forum "
        f"(+{REGISTRATIONS} on another event), {SCANS} scans per path, desk user\n"
    )
    print(f"{'path':<44}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
    rows = [
        ("stock register_attendee, first scan", "stock"),
        ("forum_desk_scan, first scan", "ours"),
        ("stock register_attendee, second scan", "stock_again"),
        ("forum_desk_scan, second scan", "ours_again"),
    ]
    results = {}
    for label, key in rows:
        results[key] = summary(samples[key])
        median, p95, queries = results[key]
        print(f"{label:<44}{median:>10.2f}{p95:>10.2f}{queries:>9.0f}")
    for first, second, label in (
        ("ours", "stock", "first scan"),
        ("ours_again", "stock_again", "second scan"),
    ):
        ours, stock = results[first], results[second]
        print(
            f"ratio ours/stock, {label}: median {ours[0] / stock[0]:.2f}, "
            f"p95 {ours[1] / stock[1]:.2f}, queries {ours[2] / stock[2]:.2f}"
        )


try:
    bench(env)  # noqa: F821 (defined by odoo shell)
finally:
    env.cr.rollback()  # noqa: F821
