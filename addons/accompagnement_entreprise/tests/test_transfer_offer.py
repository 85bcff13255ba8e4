from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common_transfer import TransferCase


@tagged("post_install", "-at_install")
class TestTransferOffer(TransferCase):
    def test_offer_takes_its_area_from_the_seller_case(self):
        self.assertEqual(self.bakery_offer.epci_id, self.epci)
        self.assertEqual(self.bakery_offer.department_id, self.department)
        self.assertEqual(self.bakery_offer.area_label, self.epci.name)
        self.bakery_offer.area_level = "department"
        self.assertEqual(self.bakery_offer.area_label, self.department.display_name)
        self.assertTrue(self.bakery_offer.reference.startswith("CES-"))

    def test_advisor_creates_an_offer_from_the_form(self):
        with Form(self.env["support.transfer.offer"].with_user(self.advisor)) as form:
            form.case_id = self.bakery_case
            form.name = "Boulangerie de village"
            form.sector_id = self.sector_c
            form.price_min = 100000
            form.price_max = 150000
            self.assertEqual(form.epci_id, self.epci)
            self.assertEqual(form.department_id, self.department)
        offer = form.save()
        self.assertEqual(offer.state, "draft")
        self.assertEqual(offer.partner_id, self.bakery)

    def test_buyer_sheet_is_anonymous_until_the_agreement(self):
        offer = self.bakery_offer.with_user(self.advisor)
        sheet = offer._get_buyer_sheet(self.baker_buyer)
        self.assertFalse(sheet["confidential"])
        self.assertEqual(sheet["title"], "Boulangerie dans un bourg de montagne")
        for key in ("company_name", "siret", "turnover", "asking_price", "confidential_note"):
            self.assertNotIn(key, sheet)
        self.assertNotIn("Testelin", repr(sheet))

        self.env["support.transfer.nda"].create(
            {"offer_id": self.bakery_offer.id, "buyer_id": self.baker_buyer.id}
        )
        sheet = offer._get_buyer_sheet(self.baker_buyer)
        self.assertTrue(sheet["confidential"])
        self.assertEqual(sheet["company_name"], "Boulangerie Testelin")
        self.assertEqual(sheet["asking_price"], 205000)
        # The agreement is per buyer: another buyer still gets the anonymous part.
        other = self._buyer(self.env["res.partner"].create({"name": "Paul Testrepreneur"}))
        self.assertFalse(offer._get_buyer_sheet(other)["confidential"])
        # Without buyer (the public sheet), never the confidential part.
        self.assertFalse(offer._get_buyer_sheet()["confidential"])

    def test_pdf_sheets_follow_the_agreement(self):
        Report = self.env["ir.actions.report"].with_user(self.advisor)
        html = Report._render_qweb_html(
            "accompagnement_entreprise.support_transfer_offer_report_anonymous",
            self.bakery_offer.ids,
        )[0].decode()
        # assertTrue rather than assertIn: the failure message would print the whole page.
        self.assertTrue("Boulangerie dans un bourg de montagne" in html)
        self.assertFalse("Testelin" in html)
        self.assertTrue("cent quatre-vingt mille euros" in html)

        match = self.env["support.transfer.match"]._introduce(self.bakery_offer, self.baker_buyer)
        buyer_sheet = "accompagnement_entreprise.support_transfer_match_report_buyer_sheet"
        html = Report._render_qweb_html(buyer_sheet, match.ids)[0].decode()
        self.assertFalse("Testelin" in html)
        self.env["support.transfer.nda"].create(
            {"offer_id": self.bakery_offer.id, "buyer_id": self.baker_buyer.id}
        )
        html = Report._render_qweb_html(buyer_sheet, match.ids)[0].decode()
        self.assertTrue("Testelin" in html)
        self.assertTrue("Bail renouvelé en 2024." in html)

    def test_public_part_must_not_name_the_seller(self):
        with self.assertRaises(ValidationError):
            self.bakery_offer.public_description = "Reprise de la Boulangerie Testelin."
        with self.assertRaises(ValidationError):
            self.bakery_offer.name = "boulangerie testelin à vendre"

    def test_offer_needs_a_transfer_case_and_a_consistent_price(self):
        procurement = self.env.ref("accompagnement_entreprise.support_programme_public_procurement")
        case = self._case(self.bakery, "Marchés publics", self.advisor, programme=procurement)
        with self.assertRaises(ValidationError):
            self.env["support.transfer.offer"].create(
                {"case_id": case.id, "name": "Offre", "sector_id": self.sector_c.id}
            )
        with self.assertRaises(ValidationError):
            self.bakery_offer.write({"price_min": 300000, "price_max": 200000})

    def test_publishing_needs_a_price(self):
        offer = self.env["support.transfer.offer"].create(
            {"case_id": self.bakery_case.id, "name": "Sans prix", "sector_id": self.sector_c.id}
        )
        with self.assertRaises(UserError):
            offer.action_publish()
        self.assertEqual(offer.state, "draft")
        offer.write({"price_min": 10000, "price_max": 20000})
        offer.action_publish()
        self.assertEqual(offer.state, "published")
        self.assertTrue(offer.date_published)

    def test_future_agreement_refused(self):
        with self.assertRaises(ValidationError):
            self.env["support.transfer.nda"].create(
                {
                    "offer_id": self.bakery_offer.id,
                    "buyer_id": self.baker_buyer.id,
                    "date_signed": "2999-01-01",
                }
            )

    def test_case_smart_buttons_count_offer_buyer_and_introductions(self):
        self.env["support.transfer.match"]._introduce(self.bakery_offer, self.baker_buyer)
        case = self.bakery_case.with_user(self.advisor)
        self.assertEqual(case.transfer_offer_count, 1)
        self.assertEqual(case.transfer_match_count, 1)
        self.assertEqual(self.baker_buyer.case_id.transfer_buyer_count, 1)
        self.assertEqual(self.baker_buyer.case_id.transfer_match_count, 1)
        action = case.action_view_transfer_offers()
        self.assertEqual(action["res_id"], self.bakery_offer.id)
