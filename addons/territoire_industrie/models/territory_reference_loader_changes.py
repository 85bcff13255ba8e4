import datetime
import io
import os
import shutil
import tempfile
import zipfile
from collections import Counter, defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, split_every

from .territory_reference_loader import FILES, OPTIONAL_FILES

# Pairs (old commune, new commune) per UPDATE statement.
MOVE_BATCH = 1000


class TerritoryReferenceLoader(models.AbstractModel):
    """Yearly COG changes: what a newer vintage merged, renamed or moved, applied to the
    records pointing at the reference and written in ``territory.reference.change``.

    Mergers are read from the vintage itself: a current commune of the database that the
    new vintage lists as a commune déléguée or associée (``communes_former``) was merged
    into that row's commune. A commune absent from the vintage with no such row is only
    archived, and the change log says how many records still point at it.
    """

    _inherit = "territory.reference.loader"

    # ------------------------------------------------------------------ uploaded vintages
    @api.model
    def load_reference_zip(self, content, department_codes=None, vintage=None):
        """Load a vintage given as a zip of the CSV files (e.g. uploaded in the wizard).

        Only the files the loader knows are extracted, by their base name, into a
        temporary folder removed afterwards.
        """
        names = {
            f"{name}{ext}" for name in (*FILES, *OPTIONAL_FILES) for ext in (".csv", ".csv.gz")
        }
        directory = tempfile.mkdtemp(prefix="ti_cog_upload_")
        try:
            try:
                with zipfile.ZipFile(io.BytesIO(content)) as archive:
                    for member in archive.infolist():
                        base = os.path.basename(member.filename)
                        if not member.is_dir() and base in names:
                            with open(os.path.join(directory, base), "wb") as target:
                                target.write(archive.read(member))
            except (zipfile.BadZipFile, OSError) as exc:
                raise UserError(
                    self.env._(
                        "The vintage must be a zip file of the reference's CSV files: %(error)s",
                        error=exc,
                    )
                ) from exc
            return self.load_reference(
                department_codes=department_codes, source_dir=directory, vintage=vintage
            )
        finally:
            shutil.rmtree(directory, ignore_errors=True)

    # ------------------------------------------------------------------ before the load
    @api.model
    def _reference_state(self, scope):
        """The active communes (in the scope) and EPCI as they are before the load."""
        Commune = self.env["territory.commune"].with_context(active_test=False)
        domain = [("active", "=", True)]
        if scope is not None:
            domain.append(("department_id.code", "in", sorted(scope)))
        communes = Commune.search_fetch(domain, ["code", "name", "epci_id", "department_id"])
        epcis = self.env["territory.epci"].search_fetch([("active", "=", True)], ["name"])
        return {
            "communes": {
                c.code: (c.id, c.name, c.epci_id.id, c.department_id.id) for c in communes
            },
            "epcis": {e.id: e.name for e in epcis},
        }

    @api.model
    def _vintage_date(self, vintage):
        if vintage and vintage.isdigit() and len(vintage) == 4:
            return datetime.date(int(vintage), 1, 1)
        return fields.Date.context_today(self)

    # ------------------------------------------------------------------ after the upserts
    @api.model
    def _apply_changes(self, data, before, commune_map, vintage, load_key):
        """Move what points at merged communes, fix the Territoires d'industrie perimeters
        and log every change. Returns the ``territory.reference.change`` records."""
        merged, changes = self._merge_communes(data, before, commune_map, vintage)
        changes += self._commune_changes(before, commune_map)
        changes += self._epci_changes(before, merged)
        return self.env["territory.reference.change"].create(
            [dict(values, vintage=vintage, load_key=load_key) for values in changes]
        )

    @api.model
    def _merge_communes(self, data, before, commune_map, vintage):
        """Mergers: an old commune that the vintage lists as part of a current one."""
        Commune = self.env["territory.commune"].with_context(active_test=False)
        current_codes = {row["code"] for row in data["communes"]}
        former_rows = {row["code"]: row for row in data.get("communes_former") or ()}
        merged, archived = {}, []
        for code, (old_id, *_rest) in before["communes"].items():
            if code in current_codes:
                continue
            row = former_rows.get(code)
            target = row and commune_map.get(row["commune_code"])
            if not target and row:
                target = Commune.search([("code", "=", row["commune_code"])]).id
            if target:
                merged[old_id] = target
            else:
                archived.append(old_id)
        moved = self._move_commune_references(merged)
        self._record_merged_formers(before, merged, self._vintage_date(vintage))
        names = {
            old_id: f"{name} ({code})" for code, (old_id, name, *_r) in before["communes"].items()
        }
        changes = [
            {
                "kind": "merged",
                "old_commune_id": old_id,
                "commune_id": new_id,
                "old_value": names[old_id],
                "new_value": Commune.browse(new_id).display_name,
                "moved_count": sum(moved[old_id].values()),
                "moved_detail": self._moved_detail(moved[old_id]),
            }
            for old_id, new_id in merged.items()
        ]
        still = self._count_commune_references(archived)
        changes += [
            {
                "kind": "archived",
                "old_commune_id": old_id,
                "old_value": names[old_id],
                "moved_count": sum(still[old_id].values()),
                "moved_detail": self._moved_detail(still[old_id]),
            }
            for old_id in archived
        ]
        return merged, changes

    @api.model
    def _commune_changes(self, before, commune_map):
        """Communes renamed, moved to another EPCI, or new in a département loaded before."""
        Commune = self.env["territory.commune"].with_context(active_test=False)
        after = Commune.browse(commune_map.values())
        after.fetch(["code", "name", "epci_id", "department_id"])
        departments_before = {dep for *_r, dep in before["communes"].values()}
        epci_names = dict(before["epcis"])
        changes = []
        for commune in after:
            old = before["communes"].get(commune.code)
            if not old:
                if commune.department_id.id in departments_before:
                    changes.append(
                        {"kind": "new", "commune_id": commune.id, "new_value": commune.display_name}
                    )
                continue
            if old[1] != commune.name:
                changes.append(
                    {
                        "kind": "renamed",
                        "commune_id": commune.id,
                        "old_value": old[1],
                        "new_value": commune.name,
                    }
                )
            if old[2] != commune.epci_id.id:
                changes.append(
                    {
                        "kind": "epci_moved",
                        "commune_id": commune.id,
                        "old_epci_id": old[2],
                        "epci_id": commune.epci_id.id,
                        "old_value": epci_names.get(old[2], ""),
                        "new_value": commune.epci_id.name or "",
                    }
                )
        return changes

    @api.model
    def _epci_changes(self, before, merged):
        """EPCI renamed or archived; the perimeters follow their member communes."""
        Epci = self.env["territory.epci"].with_context(active_test=False)
        epcis = Epci.browse(before["epcis"])
        epcis.fetch(["name", "active"])
        successors = self._epci_successors(before, merged, epcis.filtered(lambda e: not e.active))
        changes = []
        for epci in epcis:
            if not epci.active:
                changes.append(
                    {
                        "kind": "epci_archived",
                        "old_epci_id": epci.id,
                        "old_value": epci.name,
                        "new_value": ", ".join(successors[epci.id].mapped("name")),
                    }
                )
            elif epci.name != before["epcis"][epci.id]:
                changes.append(
                    {
                        "kind": "renamed",
                        "epci_id": epci.id,
                        "old_value": before["epcis"][epci.id],
                        "new_value": epci.name,
                    }
                )
        return changes + [
            dict(values, kind="perimeter") for values in self._update_perimeters(successors)
        ]

    @api.model
    def _record_merged_formers(self, before, merged, date_end):
        """The code of a merged commune stays known as a former commune of its successor."""
        if not merged:
            return
        Former = self.env["territory.commune.former"]
        old = {old_id: (code, name) for code, (old_id, name, *_r) in before["communes"].items()}
        codes = [old[old_id][0] for old_id in merged]
        existing = {f.code: f for f in Former.search([("code", "in", codes)])}
        to_create = []
        for old_id, new_id in merged.items():
            code, name = old[old_id]
            vals = {"kind": "merged", "commune_id": new_id, "date_end": date_end}
            if code in existing:
                # Named by the vintage's row (Anctoville for 14011, once Aurseulles).
                existing[code].write(vals)
            else:
                to_create.append(dict(vals, code=code, name=name))
        Former.create(to_create)

    @api.model
    def _epci_successors(self, before, merged, archived_epcis):
        """For each archived EPCI, the EPCIs its former member communes belong to now."""
        Commune = self.env["territory.commune"].with_context(active_test=False)
        successors = defaultdict(lambda: self.env["territory.epci"])
        for commune_id, _name, epci_id, _dep in before["communes"].values():
            if epci_id in archived_epcis.ids:
                now = Commune.browse(merged.get(commune_id, commune_id))
                if now.active and now.epci_id:
                    successors[epci_id] |= now.epci_id
        return successors

    @api.model
    def _update_perimeters(self, successors):
        """Replace archived EPCI by their successors in the current phase of each
        Territoire d'industrie (earlier phases are history and keep their perimeter)."""
        if not successors:
            return []
        # Archived EPCI are hidden from many2many values unless active_test is off.
        Phase = self.env["territory.industry.phase"].with_context(active_test=False)
        phases = Phase.search([("epci_ids", "in", list(successors))])
        result = []
        for industry in phases.industry_id:
            phase = industry.phase_ids.sorted("phase")[-1:]
            gone = phase.epci_ids.filtered(lambda e, s=successors: e.id in s)
            if not gone:
                continue
            added = self.env["territory.epci"].union(*(successors[e.id] for e in gone))
            phase.epci_ids = phase.epci_ids - gone | added
            for epci in gone:
                for successor in successors[epci.id] or [self.env["territory.epci"]]:
                    result.append(
                        {
                            "industry_id": industry.id,
                            "old_epci_id": epci.id,
                            "epci_id": successor.id,
                            "old_value": epci.name,
                            "new_value": successor.name or "",
                        }
                    )
        return result

    # ------------------------------------------------------------------ references
    @api.model
    def _commune_reference_fields(self):
        """Every stored many2one to a commune in the installed modules, except history.

        History is what records the past as it was: models flagged ``_territory_history``
        (the change log) and SQL views (``_auto = False``: the observatory's analyses,
        computed from the establishments).
        """
        result = []
        ir_fields = (
            self.env["ir.model.fields"]
            .sudo()
            .search([("ttype", "=", "many2one"), ("relation", "=", "territory.commune")])
        )
        for ir_field in ir_fields:
            if ir_field.model not in self.env:
                continue
            Model = self.env[ir_field.model]
            field = Model._fields.get(ir_field.name)
            if (
                Model._abstract
                or Model._transient
                or not Model._auto
                or getattr(Model, "_territory_history", False)
                or not field
                or not field.store
                or not field.column_type
            ):
                continue
            result.append((Model, field))
        return result

    @api.model
    def _move_commune_references(self, mapping):
        """Point every reference to an old commune at its new one, in SQL batches.

        :param mapping: ``{old commune id: new commune id}``
        :return: ``{old id: Counter({model description: moved records})}``
        """
        moved = defaultdict(Counter)
        if not mapping:
            return moved
        self.env.flush_all()
        for Model, field in self._commune_reference_fields():
            ids = []
            log_access = SQL("")
            if Model._log_access:
                log_access = SQL(
                    ", write_date = (now() AT TIME ZONE 'UTC'), write_uid = %s", self.env.uid
                )
            for pairs in split_every(MOVE_BATCH, mapping.items()):
                rows = self.env.execute_query(
                    SQL(
                        "UPDATE %(table)s AS t SET %(column)s = m.new_id %(log_access)s"
                        " FROM (VALUES %(pairs)s) AS m(old_id, new_id)"
                        " WHERE t.%(column)s = m.old_id RETURNING t.id, m.old_id",
                        table=SQL.identifier(Model._table),
                        column=SQL.identifier(field.name),
                        log_access=log_access,
                        pairs=SQL(", ").join(SQL("(%s, %s)", old, new) for old, new in pairs),
                    )
                )
                for record_id, old_id in rows:
                    ids.append(record_id)
                    moved[old_id][Model._name] += 1
            if ids:
                records = Model.browse(ids)
                written = [field.name, "write_date", "write_uid"] if Model._log_access else []
                records.invalidate_recordset(written or [field.name])
                # Dependent stored fields (the EPCI of a contact, of an establishment).
                records.modified([field.name])
        self.env.flush_all()
        return moved

    @api.model
    def _count_commune_references(self, commune_ids):
        counts = defaultdict(Counter)
        if not commune_ids:
            return counts
        for Model, field in self._commune_reference_fields():
            rows = self.env.execute_query(
                SQL(
                    "SELECT %(column)s, count(*) FROM %(table)s WHERE %(column)s IN %(ids)s"
                    " GROUP BY %(column)s",
                    table=SQL.identifier(Model._table),
                    column=SQL.identifier(field.name),
                    ids=tuple(commune_ids),
                )
            )
            for commune_id, count in rows:
                counts[commune_id][Model._name] += count
        return counts

    @api.model
    def _moved_detail(self, counter):
        """``Contact: 2, Establishment: 1``, with the models' names in the user's language."""
        IrModel = self.env["ir.model"]
        return ", ".join(
            f"{IrModel._get(model).name}: {count}" for model, count in sorted(counter.items())
        )
