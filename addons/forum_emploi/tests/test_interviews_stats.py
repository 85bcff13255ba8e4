import base64
import io

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ForumDataCase


@tagged("post_install", "-at_install")
class TestInterviewsAndStatistics(ForumDataCase):
    def test_recruiter_records_interview_by_scanning_a_badge(self):
        Interview = self.env["forum.interview"].with_user(self.recruiter)
        interview = Interview.record_scan(
            self.exhibitor_a.id, self.candidate.barcode, self.offer_a.id
        )
        self.assertEqual(interview.registration_id, self.candidate)
        self.assertEqual(interview.state, "held")
        self.assertEqual(interview.rome_family, "H")
        with self.assertRaisesRegex(UserError, "not a badge of this forum"):
            Interview.record_scan(self.exhibitor_a.id, self.stranger.barcode)
        with self.assertRaises(AccessError):
            Interview.record_scan(self.exhibitor_b.id, self.candidate.barcode)
        interview.state = "hired"
        self.assertEqual(Interview.search([]), interview)

    def test_recruiters_do_not_see_other_interviews(self):
        other = self.env["forum.interview"].create(
            {"exhibitor_id": self.exhibitor_b.id, "registration_id": self.candidate.id}
        )
        self.assertFalse(self.env["forum.interview"].with_user(self.recruiter).search([]))
        # The organiser reads every interview (those of the demo forums too).
        self.assertEqual(
            self.env["forum.interview"]
            .with_user(self.organiser)
            .search([("event_id", "=", self.forum.id)]),
            other,
        )
        with self.assertRaises(AccessError):
            self.env["forum.interview"].with_user(self.desk).search([])

    def test_interview_stays_in_its_forum(self):
        with self.assertRaises(ValidationError):
            self.env["forum.interview"].create(
                {"exhibitor_id": self.exhibitor_a.id, "registration_id": self.stranger.id}
            )
        with self.assertRaises(ValidationError):
            self.env["forum.interview"].create(
                {
                    "exhibitor_id": self.exhibitor_a.id,
                    "registration_id": self.candidate.id,
                    "offer_id": self.offer_b.id,
                }
            )

    def test_statistics_and_xlsx(self):
        Registration = self.env["event.registration"].with_user(self.desk)
        Registration.forum_desk_scan(self.forum.id, self.candidate.barcode)
        Registration.forum_desk_scan(self.forum.id, self.staff.barcode)
        Registration.forum_desk_walk_in(self.forum.id, {"name": "Walk In"})
        Interview = self.env["forum.interview"]
        self.offer_a.hires_reported = 2
        Interview.create(
            {
                "exhibitor_id": self.exhibitor_b.id,
                "registration_id": self.candidate.id,
                "offer_id": self.offer_b.id,
            }
        )
        stats = self.forum.with_user(self.organiser)._forum_statistics()
        self.assertEqual(stats["visitors"], 2)
        self.assertEqual(stats["walk_ins"], 1)
        self.assertEqual(stats["interviews"], 1)
        self.assertEqual(stats["hires"], 2)
        self.assertEqual(stats["hires_by_exhibitor"], [("Usinage du Russey", 2)])
        self.assertEqual(stats["hires_by_offer"], [("Usinage du Russey - Décolleteur", 2)])
        self.assertEqual(stats["hires_by_rome_family"], [("H - Industry", 2)])

        action = self.forum.with_user(self.organiser).action_export_forum_statistics()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))
        summary = workbook.worksheets[0]
        values = {row[0]: row[1] for row in summary.iter_rows(min_row=3, values_only=True)}
        self.assertEqual(values["Visitors"], 2)
        self.assertEqual(values["Hires"], 2)
        self.assertEqual(workbook.worksheets[4]["A2"].value, "H - Industry")
