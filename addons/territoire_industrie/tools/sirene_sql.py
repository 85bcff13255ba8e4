"""SQL expressions that check and clean the cells of a SIRENE stock file in PostgreSQL.

The establishment import loads the file as it is with ``COPY`` and does the per-row work
in one ``INSERT ... SELECT``: this module builds its expressions. Each one follows a rule of
python-stdnum or of the SIRENE documentation, and the tests hold it against that rule.
"""

import json

from odoo.tools import SQL

from .sirene_reader import NOT_DIFFUSED

# Luhn over pairs of digits: in a number of even length read from the left, each pair is
# (doubled digit, plain digit); byte ``p`` of this table is the share of the pair ``p`` in
# the sum. One lookup per pair of a bigint is three times cheaper in PostgreSQL than one
# per character of the text.
_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # digit -> digit sum of 2 x digit
_PAIR_SUMS = bytes(_DOUBLED[pair // 10] + pair % 10 for pair in range(100))
# La Poste's establishments share one SIREN and use another check (see stdnum.fr.siret).
_LA_POSTE_SIREN = "356000000"
_LA_POSTE_HEAD_OFFICE = "35600000000048"


def cell(column, trim=True):
    """The value of a raw cell, NULL when empty or not diffused (``[ND]``); ``trim``: strip
    its spaces first (a copy of each value: worth it for codes, not for free texts)."""
    value = SQL("btrim(%s)", column) if trim else column
    return SQL("NULLIF(NULLIF(%s, ''), %s)", value, NOT_DIFFUSED)


def _pair_sum(number, exponent):
    """The Luhn share of the two digits of the bigint ``number`` at 10**exponent."""
    return SQL("get_byte(%s::bytea, mod(%s / %s, 100)::int)", _PAIR_SUMS, number, 10**exponent)


def _luhn_sum_14(number):
    # The seven pairs of a 14-digit number, from the left.
    return SQL(" + ").join(_pair_sum(number, exponent) for exponent in range(12, -1, -2))


def _luhn_sum_9(number):
    # The SIREN (the first 9 of 14 digits): an odd length, so its first digit is plain,
    # then four (doubled, plain) pairs.
    pairs = [_pair_sum(number, exponent) for exponent in range(11, 4, -2)]
    return SQL(" + ").join([SQL("(%s / 10000000000000)::int", number), *pairs])


def _digit_sum_14(text):
    return SQL(" + ").join(SQL("substr(%s, %s, 1)::int", text, i) for i in range(1, 15))


def siret_number(text):
    """The text ``text`` as a bigint when it is 14 digits, else NULL."""
    return SQL(
        "CASE WHEN octet_length(%(t)s) = 14 AND translate(%(t)s, '0123456789', '') = '' "
        "THEN %(t)s::bigint END",
        t=text,
    )


def siret_is_valid(text, number=None):
    """True when the text ``text`` is a valid SIRET, as python-stdnum's
    ``stdnum.fr.siret.is_valid`` decides it: 14 digits, Luhn on the SIRET and on its SIREN,
    except La Poste's establishments whose digits add up to a multiple of 5. ``number``:
    ``siret_number(text)``, computed once by the caller (the checks use it eleven times)."""
    number = siret_number(text) if number is None else number
    return SQL(
        """CASE
            WHEN %(n)s IS NULL THEN false
            WHEN left(%(t)s, 9) = %(la_poste)s AND %(t)s <> %(head_office)s
                THEN mod(%(digits)s, 5) = 0 AND mod(%(siren)s, 10) = 0
            ELSE mod(%(siret)s, 10) = 0 AND mod(%(siren)s, 10) = 0
        END""",
        t=text,
        n=number,
        la_poste=_LA_POSTE_SIREN,
        head_office=_LA_POSTE_HEAD_OFFICE,
        digits=_digit_sum_14(text),
        siret=_luhn_sum_14(number),
        siren=_luhn_sum_9(number),
    )


def date_is_valid(value):
    """True when the text ``value`` is empty or a real date written YYYY-MM-DD. Cheap tests
    first (no regular expression): days 1 to 28 of months 1 to 12 need no calendar."""
    return SQL(
        """CASE
            WHEN %(v)s IS NULL THEN true
            WHEN translate(%(v)s, '0123456789', '9999999999') <> '9999-99-99'
              OR left(%(v)s, 4) = '0000' THEN false
            WHEN substr(%(v)s, 6, 2)::int NOT BETWEEN 1 AND 12 THEN false
            WHEN substr(%(v)s, 9, 2)::int BETWEEN 1 AND 28 THEN true
            ELSE substr(%(v)s, 9, 2)::int BETWEEN 1 AND extract(day FROM make_date(
                left(%(v)s, 4)::int, substr(%(v)s, 6, 2)::int, 1
            ) + interval '1 month - 1 day')
        END""",
        v=value,
    )


def department_of(commune_code):
    """The département of a commune code: three characters overseas (97x), else two."""
    return SQL(
        "CASE WHEN left(%(c)s, 2) = '97' THEN left(%(c)s, 3) ELSE left(%(c)s, 2) END",
        c=commune_code,
    )


def street(number, repetition, street_type, name, street_types):
    """The street line of an address, the SIRENE street type spelled out."""
    spelled = SQL(
        "COALESCE(%s::jsonb ->> %s, %s)", json.dumps(street_types), street_type, street_type
    )
    return SQL("NULLIF(concat_ws(' ', %s, %s, %s, %s), '')", number, repetition, spelled, name)


def distinct_names(names):
    """The non-empty ``names`` joined with commas, each once, in their order (NULL if none)."""
    kept = [names[0]]
    for index, name in enumerate(names[1:], start=1):
        differs = SQL(" AND ").join(
            SQL("%s IS DISTINCT FROM %s", name, before) for before in names[:index]
        )
        kept.append(SQL("CASE WHEN %s THEN %s END", differs, name))
    return SQL("NULLIF(concat_ws(', ', %s), '')", SQL(", ").join(kept))
