from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import AccompagnementCase


@tagged("post_install", "-at_install")
class TestTenderResponse(AccompagnementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.joinery = Partner.create({"name": "Menuiserie Test", "is_company": True})
        cls.painter = Partner.create({"name": "Peinture Test", "is_company": True})
        cls.electrician = Partner.create({"name": "Électricité Test", "is_company": True})
        cls.tender = cls.env["support.tender"].create(
            {
                "name": "Rénovation de la salle des fêtes",
                "public_buyer_id": Partner.create({"name": "Commune Test"}).id,
                "kind": "works",
                "estimated_amount": 180000,
                "date_publication": "2026-10-01",
            }
        )

    def _pooled(self, shares, lead=None):
        return self.env["support.tender.response"].create(
            {
                "tender_id": self.tender.id,
                "partner_id": (lead or self.joinery).id,
                "is_pooled": True,
                "amount": 172500,
                "member_ids": [
                    Command.create({"partner_id": partner.id, "share": share})
                    for partner, share in shares
                ],
            }
        )

    def _count(self):
        return self.env["support.tender.response"].search_count(
            [("tender_id", "=", self.tender.id)]
        )

    def test_pooled_shares_add_up_to_100(self):
        response = self._pooled([(self.joinery, 50), (self.painter, 30), (self.electrician, 20)])
        self.assertEqual(response.share_total, 100)
        self.assertTrue(response.member_ids.filtered("is_lead").partner_id == self.joinery)
        self.assertEqual(self.tender.response_count, 1)

    def test_pooled_shares_not_100_are_refused_with_the_total(self):
        with self.assertRaises(ValidationError) as error:
            self._pooled([(self.joinery, 50), (self.painter, 20), (self.electrician, 20)])
        self.assertIn("add up to 90.0 %, not 100 %", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self._pooled([(self.joinery, 50.5), (self.painter, 50)])
        self.assertIn("add up to 100.5 %", str(error.exception))
        self.assertEqual(self._count(), 0)

    def test_shares_are_edited_together_through_the_response(self):
        response = self._pooled([(self.joinery, 60), (self.painter, 40)])
        with Form(response) as form:
            with form.member_ids.edit(0) as line:
                line.share = 50
            with form.member_ids.edit(1) as line:
                line.share = 50
        self.assertEqual(sorted(response.member_ids.mapped("share")), [50, 50])
        with self.assertRaises(ValidationError):
            response.write(
                {"member_ids": [Command.update(response.member_ids[0].id, {"share": 70})]}
            )
        self.assertEqual(sorted(response.member_ids.mapped("share")), [50, 50])

    def test_pooled_response_needs_its_lead_and_distinct_members(self):
        with self.assertRaises(ValidationError) as error:
            self._pooled([(self.painter, 50), (self.electrician, 50)])
        self.assertIn("lead company", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self._pooled([(self.joinery, 50), (self.joinery, 50)])
        self.assertIn("appears twice", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self._pooled([(self.joinery, 100)])
        self.assertIn("at least two", str(error.exception))
        with self.assertRaises(ValidationError):
            self._pooled([(self.joinery, 110), (self.painter, -10)])
        self.assertEqual(self._count(), 0)

    def test_single_response_has_no_members(self):
        response = self.env["support.tender.response"].create(
            {"tender_id": self.tender.id, "partner_id": self.painter.id, "amount": 150000}
        )
        with self.assertRaises(ValidationError):
            response.write(
                {"member_ids": [Command.create({"partner_id": self.joinery.id, "share": 100})]}
            )
        response.action_submit()
        self.assertEqual(response.state, "submitted")
        self.assertTrue(response.date_submitted)
        response.action_won()
        self.assertEqual(response.state, "won")

    def test_case_counts_responses_as_lead_or_member(self):
        procurement = self.env.ref("accompagnement_entreprise.support_programme_public_procurement")
        case = self.env["support.case"].create(
            {"name": "Marchés", "partner_id": self.painter.id, "programme_id": procurement.id}
        )
        response = self._pooled([(self.joinery, 50), (self.painter, 50)])
        self.assertEqual(case.tender_response_count, 0)
        response.member_ids.filtered(lambda m: m.partner_id == self.painter).case_id = case
        case.invalidate_recordset(["tender_response_count"])
        self.assertEqual(case.tender_response_count, 1)
        self.assertEqual(
            self.env["support.tender.response"].search(
                case.action_view_tender_responses()["domain"]
            ),
            response,
        )
