from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ConventionCase


@tagged("post_install", "-at_install")
class TestFunding(ConventionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Line = cls.env["territory.funding.line"]
        cls.own_line = Line.create(
            {
                "action_id": cls.action.id,
                "funder_id": cls.cci.id,
                "scheme_id": cls.scheme_chamber.id,
                "amount": 6000,
                "state": "granted",
            }
        )
        cls.aid_line = Line.create(
            {
                "action_id": cls.action.id,
                "funder_id": cls.region.id,
                "scheme_id": cls.scheme_region.id,
                "amount": 9000,
                "state": "requested",
            }
        )
        cls.forum_line = Line.create(
            {
                "action_id": cls.other_action.id,
                "funder_id": cls.epci_partner.id,
                "scheme_id": cls.env.ref("territoire_industrie.territory_funding_scheme_epci").id,
                "amount": 2500.5,
            }
        )

    def test_own_funds_follow_pilots(self):
        self.assertEqual(self.own_line.funding_type, "own")
        self.assertEqual(self.aid_line.funding_type, "aid")
        self.assertEqual(self.forum_line.funding_type, "aid")

    def test_totals_per_action(self):
        self.assertEqual(self.action.funding_total, 15000)
        self.assertEqual(self.action.own_funds_total, 6000)
        self.assertEqual(self.action.aid_total, 9000)
        self.assertAlmostEqual(self.action.aid_rate, 60.0)

    def test_totals_per_convention_and_funder(self):
        convention = self.convention
        self.assertEqual(convention.budget_total, 20000)
        self.assertEqual(convention.funding_total, 17500.5)
        self.assertEqual(convention.own_funds_total, 6000)
        self.assertEqual(convention.aid_total, 11500.5)
        by_funder = dict(convention._get_funding_by_funder())
        self.assertEqual(by_funder, {self.region: 9000, self.cci: 6000, self.epci_partner: 2500.5})

    def test_funding_above_budget(self):
        with self.assertRaisesRegex(ValidationError, "exceeds its budget"):
            self.aid_line.amount = 14001
        with self.assertRaisesRegex(ValidationError, "exceeds its budget"):
            self.action.budget = 14000
        # Without a budget there is no ceiling.
        self.other_action.funding_line_ids[0].amount = 1_000_000
        self.assertEqual(self.other_action.funding_total, 1_000_000)

    def test_funder_is_an_organisation(self):
        with self.assertRaisesRegex(ValidationError, "is a person"):
            self.aid_line.funder_id = self.signatory

    def test_user_edits_funding_of_own_actions_only(self):
        line = self.aid_line.with_user(self.ti_user)
        line.amount = 8000
        self.assertEqual(self.action.aid_total, 8000)
        with self.assertRaises(AccessError):
            self.forum_line.with_user(self.ti_user).amount = 10
