from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common_transfer import TransferCase


@tagged("post_install", "-at_install")
class TestTransferMatching(TransferCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.transfer_signed = cls.env.ref(
            "accompagnement_entreprise.support_case_stage_transmission_signed"
        )

    def _person(self, name):
        return self.env["res.partner"].create({"name": name})

    def test_score_all_criteria_met_or_open(self):
        self.assertEqual(self.bakery_offer._score_buyer(self.baker_buyer), (100, True))
        anyone = self._buyer(self._person("Sans Critère"))
        self.assertEqual(self.bakery_offer._score_buyer(anyone), (100, True))

    def test_score_of_each_criterion(self):
        buyer = self._buyer(
            self._person("Critères Partiels"),
            sector_ids=[Command.set(self.sector_c.ids)],
            epci_ids=[Command.set(self.other_epci.ids)],  # area missed: -25
            price_max=160000,  # 180 000 within +20 %: half of 20
            headcount_max="1_2",  # one bracket below the offer's 3-5: half of 10
            turnover_max="lt_100k",  # two brackets below: 0 of 5
        )
        self.assertEqual(self.bakery_offer._score_buyer(buyer), (40 + 0 + 10 + 5 + 0, True))
        buyer.epci_ids = [Command.set(self.epci.ids)]
        self.assertEqual(self.bakery_offer._score_buyer(buyer)[0], 40 + 25 + 10 + 5 + 0)

    def test_sector_and_price_are_decisive(self):
        trader = self._buyer(
            self._person("Commerçante"), sector_ids=[Command.set(self.sector_g.ids)]
        )
        score, fits = self.bakery_offer._score_buyer(trader)
        self.assertEqual(score, 60)
        self.assertFalse(fits)
        poor = self._buyer(self._person("Petit Budget"), price_max=100000)
        score, fits = self.bakery_offer._score_buyer(poor)
        self.assertEqual(score, 80)
        self.assertFalse(fits)
        buyers = [buyer for buyer, _score in self.bakery_offer._match_buyers()]
        self.assertIn(self.baker_buyer, buyers)
        self.assertNotIn(trader, buyers)
        self.assertNotIn(poor, buyers)

    def test_matching_lists_best_first_and_only_searching_buyers(self):
        far = self._buyer(
            self._person("Acheteur Lointain"),
            department_ids=[Command.set(self.other_department.ids)],
        )
        paused = self._buyer(self._person("En Pause"), state="on_hold")
        found = self.bakery_offer._match_buyers()
        scores = dict(found)
        self.assertEqual(scores[self.baker_buyer], 100)
        self.assertEqual(scores[far], 75)
        self.assertNotIn(paused, scores)
        ranked = [buyer for buyer, _score in found]
        self.assertLess(ranked.index(self.baker_buyer), ranked.index(far))
        # The other way round: the offers that fit a buyer.
        self.assertIn((self.bakery_offer, 75), far._match_offers())
        self.assertEqual(paused.matching_offer_count, len(paused._match_offers()))

    def test_draft_offers_are_not_matched(self):
        draft = self.env["support.transfer.offer"].create(
            {
                "case_id": self.workshop_case.id,
                "name": "Atelier en préparation",
                "sector_id": self.sector_c.id,
                "price_min": 1000,
                "price_max": 2000,
            }
        )
        offers = [offer for offer, _score in self.baker_buyer._match_offers()]
        self.assertIn(self.bakery_offer, offers)
        self.assertNotIn(draft, offers)
        with self.assertRaises(UserError):
            self.env["support.transfer.match"]._introduce(draft, self.baker_buyer)

    def test_matching_wizard_introduces_ticked_buyers(self):
        action = self.bakery_offer.with_user(self.advisor).action_find_buyers()
        wizard = self.env["support.transfer.matching"].browse(action["res_id"])
        line = wizard.line_ids.filtered(lambda l: l.buyer_id == self.baker_buyer)
        self.assertEqual(line.score, 100)
        with self.assertRaises(UserError):
            wizard.with_user(self.advisor).action_introduce()
        line.selected = True
        result = wizard.with_user(self.advisor).action_introduce()
        match = self.env["support.transfer.match"].search(result["domain"])
        self.assertEqual(match.buyer_id, self.baker_buyer)
        self.assertEqual((match.state, match.score), ("proposed", 100))
        self.assertTrue(line.already_introduced)

    def test_introduction_from_proposal_to_deal(self):
        Match = self.env["support.transfer.match"].with_user(self.advisor)
        match = Match._introduce(self.bakery_offer, self.baker_buyer)
        self.assertEqual(Match._introduce(self.bakery_offer, self.baker_buyer), match)
        rival = Match._introduce(self.bakery_offer, self._buyer(self._person("Concurrent")))
        with self.assertRaises(UserError):
            match.action_meeting()  # no agreement yet
        self.env["support.transfer.nda"].with_user(self.advisor).create(
            {"offer_id": self.bakery_offer.id, "buyer_id": self.baker_buyer.id}
        )
        self.assertEqual(match.state, "nda")
        self.assertTrue(match.nda_id)
        with self.assertRaises(UserError):
            match.action_close_deal()
        match.action_meeting()
        self.assertTrue(match.date_meeting)
        match.action_offer_made()
        match.action_close_deal()
        self.assertEqual(match.state, "closed")
        self.assertEqual(self.bakery_offer.state, "sold")
        self.assertEqual(self.baker_buyer.state, "done")
        self.assertEqual(self.bakery_case.stage_id, self.transfer_signed)
        self.assertEqual(self.baker_buyer.case_id.stage_id, self.transfer_signed)
        self.assertEqual(rival.state, "declined")
        with self.assertRaises(UserError):
            match.action_decline()

    def test_agreement_before_introduction_skips_the_proposal(self):
        self.env["support.transfer.nda"].create(
            {"offer_id": self.bakery_offer.id, "buyer_id": self.baker_buyer.id}
        )
        match = self.env["support.transfer.match"]._introduce(self.bakery_offer, self.baker_buyer)
        self.assertEqual(match.state, "nda")

    def _matching_queries(self, offer):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        found = offer._match_buyers()
        return self.cr.sql_log_count - before, found

    def _add_buyers(self, count):
        for index in range(count):
            self._buyer(
                self._person(f"Repreneur {index}"),
                sector_ids=[Command.set(self.sector_c.ids)],
                department_ids=[Command.set(self.department.ids)],
                price_max=200000 + index * 1000,
            )

    def test_matching_query_budget(self):
        offer = self.bakery_offer.with_user(self.advisor)
        offer._match_buyers()  # warm the caches of access rights and record rules
        self._add_buyers(5)
        few, found = self._matching_queries(offer)
        self.assertGreaterEqual(len(found), 6)
        self._add_buyers(20)
        many, found = self._matching_queries(offer)
        self.assertGreaterEqual(len(found), 26)
        self.assertEqual(few, many, "matching must not query once per buyer")
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(8):
            offer._match_buyers()
