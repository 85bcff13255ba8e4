import csv
import gzip
import io
import logging
import os
import time
import uuid
from collections import Counter, defaultdict

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools.misc import file_path

_logger = logging.getLogger(__name__)

SOURCE_DIR = "territoire_industrie/data/cog"
# The COG vintage of the shipped files (see data/cog/SOURCE.md).
VINTAGE = "2026"
FILES = {
    "regions": ("code", "name"),
    "departements": ("code", "name", "region_code"),
    "epci": ("siren", "name", "nature", "population"),
    "communes": ("code", "name", "department_code", "postal_codes", "population", "epci_siren"),
}
# Files a vintage may lack (folders made before they were shipped): then their records are
# left as they are.
OPTIONAL_FILES = {
    "arrondissements": ("code", "name", "commune_code", "postal_codes"),
    "communes_former": ("code", "name", "kind", "commune_code"),
}
EPCI_NATURES = {"CC", "CA", "CU", "ME", "MET69"}
FORMER_KINDS = {"delegated", "associated", "merged", "renumbered"}


class TerritoryReferenceLoader(models.AbstractModel):
    """Loads régions, départements, EPCI and communes from the official découpage
    administratif (Etalab), keyed on codes.

    Idempotent: a second run with the same files writes nothing. Records missing from a
    newer file are archived, never deleted. Work is batched: one read per model, creations
    in batches, updates flushed by the ORM in grouped UPDATE statements.
    """

    _name = "territory.reference.loader"
    _description = "Territorial Reference Loader"

    # ------------------------------------------------------------------ reading
    @api.model
    def _read_source(self, source_dir=None):
        source_dir = source_dir or file_path(SOURCE_DIR)
        data = {}
        for name, columns in FILES.items():
            data[name] = self._read_csv(source_dir, name, columns)
        for name, columns in OPTIONAL_FILES.items():
            data[name] = self._read_csv(source_dir, name, columns, optional=True)
        return data

    @api.model
    def _read_csv(self, source_dir, name, columns, optional=False):
        path = os.path.join(source_dir, f"{name}.csv.gz")
        opener = gzip.open
        if not os.path.exists(path):
            path = os.path.join(source_dir, f"{name}.csv")
            opener = open
        if not os.path.exists(path):
            if optional:
                return None
            raise UserError(
                self.env._(
                    "The file %(name)s.csv(.gz) is missing in %(dir)s.", name=name, dir=source_dir
                )
            )
        try:
            with opener(path, "rb") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                reader = csv.DictReader(text)
                missing = set(columns) - set(reader.fieldnames or ())
                if missing:
                    raise UserError(
                        self.env._(
                            "The file %(name)s lacks the column(s) %(columns)s.",
                            name=name,
                            columns=", ".join(sorted(missing)),
                        )
                    )
                return list(reader)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise UserError(
                self.env._("The file %(name)s cannot be read: %(error)s", name=name, error=exc)
            ) from exc

    @api.model
    def _int(self, value, name, key):
        if value in (None, ""):
            return 0
        try:
            return int(value)
        except ValueError as exc:
            raise UserError(
                self.env._(
                    "Invalid population %(value)s for %(key)s in the file %(name)s.",
                    value=value,
                    key=key,
                    name=name,
                )
            ) from exc

    # ------------------------------------------------------------------ public API
    @api.model
    def load_reference(self, department_codes=None, source_dir=None, vintage=None):
        """Upsert the territorial reference.

        :param department_codes: iterable of département codes (e.g. ["25", "61"]) to limit
            communes and EPCI to those départements; ``None`` loads all of France.
        :param source_dir: folder holding regions/departements/epci/communes .csv(.gz);
            defaults to the files shipped in the addon.
        :param vintage: the vintage's label in the change log, e.g. "2025" (a year also
            dates the end of merged communes); defaults to the shipped vintage, or the
            folder's name.
        :return: ``{"region": {"created": n, "updated": n, "archived": n, "unchanged": n},
            "department": {...}, "epci": {...}, "commune": {...}, "arrondissement": {...},
            "commune_former": {...}, "changes": {kind: n}, "change_ids": [ids],
            "seconds": s}``
        """
        started = time.monotonic()
        data = self._read_source(source_dir)
        scope = self._check_scope(data, department_codes)
        if not vintage:
            vintage = os.path.basename(os.path.normpath(source_dir)) if source_dir else VINTAGE
        stats = {}
        # Everything or nothing: a bad row rolls back what was already written.
        with self.env.cr.savepoint():
            before = self._reference_state(scope)
            region_map, stats["region"] = self._upsert(
                "territory.region", "code", self._region_values(data)
            )
            department_map, stats["department"] = self._upsert(
                "territory.department", "code", self._department_values(data, region_map)
            )
            communes = [
                row for row in data["communes"] if scope is None or row["department_code"] in scope
            ]
            epci_sirens = {row["epci_siren"] for row in communes if row["epci_siren"]}
            epci_values = self._epci_values(data, None if scope is None else epci_sirens)
            epci_map, stats["epci"] = self._upsert(
                "territory.epci",
                "siren",
                epci_values,
                archive_domain=[("siren", "not in", [v["siren"] for v in self._all_epci(data)])],
            )
            commune_values = self._commune_values(communes, department_map, epci_map)
            archive_domain = [("code", "not in", list(commune_values))]
            if scope is not None:
                archive_domain.append(("department_id.code", "in", sorted(scope)))
            commune_map, stats["commune"] = self._upsert(
                "territory.commune", "code", commune_values, archive_domain=archive_domain
            )
            current_codes = {row["code"] for row in data["communes"]}
            stats["arrondissement"] = self._load_attached(
                data, "arrondissements", "territory.arrondissement", current_codes, commune_map
            )
            stats["commune_former"] = self._load_attached(
                data, "communes_former", "territory.commune.former", current_codes, commune_map
            )
            changes = self._apply_changes(
                data, before, commune_map, vintage, load_key=uuid.uuid4().hex
            )
            self.env.flush_all()
        stats["changes"] = dict(Counter(changes.mapped("kind")))
        stats["change_ids"] = changes.ids
        stats["seconds"] = round(time.monotonic() - started, 2)
        _logger.info("Territorial reference loaded: %s", stats)
        return stats

    @api.model
    def _cron_load_reference(self, department_codes=None):
        """Entry point for scheduled actions and ``odoo shell``."""
        return self.load_reference(department_codes=department_codes)

    # ------------------------------------------------------------------ helpers
    @api.model
    def _check_scope(self, data, department_codes):
        if department_codes is None:
            return None
        scope = {code.strip().upper() for code in department_codes if code and code.strip()}
        scope = {code.zfill(2) if code.isdigit() and len(code) == 1 else code for code in scope}
        known = {row["code"] for row in data["departements"]}
        unknown = scope - known
        if unknown:
            raise UserError(
                self.env._(
                    "Unknown département code(s): %(codes)s.", codes=", ".join(sorted(unknown))
                )
            )
        if not scope:
            raise UserError(self.env._("Choose at least one département."))
        return scope

    @api.model
    def _region_values(self, data):
        return {
            row["code"]: {"code": row["code"], "name": row["name"]}
            for row in self._required(data["regions"], "regions", "code", "name")
        }

    @api.model
    def _department_values(self, data, region_map):
        values = {}
        for row in self._required(data["departements"], "departements", "code", "name"):
            values[row["code"]] = {
                "code": row["code"],
                "name": row["name"],
                "region_id": region_map.get(row["region_code"], False),
            }
        return values

    @api.model
    def _all_epci(self, data):
        return [{"siren": row["siren"]} for row in data["epci"]]

    @api.model
    def _epci_values(self, data, sirens):
        values = {}
        for row in self._required(data["epci"], "epci", "siren", "name"):
            if sirens is not None and row["siren"] not in sirens:
                continue
            nature = row["nature"] if row["nature"] in EPCI_NATURES else False
            values[row["siren"]] = {
                "siren": row["siren"],
                "name": row["name"],
                "nature": nature,
                "population": self._int(row["population"], "epci", row["siren"]),
                "active": True,
            }
        return values

    @api.model
    def _commune_values(self, rows, department_map, epci_map):
        values = {}
        for row in self._required(rows, "communes", "code", "name", "department_code"):
            department_id = department_map.get(row["department_code"])
            if not department_id:
                raise UserError(
                    self.env._(
                        "The commune %(code)s refers to the unknown département %(dep)s.",
                        code=row["code"],
                        dep=row["department_code"],
                    )
                )
            epci_id = False
            if row["epci_siren"]:
                epci_id = epci_map.get(row["epci_siren"])
                if not epci_id:
                    raise UserError(
                        self.env._(
                            "The commune %(code)s refers to the unknown EPCI %(siren)s.",
                            code=row["code"],
                            siren=row["epci_siren"],
                        )
                    )
            values[row["code"]] = {
                "code": row["code"],
                "name": row["name"],
                "department_id": department_id,
                "postal_codes": " ".join(row["postal_codes"].split()) or False,
                "population": self._int(row["population"], "communes", row["code"]),
                "epci_id": epci_id,
                "active": True,
            }
        return values

    @api.model
    def _load_attached(self, data, name, model_name, current_codes, commune_map):
        """Upsert the arrondissements or former communes of the communes loaded.

        Rows of communes outside the scope are skipped; a row naming a commune that is not
        a current commune of the vintage is refused. Nothing is archived: a former code
        stays known once it has been seen.
        """
        counters = {"created": 0, "updated": 0, "archived": 0, "unchanged": 0}
        rows = data.get(name)
        if rows is None:
            return counters
        values = {}
        required = ("code", "name") if name == "arrondissements" else ("code",)
        for number, row in enumerate(self._required(rows, name, *required, "commune_code"), 2):
            commune_code = row["commune_code"].strip()
            if commune_code not in current_codes:
                raise UserError(
                    self.env._(
                        "Line %(line)s of the file %(name)s: %(code)s refers to the unknown "
                        "commune %(commune)s.",
                        line=number,
                        name=name,
                        code=row["code"],
                        commune=commune_code,
                    )
                )
            if commune_code not in commune_map:
                continue
            vals = {
                "code": row["code"].strip(),
                "name": (row["name"] or "").strip() or False,
                "commune_id": commune_map[commune_code],
            }
            if name == "arrondissements":
                vals["postal_codes"] = " ".join((row["postal_codes"] or "").split()) or False
            else:
                if row["kind"] not in FORMER_KINDS:
                    raise UserError(
                        self.env._(
                            "Line %(line)s of the file %(name)s has the unknown kind %(kind)s "
                            "(expected delegated, associated, merged or renumbered).",
                            line=number,
                            name=name,
                            kind=row["kind"],
                        )
                    )
                vals["kind"] = row["kind"]
            values[vals["code"]] = vals
        Model = self.env[model_name]
        if name == "communes_former":
            # A code the loader recorded as merged stays merged (with its end date), even
            # when later vintages list it as a commune déléguée.
            merged = Model.search([("code", "in", list(values)), ("kind", "=", "merged")])
            for code in merged.mapped("code"):
                del values[code]["kind"]
            # A former code that became a current commune (a commune nouvelle taking the
            # code of one of its communes déléguées) now points at that commune.
            for former in Model.search([("code", "in", list(commune_map))]):
                if former.commune_id.id != commune_map[former.code]:
                    former.commune_id = commune_map[former.code]
        return self._upsert(model_name, "code", values)[1]

    @api.model
    def _required(self, rows, name, *columns):
        for number, row in enumerate(rows, start=2):
            for column in columns:
                if not (row.get(column) or "").strip():
                    raise UserError(
                        self.env._(
                            "Line %(line)s of the file %(name)s has no %(column)s.",
                            line=number,
                            name=name,
                            column=column,
                        )
                    )
        return rows

    @api.model
    def _upsert(self, model_name, key, values, archive_domain=None):
        """Create missing records, write changed ones, archive the ones absent from the file.

        :return: (``{key: id}`` for every record of ``values``, counters)
        """
        Model = self.env[model_name].with_context(active_test=False, tracking_disable=True)
        fnames = sorted({fname for vals in values.values() for fname in vals})
        existing = Model.search_fetch([(key, "in", list(values))], fnames) if values else Model
        by_key = {record[key]: record for record in existing}
        counters = {"created": 0, "updated": 0, "archived": 0, "unchanged": 0}
        to_create = []
        # The ORM keeps the writes in cache and flushes them in batched UPDATE statements.
        groups = defaultdict(lambda: Model.browse())
        for code, vals in values.items():
            record = by_key.get(code)
            if not record:
                to_create.append(vals)
                continue
            changes = {
                fname: value
                for fname, value in vals.items()
                if self._convert(record, fname) != value
            }
            if changes:
                # Relational changes (a commune moving to another EPCI) are written per
                # target, so that the recomputation of dependent fields (partners' EPCI)
                # runs once per target, not once per commune.
                relational = {
                    fname: value
                    for fname, value in changes.items()
                    if Model._fields[fname].relational
                }
                if relational:
                    groups[tuple(sorted(relational.items()))] |= record
                scalar = {f: v for f, v in changes.items() if f not in relational}
                if scalar:
                    record.write(scalar)
                counters["updated"] += 1
            else:
                counters["unchanged"] += 1
        for changes, records in groups.items():
            records.write(dict(changes))
        created = Model.create(to_create) if to_create else Model
        counters["created"] = len(created)
        id_map = {record[key]: record.id for record in existing | created}
        if archive_domain is not None and "active" in Model._fields:
            to_archive = Model.search([("active", "=", True)] + archive_domain)
            to_archive.write({"active": False})
            counters["archived"] = len(to_archive)
        return id_map, counters

    @api.model
    def _convert(self, record, fname):
        value = record[fname]
        field = record._fields[fname]
        if field.type == "many2one":
            return value.id or False
        if field.type in ("char", "selection") and not value:
            return False
        return value
