from .rounding import share_in_cents, to_cents
