"""Write SIRENE-format StockEtablissement files of any size, with real commune codes.

    python bench/sirene_generator.py --rows 200000 --departments 25,61 --out stock.csv.gz

Commune codes come from the official data shipped in territoire_industrie
(data/cog/communes.csv.gz); SIRETs are valid (Luhn); about 15 % of the establishments are
closed and 2 % partially diffusible, as in the real stock. Deterministic for a given seed.
"""

import argparse
import csv
import gzip
import importlib.util
import random
from pathlib import Path

from stdnum import luhn

ROOT = Path(__file__).resolve().parents[1]
ADDON = ROOT / "addons" / "territoire_industrie"
COMMUNES = ADDON / "data" / "cog" / "communes.csv.gz"


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


def commune_codes(departments):
    with gzip.open(COMMUNES, "rt", encoding="utf-8") as handle:
        return [
            (row["code"], row["postal_codes"].split(" ")[0], row["name"].upper())
            for row in csv.DictReader(handle)
            if not departments or row["department_code"] in departments
        ]


def siret_for(number):
    siren = f"{number:08d}"
    siren += luhn.calc_check_digit(siren)
    base = siren + f"{number % 9999 + 1:04d}"
    return base + luhn.calc_check_digit(base)


def rows(count, departments, seed=2024):
    rng = random.Random(seed)
    communes = commune_codes(departments)
    for number in range(10_000_000, 10_000_000 + count):
        siret = siret_for(number)
        code, postal, city = rng.choice(communes)
        closed = rng.random() < 0.15
        hidden = rng.random() < 0.02
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
                "codeCommuneEtablissement": code,
                "dateDebut": "2025-06-30" if closed else created,
                "etatAdministratifEtablissement": "F" if closed else "A",
                "enseigne1Etablissement": "[ND]" if hidden else f"ATELIER {number}",
                "activitePrincipaleEtablissement": rng.choice(NAF),
                "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
                "caractereEmployeurEtablissement": rng.choice("ON"),
            }
        )
        yield row


def write(path, count, departments, seed=2024):
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows(count, departments, seed))
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--departments", default="25", help="comma-separated codes, empty: all")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", default="StockEtablissement_bench.csv")
    args = parser.parse_args()
    departments = {d for d in args.departments.split(",") if d}
    print(write(args.out, args.rows, departments, args.seed))


if __name__ == "__main__":
    main()
