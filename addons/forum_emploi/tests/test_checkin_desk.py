from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged, users

from ..models.event_registration import (
    SCAN_ALREADY_CHECKED_IN,
    SCAN_CANCELLED,
    SCAN_OTHER_EVENT,
    SCAN_UNKNOWN_BADGE,
    SCAN_WELCOME,
)
from .common import ForumDataCase


@tagged("post_install", "-at_install")
class TestCheckinDesk(ForumDataCase):
    def scan(self, barcode, user="fe_desk"):
        users = {"fe_desk": self.desk, "fe_organiser": self.organiser}
        Registration = self.env["event.registration"].with_user(users[user])
        return Registration.forum_desk_scan(self.forum.id, barcode)

    def test_scan_statuses(self):
        with freeze_time("2024-03-14 09:42:00"):
            result = self.scan(self.candidate.barcode)
        self.assertEqual(result["status"], SCAN_WELCOME)
        self.assertEqual(result["name"], "Julie Martin")
        self.assertEqual(self.candidate.state, "done")
        self.assertEqual(self.candidate.date_closed.strftime("%H:%M"), "09:42")

        with freeze_time("2024-03-14 09:50:00"):
            again = self.scan(self.candidate.barcode)
        self.assertEqual(again["status"], SCAN_ALREADY_CHECKED_IN)
        # 09:42 UTC is 10:42 in Paris in March.
        self.assertEqual(again["checked_in_at"], "10:42")
        self.assertIn("10:42", again["message"])
        self.assertEqual(self.candidate.date_closed.strftime("%H:%M"), "09:42")

        self.assertEqual(self.scan("0000000000")["status"], SCAN_UNKNOWN_BADGE)
        self.assertEqual(self.scan("")["status"], SCAN_UNKNOWN_BADGE)
        self.assertEqual(self.scan(self.stranger.barcode)["status"], SCAN_OTHER_EVENT)
        self.assertEqual(self.stranger.state, "open", "another event's badge is not checked in")
        self.assertEqual(self.scan(self.cancelled.barcode)["status"], SCAN_CANCELLED)
        self.assertEqual(self.cancelled.state, "cancel")

    def test_exhibitor_staff_checked_in_with_company(self):
        result = self.scan(self.staff.barcode)
        self.assertEqual(result["status"], SCAN_WELCOME)
        self.assertEqual(result["company"], "Usinage du Russey")
        self.assertEqual(result["attendee_type"], "exhibitor_staff")

    def test_scan_wakes_no_cron_when_no_lead_rule_applies(self):
        """event_crm, at a check-in, creates the leads of its rules triggered by attendance:
        with none, an empty batch, on which crm_iap_enrich still wakes its cron. The scan
        skips that step: no cron trigger, no notification to the cron service."""
        if "event.lead.rule" not in self.env:
            self.skipTest("event_crm is not installed")
        self.env["event.lead.rule"].search([("lead_creation_trigger", "=", "done")]).active = False
        Trigger = self.env["ir.cron.trigger"]
        other = self.env["event.registration"].create({"event_id": self.forum.id, "name": "Léa"})
        before = Trigger.search_count([])
        other.write({"state": "done"})  # Odoo's own check-in write, for comparison
        woken = Trigger.search_count([]) - before
        before = Trigger.search_count([])
        self.assertEqual(self.scan(self.candidate.barcode)["status"], SCAN_WELCOME)
        self.assertEqual(Trigger.search_count([]) - before, 0)
        if "iap_enrich_done" in self.env["crm.lead"]._fields:  # crm_iap_enrich installed
            self.assertGreater(woken, 0, "the stock write wakes the enrichment cron")

    def test_scan_runs_lead_rules_triggered_by_attendance(self):
        if "event.lead.rule" not in self.env:
            self.skipTest("event_crm is not installed")
        rule = self.env["event.lead.rule"].create(
            {
                "name": "Présents au forum",
                "lead_creation_basis": "attendee",
                "lead_creation_trigger": "done",
                "event_id": self.forum.id,
            }
        )
        self.assertEqual(self.scan(self.candidate.barcode)["status"], SCAN_WELCOME)
        lead = self.env["crm.lead"].search([("event_lead_rule_id", "=", rule.id)])
        self.assertEqual(lead.registration_ids, self.candidate)

    def test_scan_calls_the_check_in_hook_once(self):
        calls = []
        Registration = type(self.env["event.registration"])

        def hook(records):
            calls.append(records.ids)

        self.patch(Registration, "_forum_on_check_in", hook)
        self.scan(self.candidate.barcode)
        self.scan(self.candidate.barcode)
        self.assertEqual(calls, [self.candidate.ids])

    @users("fe_desk")
    def test_manual_search_and_check_in(self):
        Registration = self.env["event.registration"]
        found = Registration.forum_desk_search(self.forum.id, "julie")
        self.assertEqual([r["id"] for r in found], self.candidate.ids)
        self.assertFalse(Registration.forum_desk_search(self.forum.id, "Zoé"))
        result = Registration.forum_desk_check_in(self.forum.id, self.candidate.id)
        self.assertEqual(result["status"], SCAN_WELCOME)
        refused = Registration.forum_desk_check_in(self.forum.id, self.stranger.id)
        self.assertEqual(refused["status"], SCAN_OTHER_EVENT)

    @users("fe_desk")
    def test_walk_in(self):
        Registration = self.env["event.registration"]
        result = Registration.forum_desk_walk_in(
            self.forum.id,
            {
                "name": "Nadia Benali",
                "email": "nadia@example.com",
                "wished_rome_codes": "k2204",
                "referral": "france_travail",
                "consent": True,
            },
        )
        self.assertEqual(result["status"], SCAN_WELCOME)
        walk_in = Registration.browse(result["registration_id"])
        self.assertTrue(walk_in.is_walk_in)
        self.assertEqual(walk_in.state, "done")
        self.assertEqual(walk_in.wished_rome_codes, "K2204")
        self.assertEqual(result["barcode"], walk_in.barcode)
        self.assertEqual(self.scan(walk_in.barcode)["status"], SCAN_ALREADY_CHECKED_IN)
        with self.assertRaisesRegex(UserError, "name"):
            Registration.forum_desk_walk_in(self.forum.id, {"name": "  "})
        with self.assertRaisesRegex(UserError, "email"):
            Registration.forum_desk_walk_in(self.forum.id, {"name": "X", "email": "pas-un-mail"})
        with self.assertRaises(ValidationError):
            Registration.forum_desk_walk_in(
                self.forum.id, {"name": "X", "wished_rome_codes": "soudeur"}
            )

    def test_counters(self):
        with freeze_time("2024-03-14 08:10:00"):
            self.scan(self.candidate.barcode)
            self.scan(self.candidate.barcode)
        with freeze_time("2024-03-14 09:05:00"):
            self.scan(self.staff.barcode)
            self.env["event.registration"].with_user(self.desk).forum_desk_walk_in(
                self.forum.id, {"name": "Walk In"}
            )
        counters = (
            self.env["event.registration"].with_user(self.desk).forum_desk_counters(self.forum.id)
        )
        self.assertEqual(counters["expected"], 3)  # candidate, staff, walk-in; not cancelled
        self.assertEqual(counters["present"], 3)
        self.assertEqual(counters["walk_ins"], 1)
        self.assertEqual(counters["staff_present"], 1)
        self.assertEqual(counters["per_hour"], [["09:00", 1], ["10:00", 2]])
        self.assertEqual(
            self.forum._forum_indicator_values(),
            {"visitors": 2, "walk_ins": 1, "exhibitors": 2, "offers": 2},
        )

    def test_scan_answers_with_the_counters(self):
        Registration = self.env["event.registration"].with_user(self.desk)
        result = Registration.forum_desk_scan(self.forum.id, self.candidate.barcode)
        self.assertNotIn("counters", result, "only asked for")
        result = Registration.forum_desk_scan(self.forum.id, self.staff.barcode, with_counters=True)
        self.assertEqual(result["status"], SCAN_WELCOME)
        self.assertEqual(result["counters"], Registration.forum_desk_counters(self.forum.id))
        self.assertEqual(result["counters"]["present"], 2, "counted after this scan")
        unknown = Registration.forum_desk_scan(self.forum.id, "", with_counters=True)
        self.assertEqual(unknown["counters"]["present"], 2)
        manual = Registration.forum_desk_check_in(
            self.forum.id, self.stranger.id, with_counters=True
        )
        self.assertEqual((manual["status"], manual["counters"]["present"]), (SCAN_OTHER_EVENT, 2))

    def test_check_in_recorded_on_the_registration_not_the_chatter(self):
        """The desk user and time are kept on the registration; the scan posts no tracking
        line (its cost during the rush), where Odoo's own state change posts one."""
        # Records created in the transaction are not tracked until it commits: end that.
        self.env.cr.precommit.run()
        messages = self.candidate.message_ids
        with freeze_time("2024-03-14 09:42:00"):
            self.assertEqual(self.scan(self.candidate.barcode)["status"], SCAN_WELCOME)
        self.env.cr.precommit.run()  # where the chatter's tracking lines are written
        self.assertEqual(self.candidate.forum_checked_in_by_id, self.desk)
        self.assertEqual(self.candidate.date_closed.strftime("%H:%M"), "09:42")
        self.assertEqual(self.candidate.message_ids, messages)
        self.assertEqual(
            self.scan(self.candidate.barcode, user="fe_organiser")["status"],
            SCAN_ALREADY_CHECKED_IN,
        )
        self.assertEqual(self.candidate.forum_checked_in_by_id, self.desk, "kept on a rescan")
        walk_in = (
            self.env["event.registration"]
            .with_user(self.organiser)
            .forum_desk_walk_in(self.forum.id, {"name": "Walk In"})
        )
        walk_in = self.env["event.registration"].browse(walk_in["registration_id"])
        self.assertEqual(walk_in.forum_checked_in_by_id, self.organiser)
        other = self.env["event.registration"].create({"event_id": self.forum.id, "name": "Léa"})
        self.env.cr.precommit.run()
        other.write({"state": "done"})
        self.env.cr.precommit.run()
        self.assertTrue(other.message_ids.tracking_value_ids, "Odoo's own write tracks it")

    def test_scan_query_budget(self):
        # An event under way: Odoo's stock check-in refuses events that are over.
        now = fields.Datetime.now()
        forum = self.env["event.event"].create(
            {
                "name": "Forum en cours",
                "event_type_id": self.forum.event_type_id.id,
                "date_begin": now - timedelta(hours=1),
                "date_end": now + timedelta(hours=7),
            }
        )
        Registration = self.env["event.registration"]
        registrations = Registration.create(
            [{"event_id": forum.id, "name": f"Candidat {i}"} for i in range(5)]
        )
        desk_registrations = Registration.with_user(self.desk)
        # Warm the caches (ACL, rules) of both paths, as on a running desk.
        desk_registrations.forum_desk_scan(forum.id, registrations[0].barcode)
        desk_registrations.register_attendee(registrations[1].barcode, forum.id)

        def count(call):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            result = call()
            self.env.flush_all()
            return result, self.cr.sql_log_count - before

        stock_result, stock = count(
            lambda: desk_registrations.register_attendee(registrations[2].barcode, forum.id)
        )
        self.assertEqual(stock_result["status"], "confirmed_registration")
        our_result, ours = count(
            lambda: desk_registrations.forum_desk_scan(forum.id, registrations[4].barcode)
        )
        self.assertEqual(our_result["status"], SCAN_WELCOME)
        self.assertLessEqual(ours, stock, "a scan costs no more queries than Odoo's check-in")

        # event_crm (installed with crm): the desk looks for lead rules triggered by
        # attendance (none here), then skips event_crm's step (test below).
        event_crm = self.env["ir.module.module"].search(
            [("name", "=", "event_crm"), ("state", "=", "installed")]
        )
        if event_crm:
            self.env["event.lead.rule"].search(
                [("lead_creation_trigger", "=", "done")]
            ).active = False
        # A check-in pays SAVEPOINT and RELEASE twice, around its row lock and around its
        # writes: the price of answering a conflict between two desks with "retry" instead
        # of an ERROR in the log (see TestTwoStaffAtTwoDesks in suite_integration).
        self.env.invalidate_all()
        barcode = registrations[3].barcode
        with self.assertQueryCount(8 if event_crm else 7):
            result = desk_registrations.forum_desk_scan(forum.id, barcode, scan_uuid="scan-1")
        self.assertEqual(result["status"], SCAN_WELCOME)
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            result = desk_registrations.forum_desk_scan(forum.id, barcode, scan_uuid="scan-2")
        self.assertEqual(result["status"], SCAN_ALREADY_CHECKED_IN)
        # The first scan replayed (its answer was lost): its answer again, as cheaply. Once
        # unmeasured first, from a cold record cache too: it is the first path to read the
        # registration before any access check, which fills the ORM's cache of group checks
        # of fields with groups= once per worker.
        self.env.invalidate_all()
        desk_registrations.forum_desk_scan(forum.id, barcode, scan_uuid="scan-1")
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            result = desk_registrations.forum_desk_scan(forum.id, barcode, scan_uuid="scan-1")
        self.assertEqual((result["status"], result["scan_uuid"]), (SCAN_WELCOME, "scan-1"))
        # The desk screen asks for its counters with each scan: two grouped counts more.
        self.env.invalidate_all()
        with self.assertQueryCount(7):
            result = desk_registrations.forum_desk_scan(
                forum.id, barcode, scan_uuid="scan-1", with_counters=True
            )
        self.assertEqual(result["counters"]["present"], 5)
