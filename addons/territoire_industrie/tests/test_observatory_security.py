from odoo.exceptions import AccessError
from odoo.tests import tagged

from .observatory_common import ObservatoryCase


@tagged("post_install", "-at_install")
class TestObservatorySecurity(ObservatoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.snapshot = (
            cls.env["territory.observatory.snapshot"]
            .with_user(cls.ti_manager)
            .create({"date": "2026-06-30", "epci_ids": [(6, 0, cls.scope.ids)]})
        )
        cls.snapshot.action_compute()

    def _visible(self, user, model="territory.establishment"):
        return self.env[model].with_user(user).search([("epci_id", "in", self.scope.ids)])

    def test_advisor_reads_the_establishments_of_the_epcis_followed(self):
        visible = self._visible(self.morteau_advisor)
        self.assertEqual(visible, self.ours.filtered(lambda e: e.epci_id == self.cc_morteau))
        with self.assertRaises(AccessError):
            self.shop.with_user(self.morteau_advisor).read(["siret"])
        with self.assertRaises(AccessError):
            self.watchmaker.with_user(self.morteau_advisor).write({"naf_code": "62.01Z"})

    def test_advisor_without_territory_reads_all_manager_all(self):
        self.assertEqual(self._visible(self.ti_user), self.ours)
        self.ti_manager.territory_epci_ids = self.cc_russey  # managers are never limited
        self.assertEqual(self._visible(self.ti_manager), self.ours)

    def test_observatory_tables_follow_the_same_rule(self):
        for model in (
            "territory.observatory.snapshot.line",
            "territory.establishment.analysis",
            "territory.establishment.movement",
        ):
            with self.subTest(model=model):
                self.assertEqual(
                    set(self._visible(self.morteau_advisor, model).mapped("epci_id")),
                    {self.cc_morteau},
                )
                self.assertEqual(
                    set(self._visible(self.ti_user, model).mapped("epci_id")), set(self.scope)
                )

    def test_coverage_counts_only_what_the_advisor_reads(self):
        rows = self.Establishment.with_user(self.morteau_advisor)._coverage_report(
            domain=[("epci_id", "in", self.scope.ids)]
        )
        self.assertEqual({row["epci_id"] for row in rows}, {self.cc_morteau.id})

    def test_employee_sees_nothing_and_only_managers_import_or_snapshot(self):
        for model in (
            "territory.establishment",
            "territory.observatory.snapshot",
            "territory.observatory.snapshot.line",
            "territory.establishment.analysis",
            "territory.establishment.movement",
            "territory.coverage.report",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.employee).search([])
        for model in ("territory.sirene.import", "territory.sirene.import.wizard"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.ti_user).check_access("create")
        with self.assertRaises(AccessError):
            self.env["territory.observatory.snapshot"].with_user(self.ti_user).create({})
        self.assertEqual(self.snapshot.with_user(self.ti_user).state, "done")
