from contextlib import contextmanager

from odoo.tests import new_test_user

from .common import AccompagnementCase


class SubsidyCase(AccompagnementCase):
    """An audit of a craft company, a funder with its envelope, one user per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.territory_partner = new_test_user(
            cls.env,
            "ae_territory_partner",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_partner",
        )
        Partner = cls.env["res.partner"]
        cls.pays = Partner.create({"name": "Pays Test du Ternois", "is_company": True})
        cls.cma = Partner.create({"name": "CMA Test", "is_company": True})
        cls.region = Partner.create({"name": "Région Test", "is_company": True})
        cls.craftsman = Partner.create({"name": "Boulangerie Test Lefebvre", "is_company": True})
        cls.devcom = cls.env.ref("accompagnement_entreprise.support_programme_audit_devcom")
        cls.case = cls.env["support.case"].create(
            {
                "name": "Audit Dév'com+ de la boulangerie",
                "partner_id": cls.craftsman.id,
                "programme_id": cls.devcom.id,
                "user_id": cls.advisor.id,
                "audit_provider_id": cls.cma.id,
                "audit_days": 3,
                "audit_cost": 2400,
                "cofinancing_line_ids": [
                    (0, 0, {"role": "territory", "funder_id": cls.pays.id, "percent": 50}),
                    (0, 0, {"role": "chamber", "funder_id": cls.cma.id, "percent": 20}),
                ],
            }
        )
        cls.envelope = cls.env["support.subsidy.envelope"].create(
            {"name": "Audits test", "funder_id": cls.pays.id, "year": 2025, "amount": 3000}
        )

    @contextmanager
    def assertRefused(self, exception, regex):
        """Like assertRaisesRegex, with Odoo's savepoint: nothing stays half-written."""
        with self.assertRaises(exception) as catcher:
            yield
        self.assertRegex(str(catcher.exception), regex)

    @classmethod
    def _subsidy(cls, case=None, **values):
        return cls.env["support.subsidy"].create(
            {
                "case_id": (case or cls.case).id,
                "funder_id": cls.pays.id,
                "envelope_id": cls.envelope.id,
                "object": "Participation à l'audit Dév'com+",
                **values,
            }
        )

    @classmethod
    def _decide(cls, subsidy, amount=1200, date="2025-03-10", number="2025-042"):
        subsidy.action_submit()
        subsidy.write(
            {"deliberation_number": number, "date_decision": date, "amount_granted": amount}
        )
        subsidy.action_decide()
        return subsidy

    @classmethod
    def _commit(cls, subsidy, **kwargs):
        cls._decide(subsidy, **kwargs)
        subsidy.action_notify()
        subsidy.action_commit()
        return subsidy

    @classmethod
    def _pay(cls, subsidy, amount, payment_type="advance", date="2025-04-01"):
        return cls.env["support.subsidy.payment"].create(
            {
                "subsidy_id": subsidy.id,
                "payment_type": payment_type,
                "amount": amount,
                "date": date,
            }
        )
