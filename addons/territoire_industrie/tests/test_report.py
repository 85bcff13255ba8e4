import io

import openpyxl

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.territoire_industrie.report.action_plan_xlsx import build_action_plan_xlsx

from .common import ConventionCase


class ReportCase(ConventionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["territory.funding.line"].create(
            [
                {
                    "action_id": cls.action.id,
                    "funder_id": cls.cci.id,
                    "scheme_id": cls.scheme_chamber.id,
                    "amount": 2500.50,
                },
                {
                    "action_id": cls.action.id,
                    "funder_id": cls.region.id,
                    "scheme_id": cls.scheme_region.id,
                    "amount": 10000,
                    "state": "granted",
                },
            ]
        )
        cls.env["territory.indicator"].create(
            {
                "action_id": cls.action.id,
                "name": "Companies at the HR club",
                "unit": "companies",
                "target": 40,
                "measurement_ids": [
                    (0, 0, {"date": "2024-12-31", "value": 12}),
                    (0, 0, {"date": "2025-06-30", "value": 19}),
                ],
            }
        )


@tagged("post_install", "-at_install")
class TestConventionReport(ReportCase):
    def test_html_content(self):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "territoire_industrie.territory_convention_report", self.convention.ids
        )
        html = html.decode()
        for text in (
            "Groupes Entreprises et Territoires 2024-2026",
            "CCI Saône-Doubs",
            "Communauté de communes du Plateau de Russey",
            "Claire Martin",
            "HR club",
            "Job forum 2024",
            "Région Bourgogne-Franche-Comté",
            "douze mille cinq cents euros et cinquante centimes",
            "Companies at the HR club",
        ):
            self.assertIn(text, html)

    def test_xlsx_content(self):
        workbook = openpyxl.load_workbook(io.BytesIO(build_action_plan_xlsx(self.convention)))
        self.assertEqual(workbook.sheetnames, ["Action Plan", "Funding", "Indicators"])
        plan = workbook["Action Plan"]
        self.assertEqual(plan["A1"].value, self.convention.display_name)
        self.assertEqual(plan["A5"].value, "Code")
        rows = {row[0]: row for row in plan.iter_rows(min_row=6, values_only=True)}
        self.assertEqual(rows["A5"][1], "HR club")
        self.assertEqual(rows["A5"][10], 20000)
        self.assertEqual(rows["A5"][11], 12500.5)
        self.assertEqual(rows["A5"][12], 2500.5)
        self.assertEqual(rows["A5"][13], 10000)
        self.assertEqual(rows["A9"][1], "Job forum 2024")
        funding = workbook["Funding"]
        amounts = [row[5] for row in funding.iter_rows(min_row=2, max_row=3, values_only=True)]
        self.assertEqual(sorted(amounts), [2500.5, 10000])
        indicators = workbook["Indicators"]
        header = [cell.value for cell in indicators[1]]
        row = dict(zip(header, [cell.value for cell in indicators[2]], strict=True))
        self.assertEqual(row["Indicator"], "Companies at the HR club")
        self.assertEqual(row["Actual"], 19)
        self.assertEqual(row["Previous"], 12)
        self.assertEqual(row["Target"], 40)

    def test_xlsx_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["territoire_industrie"], ["fr_FR"])
        convention = self.convention.with_context(lang="fr_FR")
        workbook = openpyxl.load_workbook(io.BytesIO(build_action_plan_xlsx(convention)))
        self.assertEqual(workbook.sheetnames, ["Plan d'actions", "Financements", "Indicateurs"])


@tagged("post_install", "-at_install")
class TestConventionDownloads(HttpCase, ReportCase):
    """wkhtmltopdf fetches the assets over HTTP: only an HttpCase shares its cursor."""

    def test_pdf_renders(self):
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "territoire_industrie.territory_convention_report", self.convention.ids
            )
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertGreater(len(pdf), 5000)

    def test_download_per_role(self):
        url = f"/territoire_industrie/convention/{self.convention.id}/action_plan.xlsx"
        self.authenticate("ti_user", "ti_user")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(workbook["Action Plan"]["A1"].value, self.convention.display_name)
        self.authenticate("ti_employee", "ti_employee")
        with mute_logger("odoo.http"):
            response = self.url_open(url)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("spreadsheetml", response.headers.get("Content-Type", ""))
