from odoo.tests import BaseCase, tagged

from odoo.addons.territoire_industrie.tools import (
    amount_to_figures_fr,
    amount_to_words_and_figures_fr,
    amount_to_words_fr,
)


@tagged("post_install", "-at_install")
class TestAmountWords(BaseCase):
    def test_french_amounts(self):
        cases = {
            80: "quatre-vingts euros",
            200: "deux cents euros",
            280: "deux cent quatre-vingts euros",
            1000: "mille euros",
            1_000_000: "un million d'euros",
            12500.50: "douze mille cinq cents euros et cinquante centimes",
            0.99: "quatre-vingt-dix-neuf centimes",
            21: "vingt et un euros",
            71: "soixante et onze euros",
            91: "quatre-vingt-onze euros",
            100_000: "cent mille euros",
        }
        for amount, words in cases.items():
            with self.subTest(amount=amount):
                self.assertEqual(amount_to_words_fr(amount), words)

    def test_edge_amounts(self):
        cases = {
            0: "zéro euro",
            1: "un euro",
            1.01: "un euro et un centime",
            2_000_000: "deux millions d'euros",
            1_200_000: "un million deux cent mille euros",
            3_000_000_000: "trois milliards d'euros",
            # Floats that are not exact in binary round to the nearest cent.
            0.285: "vingt-neuf centimes",
            -15: "moins quinze euros",
        }
        for amount, words in cases.items():
            with self.subTest(amount=amount):
                self.assertEqual(amount_to_words_fr(amount), words)

    def test_no_currency_pitfalls(self):
        words = amount_to_words_fr(12500)
        self.assertEqual(words, "douze mille cinq cents euros")
        self.assertNotIn("zéro", words)
        self.assertNotIn("centime", words)
        self.assertEqual(words, words.lower())

    def test_words_and_figures(self):
        self.assertEqual(amount_to_figures_fr(12500.5), "12\u00a0500,50\u00a0€")
        self.assertEqual(amount_to_figures_fr(0.99), "0,99\u00a0€")
        self.assertEqual(amount_to_figures_fr(1_000_000), "1\u00a0000\u00a0000,00\u00a0€")
        self.assertEqual(amount_to_figures_fr(-80), "-80,00\u00a0€")
        self.assertEqual(
            amount_to_words_and_figures_fr(12500),
            "douze mille cinq cents euros (12\u00a0500,00\u00a0€)",
        )
