from psycopg2.errors import CheckViolation, UniqueViolation

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ForumDataCase


@tagged("post_install", "-at_install")
class TestForumData(ForumDataCase):
    def test_siret_is_compacted_and_checked(self):
        self.assertEqual(self.exhibitor_a.siret, "73282932000074")
        with self.assertRaisesRegex(ValidationError, "SIRET 73282932000075"):
            self.exhibitor_b.siret = "73282932000075"
        with self.assertRaises(ValidationError):
            self.exhibitor_b.siret = "1234"

    def test_company_exhibits_once_per_forum(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation), self.cr.savepoint():
            self.env["forum.exhibitor"].create(
                {"event_id": self.forum.id, "partner_id": self.company_a.id}
            )

    def test_rome_code_is_normalised_and_validated(self):
        self.assertEqual(self.offer_a.rome_code, "H2903")
        self.assertEqual(self.offer_a.rome_family, "H")
        for wrong in ("H290", "Z1234", "12345", "HH2903"):
            with self.assertRaisesRegex(ValidationError, "ROME"), self.cr.savepoint():
                self.offer_a.rome_code = wrong

    def test_offer_needs_positions(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation), self.cr.savepoint():
            self.offer_a.positions = 0
            self.offer_a.flush_recordset()

    def test_exhibitor_counts_offers_and_positions(self):
        self.assertEqual(self.exhibitor_a.offer_count, 1)
        self.assertEqual(self.exhibitor_a.position_count, 3)
        self.assertEqual(self.forum.forum_exhibitor_count, 2)
        self.assertEqual(self.forum.forum_offer_count, 2)
        self.assertEqual(self.exhibitor_a.booth_ids, self.booth)
        self.assertEqual(self.zone.booth_ids, self.booth)

    def test_offer_form_with_commune(self):
        # The official commune when demo data loaded the reference, else a new one.
        Commune = self.env["territory.commune"].with_context(active_test=False)
        commune = Commune.search([("code", "=", "25512")]) or Commune.create(
            {"name": "Le Russey", "code": "25512"}
        )
        with Form(self.env["forum.job.offer"].with_user(self.organiser)) as form:
            form.exhibitor_id = self.exhibitor_b
            form.name = "Magasinier"
            form.rome_code = "n1103"
            form.contract_type = "temporary"
            form.commune_id = commune
        offer = form.save()
        self.assertEqual(offer.rome_code, "N1103")
        self.assertEqual(offer.event_id, self.forum)

    def test_candidate_wished_jobs_and_retention(self):
        registration = self.env["event.registration"].create(
            {
                "event_id": self.forum.id,
                "name": "Léa Bernard",
                "wished_rome_codes": "h2903, n1103",
                "referral": "mission_locale",
                "consent": True,
            }
        )
        self.assertEqual(registration.wished_rome_codes, "H2903 N1103")
        self.assertTrue(registration.consent_date)
        self.assertGreater(
            registration.retention_date, registration.consent_date.date().replace(year=2025)
        )
        with self.assertRaisesRegex(ValidationError, "X12"):
            registration.wished_rome_codes = "H2903 X12"

    def test_staff_belongs_to_an_exhibitor_of_the_same_forum(self):
        self.assertEqual(self.staff.attendee_type, "exhibitor_staff")
        with self.assertRaises(ValidationError):
            self.env["event.registration"].create(
                {
                    "event_id": self.other_event.id,
                    "name": "Intrus",
                    "exhibitor_id": self.exhibitor_a.id,
                }
            )

    def test_cron_anonymises_after_retention_date(self):
        self.candidate.message_post(body="Called Julie Martin")
        self.candidate.retention_date = "2020-01-01"
        self.staff.retention_date = "2020-01-01"
        done = self.env["event.registration"]._cron_anonymise_expired()
        self.assertIn(self.candidate, done)
        self.assertNotIn(self.staff, done, "exhibitor staff are not candidates")
        self.assertTrue(self.candidate.anonymised)
        self.assertFalse(self.candidate.email)
        self.assertNotEqual(self.candidate.name, "Julie Martin")
        messages = self.env["mail.message"].search(
            [("model", "=", "event.registration"), ("res_id", "=", self.candidate.id)]
        )
        self.assertFalse(messages.filtered(lambda m: "Julie" in str(m.body)))
        self.assertEqual(self.staff.name, "Marc Petit")
