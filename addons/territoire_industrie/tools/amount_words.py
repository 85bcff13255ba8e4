"""Amounts written out in French words, as conventions and délibérations need them.

``num2words(..., to="currency")`` reads integers as cents, writes "zéro euros" and always adds
"et zéro centimes"; ``res.currency.amount_to_text`` capitalises every word. This helper uses
num2words only for the cardinal numbers and applies the French rules itself.
"""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words


def _cardinal(number):
    return num2words(number, lang="fr")


def _units_phrase(number, singular, plural):
    words = _cardinal(number)
    if number < 2:
        return f"{words} {singular}"
    # "un million d'euros", "deux milliards d'euros" but "un million deux cents euros".
    if number % 1_000_000 == 0:
        return f"{words} d'{plural}"
    return f"{words} {plural}"


def amount_to_words_fr(amount, unit=("euro", "euros"), cents=("centime", "centimes")):
    """Return ``amount`` written out in French, e.g. 12500.5 ->
    "douze mille cinq cents euros et cinquante centimes".

    Zero cents are left out, zero euros are left out when there are cents
    (0.99 -> "quatre-vingt-dix-neuf centimes") and 0 reads "zéro euro".
    """
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    prefix = ""
    if value < 0:
        prefix, value = "moins ", -value
    total_cents = int(value * 100)
    units, hundredths = divmod(total_cents, 100)
    parts = []
    if units or not hundredths:
        parts.append(_units_phrase(units, *unit))
    if hundredths:
        cents_words = f"{_cardinal(hundredths)} {cents[0] if hundredths < 2 else cents[1]}"
        parts.append(cents_words)
    return prefix + " et ".join(parts)


def amount_to_figures_fr(amount, symbol="€"):
    """Return ``amount`` in figures the French way: 12500.5 -> "12 500,50 €" (no-break
    spaces between thousands and before the symbol)."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    units, hundredths = divmod(int(abs(value) * 100), 100)
    grouped = f"{units:,}".replace(",", "\u00a0")
    return f"{sign}{grouped},{hundredths:02d}\u00a0{symbol}"


def amount_to_words_and_figures_fr(amount):
    """Return the amount as délibérations and conventions write it, words first (they
    prevail, Civil code art. 1376): "douze mille cinq cents euros (12 500,00 €)"."""
    return f"{amount_to_words_fr(amount)} ({amount_to_figures_fr(amount)})"
