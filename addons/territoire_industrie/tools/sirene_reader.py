"""Open and read the SIRENE stock files (StockEtablissement, StockUniteLegale).

Pure Python, no Odoo: columns are mapped by header name, the file may be plain CSV,
``.gz`` or ``.zip``, and it is streamed so the national file (tens of millions of rows)
never sits in memory: the establishment file goes to PostgreSQL's COPY as it is (its rows
are checked there, see sirene_sql.py), the legal units are read here row by row. Problems
are reported as codes with parameters; the Odoo side turns them into French messages.
"""

import csv
import gzip
import io
import zipfile
import zlib

NOT_DIFFUSED = "[ND]"
# Physical lines one row of a legal units file may span (a cell with line breaks); more
# means a quote is never closed.
MAX_LINES_PER_ROW = 5

# Columns of the StockEtablissement file, in its order (a subset of the 54: our tests and
# the benchmark generator write files with them; the importer maps columns by name).
STOCK_ETABLISSEMENT_HEADER = [
    "siren",
    "nic",
    "siret",
    "statutDiffusionEtablissement",
    "dateCreationEtablissement",
    "trancheEffectifsEtablissement",
    "anneeEffectifsEtablissement",
    "activitePrincipaleRegistreMetiersEtablissement",
    "dateDernierTraitementEtablissement",
    "etablissementSiege",
    "nombrePeriodesEtablissement",
    "complementAdresseEtablissement",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "dernierNumeroVoieEtablissement",
    "indiceRepetitionDernierNumeroVoieEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "codePostalEtablissement",
    "libelleCommuneEtablissement",
    "libelleCommuneEtrangerEtablissement",
    "distributionSpecialeEtablissement",
    "codeCommuneEtablissement",
    "codeCedexEtablissement",
    "libelleCedexEtablissement",
    "codePaysEtrangerEtablissement",
    "libellePaysEtrangerEtablissement",
    "identifiantAdresseEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
    "dateDebut",
    "etatAdministratifEtablissement",
    "enseigne1Etablissement",
    "enseigne2Etablissement",
    "enseigne3Etablissement",
    "denominationUsuelleEtablissement",
    "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "caractereEmployeurEtablissement",
    "activitePrincipaleNAF25Etablissement",
]

# Our field -> SIRENE column. Required columns must be in the header.
ESTABLISHMENT_REQUIRED = {
    "siret": "siret",
    "siren": "siren",
    "nic": "nic",
    "diffusion": "statutDiffusionEtablissement",
    "creation_date": "dateCreationEtablissement",
    "headcount_bracket": "trancheEffectifsEtablissement",
    "is_head_office": "etablissementSiege",
    "commune_code": "codeCommuneEtablissement",
    "state_since": "dateDebut",
    "state": "etatAdministratifEtablissement",
    "naf_code": "activitePrincipaleEtablissement",
    "naf_nomenclature": "nomenclatureActivitePrincipaleEtablissement",
}
ESTABLISHMENT_OPTIONAL = {
    "headcount_year": "anneeEffectifsEtablissement",
    "craft_code": "activitePrincipaleRegistreMetiersEtablissement",
    "street_number": "numeroVoieEtablissement",
    "street_repetition": "indiceRepetitionEtablissement",
    "street_type": "typeVoieEtablissement",
    "street_name": "libelleVoieEtablissement",
    "street2": "complementAdresseEtablissement",
    "zip": "codePostalEtablissement",
    "city": "libelleCommuneEtablissement",
    "trade_name_1": "enseigne1Etablissement",
    "trade_name_2": "enseigne2Etablissement",
    "trade_name_3": "enseigne3Etablissement",
    "usual_name": "denominationUsuelleEtablissement",
    "is_employer": "caractereEmployeurEtablissement",
    "naf25_code": "activitePrincipaleNAF25Etablissement",
    "foreign_country": "codePaysEtrangerEtablissement",
}
LEGAL_UNIT_REQUIRED = {
    "siren": "siren",
    "diffusion": "statutDiffusionUniteLegale",
    "denomination": "denominationUniteLegale",
    "last_name": "nomUniteLegale",
    "legal_category": "categorieJuridiqueUniteLegale",
}
LEGAL_UNIT_OPTIONAL = {
    "first_name": "prenom1UniteLegale",
    "usage_name": "nomUsageUniteLegale",
    "acronym": "sigleUniteLegale",
    "company_category": "categorieEntreprise",
    "state": "etatAdministratifUniteLegale",
}

