"""NAF rév. 2 sections (A to U) from the division, the first two digits of a NAF code."""

# (first division, last division, section): INSEE, NAF rév. 2, level 1.
_SECTION_RANGES = (
    (1, 3, "A"),
    (5, 9, "B"),
    (10, 33, "C"),
    (35, 35, "D"),
    (36, 39, "E"),
    (41, 43, "F"),
    (45, 47, "G"),
    (49, 53, "H"),
    (55, 56, "I"),
    (58, 63, "J"),
    (64, 66, "K"),
    (68, 68, "L"),
    (69, 75, "M"),
    (77, 82, "N"),
    (84, 84, "O"),
    (85, 85, "P"),
    (86, 88, "Q"),
    (90, 93, "R"),
    (94, 96, "S"),
    (97, 98, "T"),
    (99, 99, "U"),
)

NAF_SECTIONS = [
    ("A", "A - Agriculture, forestry and fishing"),
    ("B", "B - Mining and quarrying"),
    ("C", "C - Manufacturing"),
    ("D", "D - Electricity, gas, steam and air conditioning supply"),
    ("E", "E - Water supply, sewerage, waste management"),
    ("F", "F - Construction"),
    ("G", "G - Wholesale and retail trade, repair of motor vehicles"),
    ("H", "H - Transportation and storage"),
    ("I", "I - Accommodation and food service"),
    ("J", "J - Information and communication"),
    ("K", "K - Financial and insurance activities"),
    ("L", "L - Real estate activities"),
    ("M", "M - Professional, scientific and technical activities"),
    ("N", "N - Administrative and support service activities"),
    ("O", "O - Public administration"),
    ("P", "P - Education"),
    ("Q", "Q - Human health and social work"),
    ("R", "R - Arts, entertainment and recreation"),
    ("S", "S - Other service activities"),
    ("T", "T - Activities of households as employers"),
    ("U", "U - Extraterritorial organisations"),
]


def naf_section(code):
    """Return the section letter of a NAF rév. 2 code such as ``26.52Z``, or False."""
    digits = (code or "")[:2]
    if not digits.isdigit():
        return False
    division = int(digits)
    for first, last, section in _SECTION_RANGES:
        if first <= division <= last:
            return section
    return False


def _section_lookup():
    """100 characters: the section of division ``n`` at index ``n`` ('-' where none)."""
    letters = ["-"] * 100
    for first, last, section in _SECTION_RANGES:
        for division in range(first, last + 1):
            letters[division] = section
    return "".join(letters)


SECTION_LOOKUP = _section_lookup()


def naf_section_sql(code):
    """SQL expression of the section of the NAF code ``code`` (an ``odoo.tools.SQL``), NULL
    when the code does not start with a known division: the same as :func:`naf_section`,
    for the bulk imports that fill ``territory_establishment`` in SQL."""
    from odoo.tools import SQL  # here: the rest of this module runs without Odoo

    return SQL(
        "CASE WHEN %(code)s ~ '^[0-9][0-9]' "
        "THEN NULLIF(substr(%(lookup)s, left(%(code)s, 2)::int + 1, 1), '-') END",
        code=code,
        lookup=SECTION_LOOKUP,
    )
