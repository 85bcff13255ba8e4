import io
import zipfile

import openpyxl

from odoo.tests import HttpCase, tagged

from odoo.addons.accompagnement_entreprise.report.support_results_xlsx import build_results_xlsx

from .results_common import ResultsCase


class ReportsCase(ResultsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.collectivite = cls.env["res.partner"].create(
            {"name": "CC Résultats Amont", "is_company": True, "organisation_type": "collectivite"}
        )
        cls.convention = cls.env["territory.convention"].create(
            {
                "name": "Convention des résultats",
                "party_ids": [(6, 0, [cls.collectivite.id, cls.organisation.id])],
                "date_start": "2021-01-01",
                "date_end": "2023-12-31",
                "epci_ids": [(6, 0, [cls.epci_a.id, cls.epci_b.id])],
            }
        )
        conv = {"convention_id": cls.convention.id}
        cls.case_q3 = cls._case("2022-07-04", taken="2022-07-05", **conv)
        cls._case("2022-08-01", taken="2022-08-09", partner_id=cls.company_b.id, **conv)
        cls._case("2022-04-01", taken="2022-04-02", closed="2022-08-01", useful="yes", **conv)
        cls._case(
            "2021-07-01",
            taken="2021-07-03",
            closed="2021-09-01",
            reason="unreachable",
            programme_id=cls.env.ref(
                "accompagnement_entreprise.support_programme_digitalisation"
            ).id,
            stage_id=cls.stage_closed.id,
            **conv,
        )


@tagged("post_install", "-at_install")
class TestResultsXlsx(ReportsCase):
    def _rows(self, content, sheet):
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        return [list(row) for row in workbook[sheet].iter_rows(values_only=True)]

    def test_xlsx_figures_and_cases(self):
        content = build_results_xlsx(self.organisation, 2022, 3)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            self.assertIn("xl/worksheets/sheet2.xml", archive.namelist())
        figures = self._rows(content, "Figures")
        self.assertEqual(figures[0][0], "Chambre des Résultats: results of Q3 2022")
        self.assertEqual(figures[2][0], "All programmes")
        self.assertEqual(
            figures[3][:6],
            [
                "Figure",
                "Quarter",
                "Previous Quarter",
                "Change vs Previous Quarter",
                "Same Quarter Last Year",
                "Change vs Last Year",
            ],
        )
        rows = {row[0]: row for row in figures[4:16]}
        self.assertEqual(rows["New Cases"][1:6], [2, 1, 1, 1, 1])
        self.assertEqual(rows["Taken in Charge Within 3 Days (%)"][1:6], [50, 100, -50, 100, -50])
        self.assertEqual(rows["Closed: Done"][1], 1)
        self.assertEqual(rows["Closed: Not Reachable"][4], 1)
        self.assertEqual(rows["Found Useful (% of Answers)"][1], 100)
        self.assertIsNone(rows["Found Useful (% of Answers)"][2])
        self.assertIn("Digitalisation", [row[0] for row in figures])
        cases = self._rows(content, "Cases")
        self.assertEqual(cases[0][0], "Reference")
        self.assertEqual(len(cases), 3)
        self.assertEqual(cases[1][0], self.case_q3.reference)
        self.assertEqual(cases[1][8], 1)


@tagged("post_install", "-at_install")
class TestResultsXlsxController(HttpCase, ReportsCase):
    def test_controller_downloads_for_managers_only(self):
        url = (
            f"/accompagnement_entreprise/organisation/{self.organisation.id}"
            "/results/2022/3/results.xlsx"
        )
        self.authenticate(self.manager.login, self.manager.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content[:2], b"PK")
        self.authenticate(self.employee.login, self.employee.login)
        response = self.url_open(url)
        self.assertNotEqual(response.status_code, 200)


@tagged("post_install", "-at_install")
class TestConventionAnnualReport(ReportsCase):
    def _html(self, user):
        report = (
            self.env["support.convention.annual"]
            .with_user(user)
            .create({"convention_id": self.convention.id, "year": 2022})
        )
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(
                "accompagnement_entreprise.support_convention_annual_report", report.ids
            )
        )
        return report, html.decode()

    def test_sections_per_epci(self):
        report, _html = self._html(self.manager)
        sections = report._get_report_sections()
        self.assertEqual([s["epci"] for s in sections], [False, self.epci_a, self.epci_b])
        total, amont, aval = (s["figures"] for s in sections)
        self.assertEqual((total["new_cases"], total["companies"]), (3, 2))
        self.assertEqual(total["taken_3_rate"], round(200 / 3, 1))
        self.assertEqual(total["taken_5_rate"], round(200 / 3, 1))
        self.assertEqual((amont["new_cases"], aval["new_cases"]), (2, 1))
        self.assertEqual(aval["taken_5_rate"], 0)
        self.assertEqual(sections[0]["closing"], [("Done", 1)])
        self.assertEqual(total["satisfaction_rate"], 100)
        self.assertEqual(
            sections[0]["programmes"], [{"name": "Digitalisation", "cases": 3, "companies": 2}]
        )

    def test_pdf_html_contains_the_figures(self):
        _report, html = self._html(self.manager)
        for text in (
            "Company support",
            "2022",
            "Convention des résultats",
            "Whole territory of the convention",
            "CC Résultats Amont",
            "CC Résultats Aval",
            "Digitalisation",
            "66.7",
            "100.0",
        ):
            self.assertIn(text, html)

    def test_territory_partner_reads_only_the_epcis_followed(self):
        report, _html = self._html(self.territory_partner)
        total = report._get_report_sections()[0]["figures"]
        self.assertEqual(total["new_cases"], 2)  # the case of the Aval EPCI is not visible
