"""Build small SIRENE-format files for the tests (real column names, any order)."""

import csv
import gzip
import io
import zipfile

from stdnum import luhn

from ..tools.sirene_reader import STOCK_ETABLISSEMENT_HEADER

ESTABLISHMENT_HEADER = STOCK_ETABLISSEMENT_HEADER
LEGAL_UNIT_HEADER = [
    "siren",
    "statutDiffusionUniteLegale",
    "unitePurgeeUniteLegale",
    "dateCreationUniteLegale",
    "sigleUniteLegale",
    "prenom1UniteLegale",
    "nomUniteLegale",
    "nomUsageUniteLegale",
    "denominationUniteLegale",
    "categorieJuridiqueUniteLegale",
    "categorieEntreprise",
    "etatAdministratifUniteLegale",
]


def make_siret(seed, nic="00012"):
    """A valid SIRET (Luhn on SIREN and on SIRET) built from an 8-digit seed."""
    siren = f"{seed:08d}"
    siren += luhn.calc_check_digit(siren)
    base = siren + nic[:4]
    return base + luhn.calc_check_digit(base)


def establishment_row(siret, commune="25508", **values):
    row = {
        "siren": siret[:9],
        "nic": siret[9:],
        "siret": siret,
        "statutDiffusionEtablissement": "O",
        "dateCreationEtablissement": "2024-07-01",
        "trancheEffectifsEtablissement": "01",
        "anneeEffectifsEtablissement": "2023",
        "activitePrincipaleRegistreMetiersEtablissement": "",
        "etablissementSiege": "true",
        "numeroVoieEtablissement": "12",
        "typeVoieEtablissement": "RUE",
        "libelleVoieEtablissement": "DE LA GARE",
        "codePostalEtablissement": "25210",
        "libelleCommuneEtablissement": "LE RUSSEY",
        "codeCommuneEtablissement": commune,
        "dateDebut": "2024-07-01",
        "etatAdministratifEtablissement": "A",
        "enseigne1Etablissement": "LES PETITS ATELIERS",
        "activitePrincipaleEtablissement": "26.52Z",
        "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
        "caractereEmployeurEtablissement": "O",
    }
    row.update(values)
    return row


def to_csv(header, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def gzipped(data):
    return gzip.compress(data)


def zipped(data, name="StockEtablissement_utf8.csv"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()
