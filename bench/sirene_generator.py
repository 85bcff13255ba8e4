"""Write SIRENE-format StockEtablissement files of any size, shaped like the national stock.

    python bench/sirene_generator.py --rows 2000000 --out StockEtablissement.csv.gz
    python bench/sirene_generator.py --rows 200000 --departments 25,61 --out stock.zip

Commune codes come from the official data shipped in territoire_industrie (data/cog):
every commune of the chosen départements (default: all of France), drawn in proportion to
its population; Paris, Lyon and Marseille by their arrondissements' codes (75101-75120,
69381-69389, 13201-13216), as SIRENE writes them; a few rows with the code of a former
commune (déléguée, associée, merged) and a few abroad (no commune, a foreign country code). SIRETs
are valid (Luhn); about half the establishments are closed and 2 % partially diffusible
(``[ND]`` cells), as in the real stock. Deterministic for a given seed. A ``.zip`` output
holds one ``StockEtablissement_utf8.csv`` member, as INSEE publishes it; ``.gz`` is gzip.
"""

import argparse
import csv
import gzip
import importlib.util
import io
import random
import zipfile
from itertools import accumulate
from pathlib import Path

from stdnum import luhn

ROOT = Path(__file__).resolve().parents[1]
ADDON = ROOT / "addons" / "territoire_industrie"
COG = ADDON / "data" / "cog"
COMMUNES = COG / "communes.csv.gz"
ARRONDISSEMENTS = COG / "arrondissements.csv.gz"
FORMER_COMMUNES = COG / "communes_former.csv.gz"
# Shares of the rows, near the national stock's.
CLOSED_SHARE = 0.5
HIDDEN_SHARE = 0.02
FORMER_SHARE = 0.005
FOREIGN_SHARE = 0.003
COUNTRIES = [
    ("99109", "ALLEMAGNE"),
    ("99131", "BELGIQUE"),
    ("99132", "ROYAUME-UNI"),
    ("99134", "ESPAGNE"),
    ("99140", "SUISSE"),
    ("99404", "ETATS-UNIS"),
]


