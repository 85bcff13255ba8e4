from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .results_common import ResultsCase


@tagged("post_install", "-at_install")
class TestSupportResults(ResultsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Q2 2020: taken after 3, 4, 5 and 6 days, and one never taken.
        cls.on_day_3 = cls._case("2020-04-10", taken="2020-04-13")
        cls._case("2020-04-10", taken="2020-04-14")
        cls._case("2020-04-10", taken="2020-04-15", partner_id=cls.company_b.id)
        cls._case("2020-04-10", taken="2020-04-16", user_id=cls.advisor_2.id)
        cls._case("2020-05-02", user_id=cls.advisor_2.id)
        # Closed in Q2 2020 (opened in Q1): reasons and satisfaction.
        cls._case("2020-02-03", taken="2020-02-04", closed="2020-05-20", useful="yes")
        cls._case("2020-03-03", taken="2020-03-04", closed="2020-06-20", useful="partly")
        cls._case("2020-03-05", taken="2020-03-06", closed="2020-06-21", reason="abandoned")
        # Q2 2019: one new case, taken within 3 days, closed and found useful.
        cls._case("2019-05-06", taken="2019-05-07", closed="2019-06-10", useful="yes")
        cls.domain = [("organisation_id", "=", cls.organisation.id)]

    def _total(self, rows):
        [total] = [row for row in rows if row["group"] is False]
        return total

    def test_take_delay_is_stored_for_pivots(self):
        self.assertEqual(self.on_day_3.take_delay, 3)
        self.assertEqual(self.on_day_3.taken_within_3, 100)
        self.assertEqual(self.on_day_3.taken_within_5, 100)
        self.on_day_3.date_taken = "2020-04-14"
        self.assertEqual(self.on_day_3.take_delay, 4)
        self.assertEqual(self.on_day_3.taken_within_3, 0)
        self.assertEqual(self.on_day_3.taken_within_5, 100)

    def test_rates_at_the_3_and_5_day_edges(self):
        rows = self.env["support.case"]._results_compare(self.domain, False, 2020, 2)
        current = self._total(rows)["current"]
        self.assertEqual(current["new_cases"], 5)
        self.assertEqual(current["companies"], 2)
        # 1 of 5 within 3 days (day 3 counts), 3 of 5 within 5 days (day 5 counts); the case
        # never taken in charge counts as missed for both.
        self.assertEqual(current["taken_3_rate"], 20.0)
        self.assertEqual(current["taken_5_rate"], 60.0)

    def test_untaken_case_counts_as_missed_only_once_the_delay_is_over(self):
        case = self._case("2030-01-10")
        Case = self.env["support.case"]
        domain = [("id", "=", case.id)]
        bounds = (date(2030, 1, 1), date(2030, 3, 31))

        def measured(today):
            [counts] = Case._results_raw(domain, [], *bounds, today=today).values()
            return counts["measured_3"], counts["measured_5"]

        self.assertEqual(measured(date(2030, 1, 13)), (0, 0))  # 3 days: still in time
        self.assertEqual(measured(date(2030, 1, 14)), (1, 0))  # 4 days: missed 3, not 5
        self.assertEqual(measured(date(2030, 1, 15)), (1, 0))
        self.assertEqual(measured(date(2030, 1, 16)), (1, 1))

    def test_closing_reasons_and_satisfaction(self):
        rows = self.env["support.case"]._results_compare(self.domain, False, 2020, 2)
        current = self._total(rows)["current"]
        self.assertEqual(current["closed"], 3)
        self.assertEqual(current["closed_done"], 2)
        self.assertEqual(current["closed_abandoned"], 1)
        self.assertEqual(current["satisfaction_answers"], 2)
        self.assertEqual(current["satisfaction_rate"], 50.0)

    def test_comparison_with_previous_quarter_and_last_year(self):
        rows = self.env["support.case"]._results_compare(self.domain, False, 2020, 2)
        total = self._total(rows)
        self.assertEqual(total["previous"]["new_cases"], 3)
        self.assertEqual(total["previous"]["closed"], 0)
        self.assertIsNone(total["previous"]["satisfaction_rate"])
        self.assertEqual(total["last_year"]["new_cases"], 1)
        self.assertEqual(total["last_year"]["taken_3_rate"], 100.0)
        self.assertEqual(total["last_year"]["satisfaction_rate"], 100.0)

    def test_wizard_lines_per_advisor_with_differences(self):
        results = self.env["support.results"].create(
            {
                "year": 2020,
                "quarter": "2",
                "dimension": "user_id",
                "organisation_id": self.organisation.id,
            }
        )
        action = results.action_show_results()
        self.assertEqual(action["res_model"], "support.results.line")
        lines = results.line_ids
        self.assertEqual(
            set(lines.mapped("group_name")), {self.advisor.name, self.advisor_2.name, "Total"}
        )

        def line(group, metric):
            return lines.filtered(lambda x: x.group_name == group and x.metric == metric)

        new_total = line("Total", "new_cases")
        self.assertEqual((new_total.current, new_total.previous, new_total.last_year), (5, 3, 1))
        self.assertEqual((new_total.diff_previous, new_total.diff_last_year), (2, 4))
        self.assertEqual(line(self.advisor.name, "new_cases").current, 3)
        self.assertEqual(line(self.advisor_2.name, "new_cases").current, 2)
        self.assertEqual(line(self.advisor_2.name, "taken_5_rate").current, 0)
        rate_3 = line("Total", "taken_3_rate")
        self.assertTrue(rate_3.is_rate)
        self.assertEqual(rate_3.diff_last_year, 20.0 - 100.0)

    def test_results_per_epci_and_query_budget(self):
        Case = self.env["support.case"]
        Case.flush_model()
        # 5 grouped queries per dimension, 5 for the total, 1 for the names of the EPCIs
        with self.assertQueryCount(11):
            rows = Case._results_compare(self.domain, "epci_id", 2020, 2)
        per_epci = {row["group"]: row["current"]["new_cases"] for row in rows}
        self.assertEqual(per_epci[self.epci_a], 4)
        self.assertEqual(per_epci[self.epci_b], 1)
        self.assertEqual(per_epci[False], 5)

    def test_bad_year_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env["support.results"].create({"year": 20, "quarter": "1"})

    def test_advisor_sees_the_results_of_his_cases(self):
        results = (
            self.env["support.results"]
            .with_user(self.advisor_2)
            .create({"year": 2020, "quarter": "2", "dimension": "user_id"})
        )
        results.action_show_results()
        groups = set(results.line_ids.mapped("group_name"))
        self.assertIn(self.advisor_2.name, groups)
        self.assertNotIn(self.advisor.name, groups)

    def test_manager_sees_every_advisor(self):
        results = (
            self.env["support.results"]
            .with_user(self.manager)
            .create(
                {
                    "year": 2020,
                    "quarter": "2",
                    "dimension": "user_id",
                    "organisation_id": self.organisation.id,
                }
            )
        )
        results.action_show_results()
        self.assertLessEqual(
            {self.advisor.name, self.advisor_2.name}, set(results.line_ids.mapped("group_name"))
        )
        # Results are personal: another user does not read them.
        with self.assertRaises(AccessError):
            results.with_user(self.advisor).line_ids.read(["current"])

    def test_territory_partner_sees_only_the_epcis_followed(self):
        results = (
            self.env["support.results"]
            .with_user(self.territory_partner)
            .create({"year": 2020, "quarter": "2", "dimension": "epci_id"})
        )
        results.action_show_results()
        groups = set(results.line_ids.mapped("group_name"))
        self.assertIn(self.epci_a.display_name, groups)
        self.assertNotIn(self.epci_b.display_name, groups)
        total = results.line_ids.filtered(lambda x: x.is_total and x.metric == "new_cases")
        self.assertEqual(total.current, 4)

    def test_employee_without_role_cannot_open_results(self):
        with self.assertRaises(AccessError):
            self.env["support.results"].with_user(self.employee).create(
                {"year": 2020, "quarter": "2"}
            )
