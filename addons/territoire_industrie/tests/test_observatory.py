from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL

from ..models.territory_observatory_snapshot import HEADCOUNT_MIDPOINTS
from .observatory_common import ObservatoryCase


@tagged("post_install", "-at_install")
class TestObservatorySnapshot(ObservatoryCase):
    def _snapshot(self, day, **values):
        snapshot = (
            self.env["territory.observatory.snapshot"]
            .with_user(self.ti_manager)
            .create({"date": day, "epci_ids": [(6, 0, self.scope.ids)], **values})
        )
        snapshot.action_compute()
        return snapshot

    def _lines(self, snapshot):
        return {
            (line.epci_id, line.naf_section, line.headcount_bracket): (
                line.establishment_count,
                line.estimated_jobs,
                line.created_count,
                line.closed_count,
            )
            for line in snapshot.line_ids
        }

    def test_naf_section_set_on_create_and_by_the_import(self):
        self.assertEqual(self.watchmaker.naf_section, "C")
        self.assertEqual(self.shop.naf_section, "G")
        self.watchmaker.naf_code = "62.01Z"
        self.assertEqual(self.watchmaker.naf_section, "J")

    def test_snapshot_counts_jobs_creations_and_closures(self):
        snapshot = self._snapshot("2026-06-30")
        self.assertEqual(snapshot.state, "done")
        self.assertEqual(snapshot.date_from, date(2026, 1, 1))
        self.assertEqual(
            self._lines(snapshot),
            {
                # the watchmaker is active; the closure of 15 February is in the period
                (self.cc_morteau, "C", "01"): (1, 1.5, 0, 1),
                # created on 1 March: active and a creation; 20 to 49 employees: 34.5
                (self.cc_morteau, "C", "12"): (1, 34.5, 1, 0),
                # non-employer: no job
                (self.cc_russey, "G", "NN"): (1, 0.0, 0, 0),
                # partially diffusible: counted (commune, activity, headcount are public)
                (self.cc_russey, "G", "02"): (1, 4.0, 0, 0),
                # closed in 2019, created after the date: in no line
            },
        )
        self.assertEqual((snapshot.establishment_count, snapshot.estimated_jobs), (4, 40.0))

    def test_second_snapshot_counts_from_the_first_and_shows_the_evolution(self):
        self._snapshot("2026-06-30")
        second = self._snapshot("2026-10-31")
        self.assertEqual(second.date_from, date(2026, 7, 1))
        self.assertEqual(self._lines(second)[self.cc_morteau, "C", "01"], (2, 3.0, 1, 0))
        evolution = (
            self.env["territory.observatory.snapshot.line"]
            .with_user(self.ti_user)
            ._read_group(
                [("epci_id", "=", self.cc_morteau.id), ("snapshot_id.kind", "=", "manual")],
                ["date:day"],
                ["establishment_count:sum"],
            )
        )
        self.assertEqual(
            [(fields.Date.to_date(day), count) for day, count in evolution],
            [(date(2026, 6, 30), 2), (date(2026, 10, 31), 3)],
        )

    def test_recount_replaces_the_lines(self):
        snapshot = self._snapshot("2026-06-30")
        lines = snapshot.line_ids
        snapshot.action_compute()
        self.assertFalse(lines.exists())
        self.assertEqual(len(snapshot.line_ids), 4)

    def test_midpoints_documented(self):
        self.assertEqual(
            [
                HEADCOUNT_MIDPOINTS[code]
                for code in ("NN", "00", "01", "02", "03", "11", "12", "21")
            ],
            [0, 0, 1.5, 4, 7.5, 14.5, 34.5, 74.5],
        )

    def test_yearly_cron_takes_last_year_once(self):
        Snapshot = self.env["territory.observatory.snapshot"]
        with freeze_time("2027-01-01 03:00:00"):
            Snapshot._cron_yearly_snapshot()
            Snapshot._cron_yearly_snapshot()
        yearly = Snapshot.search([("kind", "=", "yearly"), ("date", "=", "2026-12-31")])
        self.assertEqual(len(yearly), 1)
        self.assertEqual(yearly.date_from, date(2026, 1, 1))
        lines = yearly.line_ids.filtered(lambda line: line.epci_id == self.cc_morteau)
        self.assertEqual(sum(lines.mapped("created_count")), 2)  # March and September
        self.assertEqual(sum(lines.mapped("closed_count")), 1)
        self.assertTrue(self.env.ref("territoire_industrie.territory_observatory_snapshot_cron"))

    def test_snapshot_query_budget(self):
        snapshot = (
            self.env["territory.observatory.snapshot"]
            .with_user(self.ti_manager)
            .create({"date": "2026-06-30", "epci_ids": [(6, 0, self.scope.ids)]})
        )
        self.env.flush_all()
        with self.assertQueryCount(15):
            snapshot.action_compute()
            self.env.flush_all()

    def test_users_cannot_take_snapshots(self):
        snapshot = self._snapshot("2026-06-30")
        with self.assertRaises(AccessError):
            snapshot.with_user(self.ti_user).action_compute()


