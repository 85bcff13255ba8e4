from odoo.exceptions import UserError
from odoo.tests import tagged

from .subsidy_common import SubsidyCase


@tagged("post_install", "-at_install")
class TestDeminimis(SubsidyCase):
    """300 000 € per single undertaking over [grant date - 3 years, grant date]."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.craftsman.company_registry = "552100554"
        cls.big_case = cls.case.copy({"audit_cost": 400000})
        cls.big_envelope = cls.env["support.subsidy.envelope"].create(
            {"name": "Grosse enveloppe", "funder_id": cls.pays.id, "year": 2027, "amount": 10**6}
        )

    def _declare(self, partner, date, amount):
        return self.env["support.deminimis.declaration"].create(
            {
                "partner_id": partner.id,
                "date": "2027-01-05",
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "granting_body": "Région Hauts-de-France",
                            "date_granted": date,
                            "amount": amount,
                        },
                    )
                ],
            }
        )

    def _new(self, amount, date="2027-06-15"):
        subsidy = self._subsidy(case=self.big_case, envelope_id=self.big_envelope.id)
        subsidy.action_submit()
        subsidy.write(
            {"deliberation_number": "D-1", "date_decision": date, "amount_granted": amount}
        )
        return subsidy

    def test_ceilings_are_dated(self):
        Ceiling = self.env["support.deminimis.ceiling"]
        self.assertEqual(Ceiling._ceiling_at("2023-12-31").amount, 200000)
        self.assertEqual(Ceiling._ceiling_at("2024-01-01").amount, 300000)

    def test_window_edges(self):
        # Grant date 15 June 2027: aid of 15 June 2024 (exactly three years back) counts,
        # aid of 14 June 2024 does not, aid of 16 June 2024 does.
        for aid_date, counted in (
            ("2024-06-14", False),
            ("2024-06-15", True),
            ("2024-06-16", True),
        ):
            with self.subTest(aid_date=aid_date):
                declaration = self._declare(self.craftsman, aid_date, 100000)
                subsidy = self._new(200000.01)
                self.assertEqual(
                    subsidy._deminimis_previous_aid("2027-06-15"), 100000.0 if counted else 0.0
                )
                if counted:
                    with self.assertRefused(UserError, "De minimis ceiling exceeded"):
                        subsidy.action_decide()
                    self.assertEqual(subsidy.state, "review")
                else:
                    subsidy.action_decide()
                    self.assertEqual(subsidy.state, "decided")
                    subsidy.write({"state": "refused"})
                declaration.unlink()

    def test_exactly_the_ceiling_is_allowed(self):
        self._declare(self.craftsman, "2025-01-10", 100000)
        subsidy = self._new(200000)
        subsidy.action_decide()
        self.assertEqual(subsidy.deminimis_total, 300000.0)

    def test_our_previous_subsidies_count_and_the_total_moves(self):
        first = self._new(250000, date="2026-02-01")
        first.action_decide()
        second = self._new(50000.01)
        self.assertEqual(second.deminimis_total, 300000.01)
        with self.assertRefused(UserError, "De minimis ceiling exceeded"):
            second.action_decide()
        second.amount_granted = 50000
        second.action_decide()

    def test_single_undertaking_groups_companies(self):
        sister = self.env["res.partner"].create(
            {
                "name": "Pâtisserie Test Lefebvre",
                "is_company": True,
                "deminimis_parent_id": self.craftsman.id,
            }
        )
        self._declare(sister, "2026-01-01", 250000)
        subsidy = self._new(60000)
        with self.assertRefused(UserError, "De minimis ceiling exceeded"):
            subsidy.action_decide()
        # Another establishment of the same SIREN is the same company.
        branch = self.env["res.partner"].create(
            {
                "name": "Boulangerie Test Lefebvre - Hesdin",
                "is_company": True,
                "company_registry": "55210055400013",
            }
        )
        other_case = self.big_case.copy({"partner_id": branch.id})
        other = self._subsidy(case=other_case, envelope_id=self.big_envelope.id)
        self.assertEqual(other.siren, "552100554")
        other.action_submit()
        other.write(
            {"deliberation_number": "D-2", "date_decision": "2027-03-01", "amount_granted": 10}
        )
        other.action_decide()
        self.assertEqual(subsidy._deminimis_previous_aid("2027-06-15"), 250010.0)
