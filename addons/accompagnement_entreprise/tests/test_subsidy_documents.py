from odoo.tests import tagged

from odoo.addons.territoire_industrie.tools import amount_to_words_fr

from .subsidy_common import SubsidyCase


@tagged("post_install", "-at_install")
class TestSubsidyDocuments(SubsidyCase):
    def test_amount_in_french_words(self):
        cases = {
            80: "quatre-vingts euros",
            280: "deux cent quatre-vingts euros",
            1_000_000: "un million d'euros",
            12500.50: "douze mille cinq cents euros et cinquante centimes",
            0.99: "quatre-vingt-dix-neuf centimes",
            71: "soixante et onze euros",
        }
        for amount, words in cases.items():
            with self.subTest(amount=amount):
                self.assertEqual(amount_to_words_fr(amount), words)
        subsidy = self._subsidy()
        subsidy.action_submit()
        subsidy.amount_granted = 1280
        self.assertEqual(subsidy.amount_granted_words, "mille deux cent quatre-vingts euros")

    def test_decision_and_convention_show_the_amount_in_words_and_figures(self):
        subsidy = self._decide(self._subsidy(), amount=1200.5)
        Report = self.env["ir.actions.report"]
        for report in (
            "accompagnement_entreprise.support_subsidy_report_decision",
            "accompagnement_entreprise.support_subsidy_report_convention",
        ):
            with self.subTest(report=report):
                html = Report._render_qweb_html(report, subsidy.ids)[0].decode()
                self.assertIn("mille deux cents euros et cinquante centimes", html)
                self.assertIn("2025-042", html)
                self.assertIn("Boulangerie Test Lefebvre", html)
                self.assertRegex(html, r"1[\s,.\u202f\xa0]?200[.,]50")