@tagged("post_install", "-at_install")
class TestObservatoryDashboards(ObservatoryCase):
    def test_creations_and_closures_per_year(self):
        groups = (
            self.env["territory.establishment.movement"]
            .with_user(self.ti_user)
            ._read_group(
                [("epci_id", "in", self.scope.ids)],
                ["date:year"],
                ["created_count:sum", "closed_count:sum", "balance:sum"],
            )
        )
        per_year = {day.year: values for day, *values in groups}
        self.assertEqual(per_year[2026], [2, 1, 1])
        self.assertEqual(per_year[2019], [0, 1, -1])
        self.assertEqual(per_year[2020], [1, 0, 1])

    def test_analysis_by_epci_section_and_industry(self):
        industry = self.env["territory.industry"].create(
            {
                "code": "ti-9991",
                "name": "Haut-Doubs",
                "epci_ids": [(6, 0, self.scope.ids)],
            }
        )
        self.env.flush_all()
        Analysis = self.env["territory.establishment.analysis"].with_user(self.ti_user)
        groups = Analysis._read_group(
            [("state", "=", "active"), ("epci_id", "in", self.scope.ids)],
            ["industry_id", "naf_section"],
            ["establishment_count:sum", "estimated_jobs:sum"],
        )
        self.assertEqual(
            {(ti, section): values for ti, section, *values in groups},
            {(industry, "C"): [3, 37.5], (industry, "G"): [2, 4.0]},
        )


@tagged("post_install", "-at_install")
class TestObservatoryCoverage(ObservatoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.company = Partner.create({"name": "Horlogerie du Saugeais", "is_company": True})
        cls.employee_contact = Partner.create(
            {"name": "Julie Bourgeois", "parent_id": cls.company.id}
        )
        cls.shop_partner = Partner.create({"name": "Épicerie du Russey", "is_company": True})
        cls.watchmaker.partner_id = cls.company
        cls.shop.partner_id = cls.shop_partner
        Event = cls.env["calendar.event"]
        # The watchmaker's employee came to a meeting a month ago: the company is covered.
        Event.create(
            {
                "name": "Visite de l'atelier",
                "start": cls.recently,
                "stop": cls.recently + timedelta(hours=1),
                "partner_ids": [(6, 0, cls.employee_contact.ids)],
            }
        )
        # The shop was met two years ago: not in the last 12 months.
        Event.create(
            {
                "name": "Rencontre commerçants",
                "start": "2024-01-10 09:00:00",
                "stop": "2024-01-10 10:00:00",
                "partner_ids": [(6, 0, cls.shop_partner.ids)],
            }
        )

    def test_met_recently_through_the_commercial_partner(self):
        Establishment = self.Establishment.with_user(self.ti_user)
        self.assertTrue(self.watchmaker.with_user(self.ti_user).is_met_recently)
        self.assertFalse(self.shop.with_user(self.ti_user).is_met_recently)
        ours = [("id", "in", (self.watchmaker | self.shop | self.new_plant).ids)]
        self.assertEqual(
            Establishment.search([*ours, ("is_met_recently", "=", True)]), self.watchmaker
        )
        self.assertEqual(
            Establishment.search([*ours, ("is_met_recently", "=", False)]),
            self.shop | self.new_plant,
        )

    def test_coverage_report_per_epci_and_section(self):
        rows = self.Establishment.with_user(self.ti_user)._coverage_report(
            domain=[("epci_id", "in", self.scope.ids)]
        )
        self.assertEqual(
            {
                (r["epci_id"], r["naf_section"]): (r["establishment_count"], r["met_count"])
                for r in rows
            },
            {
                (self.cc_morteau.id, "C"): (3, 1),
                (self.cc_russey.id, "G"): (2, 0),
            },
        )
        share = next(r["share"] for r in rows if r["epci_id"] == self.cc_morteau.id)
        self.assertAlmostEqual(share, 100 / 3)

    def test_coverage_wizard_lines_and_not_met_list(self):
        report = (
            self.env["territory.coverage.report"]
            .with_user(self.ti_user)
            .create({"epci_ids": [(6, 0, self.cc_morteau.ids)]})
        )
        action = report.action_compute()
        lines = self.env[action["res_model"]].with_user(self.ti_user).search(action["domain"])
        self.assertEqual(
            [(line.epci_id, line.naf_section, line.met_count) for line in lines],
            [(self.cc_morteau, "C", 1)],
        )
        not_met = report.action_view_not_met()
        found = self.Establishment.with_user(self.ti_user).search(
            [*not_met["domain"], ("state", "=", "active")]
        )
        self.assertEqual(found, self.new_plant | self.created_later)

    def test_other_addons_add_their_partners(self):
        """The hook: a query added by an override counts as an interaction."""
        Establishment = type(self.Establishment)
        original = Establishment._coverage_partner_queries
        shop_partner = self.shop_partner

        def extended(self, date_from):
            return [*original(self, date_from), SQL("SELECT %s", shop_partner.id)]

        self.assertFalse(self.shop.is_met_recently)
        self.shop.invalidate_recordset(["is_met_recently"])
        with patch.object(Establishment, "_coverage_partner_queries", extended):
            self.assertTrue(self.shop.is_met_recently)

    def test_coverage_query_budget(self):
        Establishment = self.Establishment.with_user(self.ti_user)
        Establishment._coverage_report()  # warm the rule cache
        # Two: the totals (from the analysis's tally), the establishments met.
        with self.assertQueryCount(2):
            Establishment._coverage_report()