def _sirene_reader():
    """The addon's reader module, loaded from its file (this script runs outside Odoo)."""
    path = ADDON / "tools" / "sirene_reader.py"
    spec = importlib.util.spec_from_file_location("sirene_reader", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HEADER = _sirene_reader().STOCK_ETABLISSEMENT_HEADER

BRACKETS = ["NN", "00", "01", "02", "03", "11", "12", "21", "22", "31", "32", "41"]
NAF = ["26.52Z", "25.62A", "47.11B", "56.10A", "43.21A", "10.71C", "62.01Z", "45.20A", "96.02A"]
STREETS = [
    ("RUE", "DE LA GARE"),
    ("AV", "DU GENERAL LECLERC"),
    ("CHE", "DES PRES"),
    ("ZA", "DES COMBES"),
    ("PL", "DU MARCHE"),
]


def _read(path):
    if not path.exists():  # an older copy of the reference: no such file
        return []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def commune_codes(departments):
    """``[(code, postal code, city, population)]`` of the communes of ``departments``
    (all when empty), the three cities split into their arrondissements."""
    communes = [
        row for row in _read(COMMUNES) if not departments or row["department_code"] in departments
    ]
    arrondissements = {}
    for row in _read(ARRONDISSEMENTS):
        arrondissements.setdefault(row["commune_code"], []).append(row)
    result = []
    for row in communes:
        population = int(row["population"] or 0) or 1
        parts = arrondissements.get(row["code"])
        if parts:  # SIRENE never writes 75056, 69123 or 13055 for an establishment
            result.extend(
                (
                    part["code"],
                    part["postal_codes"].split(" ")[0],
                    row["name"].upper(),
                    population // len(parts) or 1,
                )
                for part in parts
            )
        else:
            result.append(
                (row["code"], row["postal_codes"].split(" ")[0], row["name"].upper(), population)
            )
    return result


def former_codes():
    """``{current commune code: [former codes]}`` of the communes déléguées, associées and
    merged (not the codes changed with the département in 1968, older than SIRENE)."""
    formers = {}
    for row in _read(FORMER_COMMUNES):
        if row["kind"] != "renumbered":
            formers.setdefault(row["commune_code"], []).append(row["code"])
    return formers


def siret_for(number):
    siren = f"{number:08d}"
    siren += luhn.calc_check_digit(siren)
    base = siren + f"{number % 9999 + 1:04d}"
    return base + luhn.calc_check_digit(base)


def rows(count, departments, seed=2024, closed_share=CLOSED_SHARE):
    rng = random.Random(seed)
    communes = commune_codes(departments)
    weights = list(accumulate(population for _c, _p, _n, population in communes))
    formers = former_codes()
    for number in range(10_000_000, 10_000_000 + count):
        siret = siret_for(number)
        code, postal, city = rng.choices(communes, cum_weights=weights)[0][:3]
        closed = rng.random() < closed_share
        hidden = rng.random() < HIDDEN_SHARE
        place = rng.random()
        country = country_name = ""
        if place < FOREIGN_SHARE:
            country, country_name = rng.choice(COUNTRIES)
            code = postal = city = ""
        elif place < FOREIGN_SHARE + FORMER_SHARE and code in formers:
            code = rng.choice(formers[code])
        street_type, street = rng.choice(STREETS)
        created = f"{rng.randint(1970, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        row = dict.fromkeys(HEADER, "")
        row.update(
            {
                "siren": siret[:9],
                "nic": siret[9:],
                "siret": siret,
                "statutDiffusionEtablissement": "P" if hidden else "O",
                "dateCreationEtablissement": created,
                "trancheEffectifsEtablissement": rng.choice(BRACKETS),
                "anneeEffectifsEtablissement": "2023",
                "etablissementSiege": "true" if rng.random() < 0.8 else "false",
                "numeroVoieEtablissement": "[ND]" if hidden else str(rng.randint(1, 80)),
                "typeVoieEtablissement": "[ND]" if hidden else street_type,
                "libelleVoieEtablissement": "[ND]" if hidden else street,
                "codePostalEtablissement": postal,
                "libelleCommuneEtablissement": city,
                "libelleCommuneEtrangerEtablissement": "LONDON" if country == "99132" else "",
                "codeCommuneEtablissement": code,
                "codePaysEtrangerEtablissement": country,
                "libellePaysEtrangerEtablissement": country_name,
                "dateDebut": "2025-06-30" if closed else created,
                "etatAdministratifEtablissement": "F" if closed else "A",
                "enseigne1Etablissement": "[ND]" if hidden else f"ATELIER {number}",
                "activitePrincipaleEtablissement": rng.choice(NAF),
                "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
                "caractereEmployeurEtablissement": rng.choice("ON"),
            }
        )
        yield row


def _open(path):
    """A text stream writing ``path``: plain, gzip or a zip of one CSV member."""
    if path.suffix == ".gz":
        return gzip.open(path, "wt", encoding="utf-8", newline="")
    if path.suffix == ".zip":
        archive = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        member = archive.open("StockEtablissement_utf8.csv", "w", force_zip64=True)
        stream = io.TextIOWrapper(member, encoding="utf-8", newline="")
        stream.archive = archive  # closed after the member, by write()
        return stream
    return open(path, "w", encoding="utf-8", newline="")


def write(path, count, departments, seed=2024, closed_share=CLOSED_SHARE):
    path = Path(path)
    handle = _open(path)
    try:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows(count, departments, seed, closed_share))
    finally:
        handle.close()
        if getattr(handle, "archive", None):
            handle.archive.close()
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--departments", default="", help="comma-separated codes, empty: all")
    parser.add_argument("--closed-share", type=float, default=CLOSED_SHARE)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", default="StockEtablissement_bench.csv")
    args = parser.parse_args()
    departments = {d for d in args.departments.split(",") if d}
    print(write(args.out, args.rows, departments, args.seed, args.closed_share))


if __name__ == "__main__":
    main()
