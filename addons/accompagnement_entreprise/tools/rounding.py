"""Money shares computed exactly, in cents.

Rule used by co-financing splits and pro-rata balances: a share is computed in cents and
rounded half up (0.5 cent goes up); the company's remainder (or the last share) absorbs the
rounding difference, so that the shares always add up to the total, to the cent.
"""

from decimal import ROUND_HALF_UP, Decimal


def to_cents(amount):
    """``amount`` (float, int, Decimal or str) as an integer number of cents, half up."""
    value = Decimal(str(amount or 0)) * 100
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def share_in_cents(amount, numerator, denominator):
    """``amount * numerator / denominator`` in integer cents, rounded half up."""
    if not denominator:
        return 0
    value = Decimal(to_cents(amount)) * Decimal(str(numerator)) / Decimal(str(denominator))
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