# SIRENE abbreviations of street types (typeVoie), for readable addresses.
STREET_TYPES = {
    "ALL": "Allée",
    "AV": "Avenue",
    "BD": "Boulevard",
    "CHE": "Chemin",
    "CHEM": "Chemin",
    "CRS": "Cours",
    "FG": "Faubourg",
    "IMP": "Impasse",
    "LD": "Lieu-dit",
    "PL": "Place",
    "QUAI": "Quai",
    "RTE": "Route",
    "RUE": "Rue",
    "SQ": "Square",
    "ZA": "ZA",
    "ZI": "ZI",
    "ZAC": "ZAC",
    "HAM": "Hameau",
    "PASS": "Passage",
    "PRO": "Promenade",
    "RPT": "Rond-point",
    "SEN": "Sentier",
    "VOIE": "Voie",
    "QUA": "Quartier",
    "RES": "Résidence",
    "LOT": "Lotissement",
}


class SireneFileError(Exception):
    """The file cannot be imported at all: nothing must be written."""

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


def open_binary(fileobj):
    """A binary stream over a plain, gzip or zip SIRENE file (first .csv member of a zip)."""
    head = fileobj.read(4)
    fileobj.seek(0)
    if head[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=fileobj)
    if head == b"PK\x03\x04":
        try:
            archive = zipfile.ZipFile(fileobj)
        except zipfile.BadZipFile as exc:
            raise SireneFileError("unreadable", error=str(exc)) from exc
        members = [name for name in archive.namelist() if name.lower().endswith(".csv")]
        if not members:
            raise SireneFileError("zip_without_csv")
        return archive.open(members[0])
    return fileobj


def open_text(fileobj):
    """A text stream over a plain, gzip or zip SIRENE file."""
    return io.TextIOWrapper(open_binary(fileobj), encoding="utf-8-sig", newline="")


# What reading a broken file may raise, whatever its compression.
READ_ERRORS = (UnicodeDecodeError, OSError, zipfile.BadZipFile, EOFError, zlib.error, csv.Error)


def establishment_header(binary):
    """Read the header line of a StockEtablissement file from the binary stream ``binary``,
    leaving it at the first data row; return ``(header, positions)``: the column names and,
    for each of our fields, its column's index (-1 for an absent optional column)."""
    try:
        line = binary.readline()
        header = next(csv.reader([line.decode("utf-8-sig")]), [])
    except READ_ERRORS as exc:
        raise SireneFileError("unreadable", error=str(exc)) from exc
    if not any(header):
        raise SireneFileError("empty")
    if _is_legal_unit_header(header):
        raise SireneFileError("legal_unit_file")
    mapping = _columns(header, ESTABLISHMENT_REQUIRED, ESTABLISHMENT_OPTIONAL)
    return header, dict.fromkeys(ESTABLISHMENT_OPTIONAL, -1) | dict(mapping)


class CountingReader:
    """A binary stream whose ``read`` counts the lines read so far (``lines``) and calls
    ``on_lines(lines)`` every ``every`` lines: progress of a COPY fed from the stream. The
    error of a failed read is kept in ``error`` (COPY reports it in its own words)."""

    def __init__(self, stream, on_lines=None, every=20000):
        self.stream = stream
        self.on_lines = on_lines
        self.every = every
        self.lines = 0
        self.error = None
        self._next_report = every

    def read(self, size=-1):  # pylint: disable=method-required-super  # a stream, no model
        try:
            chunk = self.stream.read(size)
        except READ_ERRORS as error:
            self.error = error
            raise
        self.lines += chunk.count(b"\n")
        if self.on_lines and self.lines >= self._next_report:
            self.on_lines(self.lines)
            self._next_report = self.lines + self.every
        return chunk


