from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ConventionCase


@tagged("post_install", "-at_install")
class TestConvention(ConventionCase):
    def test_reference_from_sequence(self):
        self.assertTrue(self.convention.reference.startswith("CONV/"))
        other = self.convention.copy({"date_start": "2027-01-01", "date_end": "2027-12-31"})
        self.assertNotEqual(other.reference, self.convention.reference)
        self.assertIn(self.convention.reference, self.convention.display_name)

    def test_needs_two_organisations(self):
        with self.assertRaisesRegex(ValidationError, "at least two parties"):
            self.convention.party_ids = self.cci
        with self.assertRaisesRegex(ValidationError, "are people"):
            self.convention.party_ids = self.cci | self.signatory
        # Two chambers together are a valid pair.
        essonne = self.env["res.partner"].create({"name": "CCI Essonne", "is_company": True})
        self.convention.party_ids = self.cci | essonne
        self.assertEqual(len(self.convention.party_ids), 2)

    def test_bad_period(self):
        with self.assertRaisesRegex(ValidationError, "before it starts"):
            self.convention.date_end = "2023-12-31"

    def test_continuation_cannot_overlap(self):
        previous = self.env["territory.convention"].create(
            {
                "name": "Groupes Entreprises et Territoires 2019",
                "party_ids": [(6, 0, self.convention.party_ids.ids)],
                "date_start": "2019-01-01",
                "date_end": "2024-06-30",
            }
        )
        with self.assertRaisesRegex(ValidationError, "the periods overlap"):
            self.convention.previous_id = previous
        previous.date_end = "2023-12-31"
        self.convention.previous_id = previous
        self.assertEqual(previous.next_ids, self.convention)
        with self.assertRaisesRegex(ValidationError, "cannot continue itself"):
            previous.previous_id = self.convention

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_status_flow_is_tracked(self):
        convention = self.convention.with_user(self.ti_manager)
        with self.assertRaisesRegex(UserError, "signature date"):
            convention.action_sign()
        convention.action_negotiate()
        self._flush_tracking()
        convention.write({"signature_date": "2024-03-14", "signature_place": "Le Russey"})
        convention.action_sign()
        self._flush_tracking()
        convention.action_run()
        self._flush_tracking()
        self.assertEqual(convention.state, "running")
        with self.assertRaisesRegex(UserError, "cannot become"):
            convention.action_negotiate()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "territory.convention"),
                ("mail_message_id.res_id", "=", convention.id),
                ("field_id.name", "=", "state"),
            ]
        )
        self.assertEqual(
            sorted(tracked.mapped("new_value_char")), ["Negotiation", "Running", "Signed"]
        )
        convention.action_close()
        self.assertEqual(convention.state, "closed")

    def test_form_creates_convention(self):
        with Form(self.env["territory.convention"].with_user(self.ti_manager)) as form:
            form.name = "Coopération CCI Seine-et-Marne et CCI Essonne"
            form.party_ids.add(self.cci)
            form.party_ids.add(self.epci_partner)
            form.date_start = "2025-01-01"
            form.date_end = "2027-12-31"
        convention = form.record
        self.assertEqual(convention.state, "draft")
        self.assertEqual(convention.company_id, self.env.company)

    def test_signed_documents_and_meetings(self):
        attachment = self.env["ir.attachment"].create(
            {"name": "convention-signee.pdf", "raw": b"%PDF-1.4 signed"}
        )
        self.convention.document_ids = attachment
        meeting = self.env["calendar.event"].create(
            {
                "name": "Comité de pilotage",
                "start": "2024-06-20 14:00:00",
                "stop": "2024-06-20 16:00:00",
                "territory_convention_id": self.convention.id,
                "territory_meeting_type": "steering_committee",
                "partner_ids": [(6, 0, self.signatory.ids)],
                "territory_decisions": "<p>Lancer le club RH en septembre.</p>",
            }
        )
        self.assertEqual(self.convention.meeting_ids, meeting)
        self.assertEqual(self.convention.meeting_count, 1)
        action = self.convention.action_view_meetings()
        self.assertEqual(action["res_model"], "calendar.event")
        self.assertEqual(
            self.env["calendar.event"].search(action["domain"]), meeting, "a calendar event"
        )

    def test_action_count_and_view(self):
        self.assertEqual(self.convention.action_count, 2)
        action = self.convention.action_view_actions()
        self.assertEqual(
            self.env["territory.action"].search(action["domain"]),
            self.action | self.other_action,
        )
