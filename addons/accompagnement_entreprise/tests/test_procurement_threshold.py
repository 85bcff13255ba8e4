from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AccompagnementCase


@tagged("post_install", "-at_install")
class TestProcurementThreshold(AccompagnementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.town = cls.env["res.partner"].create({"name": "Commune de Test", "is_company": True})

    def _tender(self, amount, day, kind="supplies_services", category="local"):
        return self.env["support.tender"].create(
            {
                "name": "Marché de test",
                "public_buyer_id": self.town.id,
                "estimated_amount": amount,
                "date_publication": day,
                "kind": kind,
                "buyer_category": category,
            }
        )

    def test_no_publicity_threshold_edge(self):
        self.assertEqual(self._tender(39999.99, "2025-06-01").procedure, "no_publicity")
        self.assertEqual(self._tender(40000, "2025-06-01").procedure, "mapa")
        self.assertEqual(self._tender(89999, "2025-06-01").procedure, "mapa")
        self.assertEqual(self._tender(90000, "2025-06-01").procedure, "mapa_publicity")

    def test_supplies_threshold_rises_on_1_april_2026(self):
        self.assertEqual(self._tender(50000, "2026-03-31").procedure, "mapa")
        self.assertEqual(self._tender(50000, "2026-04-01").procedure, "no_publicity")
        self.assertEqual(self._tender(59999, "2026-04-01").procedure, "no_publicity")
        self.assertEqual(self._tender(60000, "2026-04-01").procedure, "mapa")

    def test_european_thresholds_change_on_1_january_2026(self):
        self.assertEqual(self._tender(216000, "2025-12-31").procedure, "mapa_publicity")
        self.assertEqual(self._tender(220999, "2025-12-31").procedure, "mapa_publicity")
        self.assertEqual(self._tender(221000, "2025-12-31").procedure, "formalised")
        self.assertEqual(self._tender(216000, "2026-01-01").procedure, "formalised")
        self.assertEqual(self._tender(215999, "2026-01-01").procedure, "mapa_publicity")
        # Central government has its own, lower threshold.
        self.assertEqual(
            self._tender(143000, "2025-12-31", category="state").procedure, "formalised"
        )
        self.assertEqual(
            self._tender(140000, "2026-01-01", category="state").procedure, "formalised"
        )
        self.assertEqual(
            self._tender(139999, "2026-01-01", category="state").procedure, "mapa_publicity"
        )

    def test_works_thresholds(self):
        self.assertEqual(self._tender(99999, "2025-06-01", kind="works").procedure, "no_publicity")
        self.assertEqual(
            self._tender(100000, "2025-06-01", kind="works").procedure, "mapa_publicity"
        )
        self.assertEqual(
            self._tender(5404000, "2025-12-31", kind="works").procedure, "mapa_publicity"
        )
        self.assertEqual(self._tender(5404000, "2026-01-01", kind="works").procedure, "formalised")

    def test_tender_follows_its_launch_date_and_amount(self):
        tender = self._tender(50000, "2026-03-31")
        self.assertEqual(tender.procedure, "mapa")
        tender.date_publication = "2026-04-01"
        self.assertEqual(tender.procedure, "no_publicity")
        tender.estimated_amount = 250000
        self.assertEqual(tender.procedure, "formalised")
        self.assertFalse(self._tender(50000, "2019-01-01").threshold_id)

    def test_new_threshold_recomputes_tenders(self):
        tender = self._tender(50000, "2030-06-01")
        self.assertEqual(tender.procedure, "no_publicity")  # below the 60 000 in force
        self.env["support.procurement.threshold"].with_user(self.manager).create(
            {
                "name": "Seuil hypothétique de 2030",
                "procedure": "mapa",
                "kind": "supplies_services",
                "amount": 45000,
                "date_from": "2030-01-01",
            }
        )
        self.assertEqual(tender.procedure, "mapa")
        self.assertEqual(tender.threshold_id.name, "Seuil hypothétique de 2030")

    def test_overlapping_thresholds_are_refused(self):
        with self.assertRaises(ValidationError):
            self.env["support.procurement.threshold"].create(
                {
                    "name": "Doublon",
                    "procedure": "mapa",
                    "kind": "supplies_services",
                    "amount": 40000,
                    "date_from": "2025-01-01",
                    "date_to": "2025-12-31",
                }
            )
        with self.assertRaises(ValidationError):
            self.env["support.procurement.threshold"].create(
                {
                    "name": "Dates inversées",
                    "procedure": "mapa",
                    "kind": "works",
                    "amount": 1,
                    "date_from": "2025-12-31",
                    "date_to": "2025-01-01",
                }
            )