def _is_legal_unit_header(header):
    """A StockUniteLegale header: a SIREN, no SIRET nor commune, columns of legal units."""
    names = {name.strip() for name in header}
    return (
        "siren" in names
        and not names & {"siret", "codeCommuneEtablissement"}
        and any(name.endswith("UniteLegale") for name in names)
    )


def _is_establishment_header(header):
    """A StockEtablissement header: a SIRET or the commune of an establishment."""
    return bool({name.strip() for name in header} & {"siret", "codeCommuneEtablissement"})


def _header(reader, required, optional):
    try:
        header = next(reader)
    except StopIteration:
        raise SireneFileError("empty") from None
    except READ_ERRORS as exc:
        raise SireneFileError("unreadable", error=str(exc)) from exc
    if _is_establishment_header(header):  # the legal units' reader is the only caller
        raise SireneFileError("establishment_file")
    return _columns(header, required, optional)


def _columns(header, required, optional):
    """``[(field, index)]`` of the required and present optional columns of ``header``."""
    positions = {name.strip(): index for index, name in enumerate(header)}
    missing = [column for column in required.values() if column not in positions]
    if len(missing) == len(required):
        raise SireneFileError("not_sirene")
    if missing:
        raise SireneFileError("missing_columns", columns=", ".join(missing))
    columns = {**required, **{k: v for k, v in optional.items() if v in positions}}
    return [(field, positions[column]) for field, column in columns.items()]


def _rows(stream, required, optional):
    """``(positions, rows)``: where each of our fields is in a row (-1 when the optional
    column is absent), and the ``(line, row)`` pairs. Each row gets a trailing empty cell, so
    position -1 reads as empty."""
    reader = csv.reader(stream)
    mapping = _header(reader, required, optional)
    positions = dict.fromkeys(optional, -1) | dict(mapping)
    width = max(index for _field, index in mapping) + 1

    def rows():
        read = reader.line_num  # the physical lines read so far: the header's
        try:
            for line, row in enumerate(reader, start=2):
                # A quote never closed makes one cell of the rest of the file: its rows
                # would be lost without a word. SIRENE rows are one line each.
                if reader.line_num - read > MAX_LINES_PER_ROW:
                    raise SireneFileError("unclosed_quote", line=read + 1)
                read = reader.line_num
                if len(row) < width:
                    if not any(row):
                        continue
                    row += [""] * (width - len(row))
                row.append("")
                yield line, row
        except READ_ERRORS as exc:
            raise SireneFileError("unreadable", error=str(exc)) from exc

    return positions, rows()


def _clean(value):
    value = value.strip()
    return None if not value or value == NOT_DIFFUSED else value


def legal_units(stream, wanted_sirens):
    """Yield ``(line, values)`` for the legal units whose SIREN is in ``wanted_sirens``."""
    p, rows = _rows(stream, LEGAL_UNIT_REQUIRED, LEGAL_UNIT_OPTIONAL)
    for line, row in rows:
        siren = row[p["siren"]].strip()
        if siren not in wanted_sirens:
            continue
        name = _clean(row[p["denomination"]])
        if not name:  # a sole proprietor: first name and (usage) last name
            last = _clean(row[p["usage_name"]]) or _clean(row[p["last_name"]])
            name = " ".join(n for n in (_clean(row[p["first_name"]]), last) if n) or None
        yield (
            line,
            {
                "siren": siren,
                "legal_unit_name": name,
                "legal_unit_diffusible": row[p["diffusion"]].strip() == "O",
                "legal_category": _clean(row[p["legal_category"]]),
                "company_category": _clean(row[p["company_category"]]),
            },
        )
