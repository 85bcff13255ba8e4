from freezegun import freeze_time

from odoo.tests import tagged

from ..models.event_registration import SCAN_ALREADY_CHECKED_IN, SCAN_WELCOME
from .common import ForumDataCase


@tagged("post_install", "-at_install")
class TestDeskOfflineReplay(ForumDataCase):
    """Scans queued by the desk during a network loss are replayed with their time."""

    def replay(self, registration, scanned_at):
        return (
            self.env["event.registration"]
            .with_user(self.desk)
            .forum_desk_scan(self.forum.id, registration.barcode, scanned_at=scanned_at)
        )

    @freeze_time("2024-03-14 10:00:00")
    def test_replay_keeps_the_time_of_the_scan_and_is_idempotent(self):
        result = self.replay(self.candidate, "2024-03-14T09:42:10.123Z")
        self.assertEqual(result["status"], SCAN_WELCOME)
        self.assertEqual(str(self.candidate.date_closed), "2024-03-14 09:42:10")
        self.assertEqual(result["checked_in_at"], "10:42")  # Paris time
        # The desk replays the same queued scan again (e.g. the answer was lost).
        again = self.replay(self.candidate, "2024-03-14T09:42:10.123Z")
        self.assertEqual(again["status"], SCAN_ALREADY_CHECKED_IN)
        self.assertEqual(str(self.candidate.date_closed), "2024-03-14 09:42:10")
        self.assertEqual(
            self.env["event.registration"].forum_desk_counters(self.forum.id)["present"], 1
        )

    @freeze_time("2024-03-14 10:00:00")
    def test_odd_scan_times_fall_back_to_now(self):
        Registration = self.env["event.registration"]
        self.assertEqual(
            str(Registration._forum_desk_scan_time("2024-03-14T10:30:00+01:00")),
            "2024-03-14 09:30:00",
        )
        for odd in ("2024-03-14T11:00:00Z", "2024-03-12T09:00:00Z", "hier", "", None):
            with self.subTest(scanned_at=odd):
                self.assertIsNone(Registration._forum_desk_scan_time(odd))
        self.replay(self.staff, "2030-01-01T00:00:00Z")
        self.assertEqual(str(self.staff.date_closed), "2024-03-14 10:00:00")
