import io
from urllib.parse import parse_qs, urlparse

import openpyxl

from odoo.tests import HttpCase, tagged

from ..report.observatory_xlsx import build_establishments_xlsx
from .observatory_common import ObservatoryCase


def _rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(min_row=4, values_only=True)]


@tagged("post_install", "-at_install")
class TestObservatoryExport(ObservatoryCase):
    def test_partially_diffusible_units_never_exported(self):
        Establishment = self.Establishment.with_user(self.ti_user)
        query = Establishment._search([("id", "in", self.ours.ids)])
        rows = _rows(build_establishments_xlsx(query, Establishment.env))
        sirets = {row[0] for row in rows}
        self.assertIn(self.watchmaker.siret, sirets)
        self.assertIn(self.shop.siret, sirets)
        self.assertNotIn(self.hidden.siret, sirets)
        self.assertEqual(len(rows), 6)
        self.assertFalse(any("[ND]" in str(cell) for row in rows for cell in row))

    def test_export_action_selected_or_whole_search(self):
        selected = self.watchmaker | self.shop
        action = selected.with_context(
            active_domain=[("epci_id", "in", self.scope.ids)]
        ).action_export_xlsx()
        self.assertEqual(
            parse_qs(urlparse(action["url"]).query)["ids"], [f"{self.watchmaker.id},{self.shop.id}"]
        )
        everything = self.Establishment.search([("epci_id", "in", self.scope.ids)])
        action = everything.with_context(
            active_domain=[("epci_id", "in", self.scope.ids)]
        ).action_export_xlsx()
        self.assertIn("domain", parse_qs(urlparse(action["url"]).query))


@tagged("post_install", "-at_install")
class TestObservatoryExportController(HttpCase, ObservatoryCase):
    def test_downloads_with_the_user_rights(self):
        self.authenticate("ti_morteau_advisor", "ti_morteau_advisor")
        ids = ",".join(str(i) for i in (self.watchmaker | self.shop | self.hidden).ids)
        response = self.url_open(f"/territoire_industrie/establishments.xlsx?ids={ids}")
        self.assertEqual(response.status_code, 200)
        # The shop is in an EPCI the advisor does not follow; the hidden unit is never sent.
        self.assertEqual([row[0] for row in _rows(response.content)], [self.watchmaker.siret])

        snapshot = (
            self.env["territory.observatory.snapshot"]
            .with_user(self.ti_manager)
            .create({"date": "2026-06-30", "epci_ids": [(6, 0, self.scope.ids)]})
        )
        snapshot.action_compute()
        response = self.url_open(f"/territoire_industrie/observatory/snapshot/{snapshot.id}.xlsx")
        self.assertEqual(response.status_code, 200)
        epcis = {row[0] for row in _rows(response.content)}
        self.assertEqual(epcis, {self.cc_morteau.name})

        report = (
            self.env["territory.coverage.report"]
            .with_user(self.morteau_advisor)
            .create({"epci_ids": [(6, 0, self.scope.ids)]})
        )
        report.action_compute()
        response = self.url_open(f"/territoire_industrie/observatory/coverage/{report.id}.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            _rows(response.content), [[self.cc_morteau.name, "C - Manufacturing", 3, 0, 0]]
        )

        response = self.url_open('/territoire_industrie/establishments.xlsx?domain=["bad"')
        self.assertEqual(response.status_code, 400)
