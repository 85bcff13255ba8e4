from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import tagged

from .common_transfer import TransferCase


@tagged("post_install", "-at_install")
class TestTransferSecurity(TransferCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workshop_offer = cls.env["support.transfer.offer"].create(
            {
                "case_id": cls.workshop_case.id,
                "name": "Atelier d'usinage près des lacs",
                "sector_id": cls.sector_c.id,
                "price_min": 900000,
                "price_max": 1200000,
            }
        )
        cls.env["support.transfer.nda"].create(
            {"offer_id": cls.bakery_offer.id, "buyer_id": cls.baker_buyer.id}
        )
        cls.match = cls.env["support.transfer.match"]._introduce(cls.bakery_offer, cls.baker_buyer)

    def test_territory_partner_sees_no_offer(self):
        # Even the anonymous part: in a small EPCI it often tells whose business is for sale.
        Offer = self.env["support.transfer.offer"].with_user(self.territory_partner)
        for action in (
            lambda: Offer.search([]),
            lambda: self.bakery_offer.with_user(self.territory_partner).read(["name"]),
            lambda: Offer.read_group([], ["price_max:sum"], ["sector_id"]),
            lambda: (
                self.env["ir.actions.report"]
                .with_user(self.territory_partner)
                ._render_qweb_html(
                    "accompagnement_entreprise.support_transfer_offer_report_anonymous",
                    self.bakery_offer.ids,
                )
            ),
        ):
            with self.assertRaises(AccessError):
                action()

    def test_confidential_documents_stay_with_advisors(self):
        document = self.env["ir.attachment"].create(
            {"name": "Bilan 2025.pdf", "raw": b"%PDF-1.4 bilan", "mimetype": "application/pdf"}
        )
        self.bakery_offer.with_user(self.advisor).document_ids = [Command.link(document.id)]
        self.assertEqual(document.res_model, "support.transfer.offer")
        self.assertEqual(document.res_field, "document_ids")
        self.assertEqual(self.bakery_offer.with_user(self.advisor).document_ids, document)
        document.with_user(self.advisor).check("read")
        with self.assertRaises(AccessError):
            document.with_user(self.territory_partner).check("read")
        Attachment = self.env["ir.attachment"].with_user(self.territory_partner)
        for domain in (
            [("res_model", "=", "support.transfer.offer")],
            [("id", "=", document.id)],
            [("res_field", "=", "document_ids")],
        ):
            self.assertFalse(Attachment.search(domain), domain)

    def test_views_load_for_each_role(self):
        views = [(False, "form"), (False, "list"), (False, "kanban"), (False, "search")]
        result = self.env["support.transfer.offer"].with_user(self.advisor).get_views(views)
        self.assertIn('name="asking_price"', result["views"]["form"]["arch"])
        for user in (self.territory_partner, self.advisor):
            case_form = self.env["support.case"].with_user(user).get_views([(False, "form")])
            self.assertEqual(
                user == self.advisor,
                "action_view_transfer_offers" in case_form["views"]["form"]["arch"],
            )

    def test_territory_partner_sees_no_buyer_agreement_or_introduction(self):
        for model in ("support.transfer.buyer", "support.transfer.nda", "support.transfer.match"):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.territory_partner).search([])

    def test_advisors_read_the_marketplace_and_edit_their_own(self):
        # advisor owns the bakery case, other_advisor the workshop case
        offers = self.env["support.transfer.offer"].with_user(self.advisor).search([])
        self.assertIn(self.workshop_offer, offers)
        self.assertEqual(
            self.workshop_offer.with_user(self.advisor).asking_price, 0
        )  # confidential part readable by advisors
        with self.assertRaises(AccessError):
            self.workshop_offer.with_user(self.advisor).write({"name": "Pas à moi"})
        self.bakery_offer.with_user(self.advisor).write({"activity": "Boulangerie"})
        with self.assertRaises(AccessError):
            self.baker_buyer.with_user(self.other_advisor).write({"price_max": 1})
        with self.assertRaises(AccessError):
            self.match.with_user(self.other_advisor).action_decline()
        # A team member edits the cases of the team.
        self.env["support.team"].create(
            {"name": "Équipe transmission", "member_ids": [Command.set(self.advisor.ids)]}
        )
        team = self.env["support.team"].search([("name", "=", "Équipe transmission")])
        self.workshop_case.team_id = team
        self.workshop_offer.with_user(self.advisor).write({"activity": "Usinage"})

    def test_manager_edits_every_offer(self):
        self.workshop_offer.with_user(self.manager).write({"activity": "Décolletage"})
        self.match.with_user(self.manager).action_decline()
        self.assertEqual(self.match.state, "declined")

    def test_employee_without_role_sees_nothing(self):
        for model in (
            "support.transfer.offer",
            "support.transfer.buyer",
            "support.tender",
            "support.tender.response",
            "support.procurement.threshold",
        ):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.employee).search([])

    def test_territory_partner_reads_responses_of_its_territory(self):
        tender = self.env["support.tender"].create(
            {
                "name": "Marché",
                "public_buyer_id": self.bakery.id,
                "estimated_amount": 10000,
            }
        )
        Response = self.env["support.tender.response"]
        mine = Response.create({"tender_id": tender.id, "partner_id": self.bakery.id})
        other = Response.create({"tender_id": tender.id, "partner_id": self.workshop.id})
        seen = Response.with_user(self.territory_partner).search([("tender_id", "=", tender.id)])
        self.assertEqual(seen, mine)
        self.assertNotIn(other, seen)
        with self.assertRaises(AccessError):
            mine.with_user(self.territory_partner).write({"amount": 1})
        self.assertIn(
            tender, self.env["support.tender"].with_user(self.territory_partner).search([])
        )
        with self.assertRaises(AccessError):
            tender.with_user(self.territory_partner).write({"name": "Non"})
