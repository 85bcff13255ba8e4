"""The two SIRENE StockEtablissement files the observatory tour uploads.

A stock of the Haut-Doubs at the end of 2025, then the stock half a year later (one
closure, two creations). The tour uploads them as a person would, so they are committed
under ``static/tests/files/``, where the browser fetches them like any static file (and
where a person can pick them to replay the tour by hand). ``test_ui`` checks that the
committed files are still exactly what this module builds; after a change here, write
them again from ``odoo shell``::

    from odoo.addons.territoire_industrie.tests import observatory_tour_files
    observatory_tour_files.write_files()
"""

import os

from .sirene_files import ESTABLISHMENT_HEADER, establishment_row, make_siret, to_csv

FILES_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "static", "tests", "files")
STOCK_2025 = "StockEtablissement_haut_doubs_2025.csv"
STOCK_2026 = "StockEtablissement_haut_doubs_2026.csv"

# Communes of SMALL_REFERENCE (tests/common.py): Morteau and Villers-le-Lac are in the CC du
# Val de Morteau, Le Russey in the CC du Plateau de Russey, Alençon far from the Haut-Doubs.
MORTEAU = {
    "codeCommuneEtablissement": "25411",
    "codePostalEtablissement": "25500",
    "libelleCommuneEtablissement": "MORTEAU",
}
VILLERS = {
    "codeCommuneEtablissement": "25624",
    "codePostalEtablissement": "25130",
    "libelleCommuneEtablissement": "VILLERS-LE-LAC",
}
RUSSEY = {
    "codeCommuneEtablissement": "25512",
    "codePostalEtablissement": "25210",
    "libelleCommuneEtablissement": "LE RUSSEY",
}
ALENCON = {
    "codeCommuneEtablissement": "61001",
    "codePostalEtablissement": "61000",
    "libelleCommuneEtablissement": "ALENCON",
}

WATCHMAKER = make_siret(93000001)
TOOLMAKER = make_siret(93000002)
SHOP = make_siret(93000003)
SAWMILL = make_siret(93000004)
HIDDEN = make_siret(93000005)  # partially diffusible (statutDiffusionEtablissement P)
ALENCON_PLANT = make_siret(93000006)
NEW_PLANT = make_siret(93000007)  # created in 2026
BAKERY = make_siret(93000008)  # created in 2026
# A SIRET whose check digit is wrong: line 8 of the 2025 file, rejected.
_VALID = make_siret(93000009)
BAD_SIRET = _VALID[:-1] + str((int(_VALID[-1]) + 1) % 10)
BAD_SIRET_LINE = 8


def _row(siret, commune, created, naf, bracket, sign, **values):
    return establishment_row(
        siret,
        **{
            **commune,
            "dateCreationEtablissement": created,
            "dateDebut": created,
            "activitePrincipaleEtablissement": naf,
            "trancheEffectifsEtablissement": bracket,
            "enseigne1Etablissement": sign,
            **values,
        },
    )


def _stock_2025_rows():
    return [
        _row(WATCHMAKER, MORTEAU, "2010-03-01", "26.52Z", "12", "MANUFACTURE HORLOGERE"),
        _row(TOOLMAKER, VILLERS, "2025-05-15", "25.62A", "03", "DECOLLETAGE DU LAC"),
        _row(SHOP, RUSSEY, "2015-06-01", "47.11B", "NN", "EPICERIE DU PLATEAU"),
        _row(SAWMILL, RUSSEY, "2012-01-10", "16.10A", "02", "SCIERIE DU RUSSEY"),
        _row(
            HIDDEN,
            MORTEAU,
            "2019-09-01",
            "26.52Z",
            "01",
            "[ND]",
            statutDiffusionEtablissement="P",
            numeroVoieEtablissement="[ND]",
            typeVoieEtablissement="[ND]",
            libelleVoieEtablissement="[ND]",
        ),
        _row(ALENCON_PLANT, ALENCON, "2016-02-01", "22.29A", "11", "PLASTURGIE ORNAISE"),
        _row(BAD_SIRET, MORTEAU, "2021-04-01", "26.52Z", "01", "ATELIER SANS SIRET"),
    ]


def stock_2025():
    """Five establishments of the Haut-Doubs, one of them partially diffusible, one of
    the Orne (outside the scope) and, on line 8, a row whose SIRET is invalid."""
    return to_csv(ESTABLISHMENT_HEADER, _stock_2025_rows())


def stock_2026():
    """The same stock on 30 June 2026: the sawmill closed on 31 March, a plant opened in
    Villers-le-Lac on 1 April and a bakery in Morteau on 2 May; the invalid row is gone."""
    rows = [row for row in _stock_2025_rows()[:-1] if row["siret"] != SAWMILL]
    closed_sawmill = _row(
        SAWMILL,
        RUSSEY,
        "2012-01-10",
        "16.10A",
        "02",
        "SCIERIE DU RUSSEY",
        dateDebut="2026-03-31",
        etatAdministratifEtablissement="F",
    )
    return to_csv(
        ESTABLISHMENT_HEADER,
        [
            *rows,
            closed_sawmill,
            _row(NEW_PLANT, VILLERS, "2026-04-01", "26.51A", "11", "MICROTECHNIQUES DU LAC"),
            _row(BAKERY, MORTEAU, "2026-05-02", "10.71C", "01", "BOULANGERIE DU CENTRE"),
        ],
    )


def files():
    """``{file name: content}`` of the files the tour uploads."""
    return {STOCK_2025: stock_2025(), STOCK_2026: stock_2026()}


def write_files(directory=FILES_DIR):
    for name, content in files().items():
        with open(os.path.join(directory, name), "wb") as handle:
            handle.write(content)
