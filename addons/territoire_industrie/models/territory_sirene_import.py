import csv
import io
import logging
import operator
import time

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import sirene_reader
from ..tools.naf import naf_section_sql

_logger = logging.getLogger(__name__)

BATCH_SIZE = 50000  # rows per COPY into the temporary table
PROGRESS_EVERY = 20000  # lines of the file between two progress reports
# Columns the establishment file fills; the legal-unit file fills the legal_* ones.
ESTABLISHMENT_COLUMNS = (
    "siret",
    "siren",
    "nic",
    "partially_diffusible",
    "creation_date",
    "state",
    "closing_date",
    "naf_code",
    "naf_nomenclature",
    "naf25_code",
    "craft_code",
    "headcount_bracket",
    "headcount_year",
    "is_head_office",
    "is_employer",
    "trade_names",
    "street",
    "street2",
    "zip",
    "city",
    "commune_id",
    "epci_id",
)
LEGAL_UNIT_COLUMNS = ("siren", "legal_unit_name", "legal_category", "company_category")


def _department_of(commune_code):
    return commune_code[:3] if commune_code.startswith("97") else commune_code[:2]


def _identifiers(columns, table=None):
    return SQL(", ").join(SQL.identifier(table, c) if table else SQL.identifier(c) for c in columns)


def _copy_rows(cr, table, columns, rows):
    """Load ``rows`` (tuples) into ``table`` with PostgreSQL's COPY, the fastest path.

    The csv module writes None as an empty unquoted field (NULL for COPY), booleans as
    True/False and dates in ISO format, all of which PostgreSQL reads as they are: no
    per-value conversion in Python.
    """
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    buffer.seek(0)
    copy = SQL(
        "COPY %s (%s) FROM STDIN WITH (FORMAT csv)", SQL.identifier(table), _identifiers(columns)
    )
    cr.copy_expert(copy.code, buffer)


class TerritorySireneImport(models.Model):
    """One import of a SIRENE stock file, and its report."""

    _name = "territory.sirene.import"
    _description = "SIRENE Import"
    _order = "id desc"

    name = fields.Char(string="File", required=True, readonly=True)
    file_kind = fields.Selection(
        [
            ("establishment", "Establishments (StockEtablissement)"),
            ("legal_unit", "Legal units (StockUniteLegale)"),
            ("api", "API Recherche d'entreprises"),
        ],
        required=True,
        readonly=True,
    )
    scope = fields.Char(readonly=True, help="Communes the import was filtered to.")
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(16, 1))
    rows_read = fields.Integer(readonly=True, help="Rows of the file within the scope.")
    created_count = fields.Integer(string="Created", readonly=True)
    updated_count = fields.Integer(string="Updated", readonly=True)
    unchanged_count = fields.Integer(string="Unchanged", readonly=True)
    closed_count = fields.Integer(string="Closed", readonly=True)
    rejected_count = fields.Integer(string="Rejected", readonly=True)
    rejection_ids = fields.One2many(
        "territory.sirene.import.rejection", "import_id", string="Rejected Rows", readonly=True
    )

    # ------------------------------------------------------------------ entry points
    @api.model
    def _import_file(
        self,
        fileobj,
        filename,
        file_kind,
        commune_codes=None,
        department_codes=None,
        scope_label="",
        progress=None,
    ):
        """Import a SIRENE stock file; return the import record (its report).

        ``commune_codes``/``department_codes`` limit the establishments to a scope (none:
        every commune known to the database). A file that is not the expected SIRENE file
        raises a UserError before anything is written. ``progress``, if given, is called
        as ``progress(lines_read, percent)`` every few thousand lines of a long run (the
        percentage of the file read so far), and once at the end of the file.
        """
        started = time.monotonic()
        on_rows = None
        if progress:
            fileobj.seek(0, io.SEEK_END)
            size = fileobj.tell() or 1
            fileobj.seek(0)

            def on_rows(rows_read):
                progress(rows_read, min(100.0, 100.0 * fileobj.tell() / size))

        try:
            # All or nothing: a file that turns out unreadable halfway leaves no row behind.
            with self.env.cr.savepoint():
                stream = sirene_reader.open_text(fileobj)
                if file_kind == "establishment":
                    stats, rejections = self._import_establishments(
                        stream, commune_codes, department_codes, progress=on_rows
                    )
                else:
                    stats, rejections = self._import_legal_units(stream)
        except sirene_reader.SireneFileError as error:
            raise UserError(self._file_error_message(filename, error)) from error
        report = self.create(
            {
                "name": filename,
                "file_kind": file_kind,
                "scope": scope_label,
                "duration": time.monotonic() - started,
                "rejected_count": len(rejections),
                **stats,
            }
        )
        self.env["territory.sirene.import.rejection"].create(
            [
                {
                    "import_id": report.id,
                    "line": r.line,
                    "siret": r.siret,
                    "reason": r.reason,
                    "detail": r.detail,
                }
                for r in rejections
            ]
        )
        _logger.info("SIRENE import %s: %s", filename, stats)
        return report

    def _file_error_message(self, filename, error):
        messages = {
            "empty": self.env._("The file %(file)s is empty.", file=filename),
            "not_sirene": self.env._(
                "The file %(file)s is not a SIRENE stock file of the expected kind "
                "(StockEtablissement or StockUniteLegale): none of its columns were found. "
                "Nothing was imported.",
                file=filename,
            ),
            "missing_columns": self.env._(
                "The file %(file)s lacks SIRENE columns: %(columns)s. Nothing was imported.",
                file=filename,
                columns=error.params.get("columns", ""),
            ),
            "zip_without_csv": self.env._(
                "The archive %(file)s holds no CSV file. Nothing was imported.", file=filename
            ),
            "unreadable": self.env._(
                "The file %(file)s cannot be read (%(error)s). Nothing was imported.",
                file=filename,
                error=error.params.get("error", ""),
            ),
        }
        return messages[error.code]

    # ------------------------------------------------------------ establishments
    def _import_establishments(self, stream, commune_codes, department_codes, progress=None):
        """Read the file once, COPY its rows into a temporary table by chunks, then merge
        the table into the establishments in two statements (see _merge_batch)."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute("SELECT code, id, epci_id FROM territory_commune")
        communes = {code: (commune_id, epci_id) for code, commune_id, epci_id in cr.fetchall()}
        scope_communes = set(commune_codes or ())
        scope_departments = set(department_codes or ())
        if not scope_communes and not scope_departments:
            scope_communes = set(communes)

        lines_seen = 0

        def in_scope(code):
            # Called once per line of the file: the place to report progress, which must
            # move even while the lines are outside the scope.
            nonlocal lines_seen
            lines_seen += 1
            if progress and not lines_seen % PROGRESS_EVERY:
                progress(lines_seen)
            return code in scope_communes or _department_of(code) in scope_departments

        stats = dict.fromkeys(
            ("rows_read", "created_count", "updated_count", "unchanged_count", "closed_count"), 0
        )
        rejections = []
        self._batch_table("sirene_batch", ESTABLISHMENT_COLUMNS)
        chunk, seen, duplicates = [], set(), {}
        columns = ESTABLISHMENT_COLUMNS
        row_of = operator.itemgetter(*columns)
        rows_read = 0
        for line, values in sirene_reader.establishments(stream, in_scope):
            rows_read += 1
            if isinstance(values, sirene_reader.Rejection):
                rejections.append(values)
                continue
            commune = communes.get(values["commune_code"])
            if commune is None:
                rejections.append(
                    sirene_reader.Rejection(
                        line, values["siret"], "unknown_commune", values["commune_code"]
                    )
                )
                continue
            values["commune_id"], values["epci_id"] = commune
            row = row_of(values)
            siret = values["siret"]
            if siret in seen:  # the same SIRET twice in a file: the last row wins
                duplicates[siret] = row
            else:
                seen.add(siret)
            chunk.append(row)
            if len(chunk) >= BATCH_SIZE:
                _copy_rows(cr, "sirene_batch", columns, chunk)
                chunk = []
        if chunk:
            _copy_rows(cr, "sirene_batch", columns, chunk)
        if duplicates:
            cr.execute("DELETE FROM sirene_batch WHERE siret = ANY(%s)", [list(duplicates)])
            _copy_rows(cr, "sirene_batch", columns, duplicates.values())
        stats["rows_read"] = rows_read
        if progress:
            progress(lines_seen)
        self._merge_batch(len(seen), stats)
        self.env["territory.establishment"].invalidate_model()
        return stats, rejections

    def _batch_table(self, name, columns):
        """An empty temporary table with ``columns`` of territory_establishment."""
        cr = self.env.cr
        cr.execute(
            SQL(
                "CREATE TEMP TABLE IF NOT EXISTS %s ON COMMIT DROP AS "
                "SELECT %s FROM territory_establishment WITH NO DATA",
                SQL.identifier(name),
                _identifiers(columns),
            )
        )
        cr.execute(SQL("TRUNCATE %s", SQL.identifier(name)))

    def _update_changed(self, batch_table, key, columns, now, extra=None):
        """Copy ``columns`` from ``batch_table`` onto the establishments matching on ``key``,
        only where a value differs; return how many establishments changed. ``extra``: more
        ``column = expression`` assignments (SQL) for the changed rows."""
        cr = self.env.cr
        updates = [SQL("%s = %s", SQL.identifier(c), SQL.identifier("b", c)) for c in columns]
        cr.execute(
            SQL(
                """
            UPDATE territory_establishment e
               SET %(updates)s, write_uid = %(uid)s, write_date = %(now)s
              FROM %(batch)s b
             WHERE e.%(key)s = b.%(key)s AND (%(current)s) IS DISTINCT FROM (%(incoming)s)
            """,
                updates=SQL(", ").join(updates + list(extra or ())),
                batch=SQL.identifier(batch_table),
                key=SQL.identifier(key),
                current=_identifiers(columns, "e"),
                incoming=_identifiers(columns, "b"),
                uid=self.env.uid,
                now=now,
            )
        )
        return cr.rowcount

    def _upsert_establishments(self, rows, stats):
        """Insert or update ``rows`` (tuples of ESTABLISHMENT_COLUMNS, one per SIRET)."""
        rows = list(rows)
        self._batch_table("sirene_batch", ESTABLISHMENT_COLUMNS)
        _copy_rows(self.env.cr, "sirene_batch", ESTABLISHMENT_COLUMNS, rows)
        self._merge_batch(len(rows), stats)

    def _merge_batch(self, count, stats):
        """Merge the ``count`` rows of the temporary table ``sirene_batch`` (one per SIRET)
        into the establishments: one UPDATE of the rows that changed, one INSERT of the new
        ones. The NAF section is derived from the NAF code here, in SQL."""
        cr = self.env.cr
        # Temporary tables have no statistics until analysed: without them the planner
        # may loop over the batch instead of hashing it.
        cr.execute("ANALYZE sirene_batch")
        cr.execute("""
            SELECT count(*) FROM territory_establishment
             WHERE state = 'active'
               AND siret IN (SELECT siret FROM sirene_batch WHERE state = 'closed')
        """)
        stats["closed_count"] += cr.fetchone()[0]
        compared = ESTABLISHMENT_COLUMNS[1:]
        now = fields.Datetime.now()
        section = SQL("naf_section = %s", naf_section_sql(SQL.identifier("b", "naf_code")))
        # Update what changed, then insert what is new: an anti-join skips the rest
        # without touching it (ON CONFLICT DO NOTHING guards against a concurrent import).
        # A single INSERT ... ON CONFLICT DO UPDATE would lock, hence write, every
        # existing row even when nothing changed.
        updated = self._update_changed("sirene_batch", "siret", compared, now, [section])
        cr.execute(
            SQL(
                """
            INSERT INTO territory_establishment
                   (%(columns)s, naf_section, create_uid, create_date, write_uid, write_date)
            SELECT %(batch_columns)s, %(section)s, %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM sirene_batch b
             WHERE NOT EXISTS (SELECT 1 FROM territory_establishment e WHERE e.siret = b.siret)
                ON CONFLICT (siret) DO NOTHING
            """,
                columns=_identifiers(ESTABLISHMENT_COLUMNS),
                batch_columns=_identifiers(ESTABLISHMENT_COLUMNS, "b"),
                section=naf_section_sql(SQL.identifier("b", "naf_code")),
                uid=self.env.uid,
                now=now,
            )
        )
        created = cr.rowcount
        stats["created_count"] += created
        stats["updated_count"] += updated
        stats["unchanged_count"] += count - created - updated

    # --------------------------------------------------------------- legal units
    def _import_legal_units(self, stream):
        cr = self.env.cr
        self.env.flush_all()
        cr.execute("SELECT DISTINCT siren FROM territory_establishment")
        wanted = {siren for (siren,) in cr.fetchall()}
        # For legal units, "updated" counts the establishments whose company data changed.
        stats = {"rows_read": 0, "updated_count": 0}
        batch = {}
        for _line, values in sirene_reader.legal_units(stream, wanted):
            stats["rows_read"] += 1
            if not values["legal_unit_diffusible"]:
                values["legal_unit_name"] = None
            batch[values["siren"]] = tuple(values[c] for c in LEGAL_UNIT_COLUMNS)
            if len(batch) >= BATCH_SIZE:
                self._update_legal_units(batch.values(), stats)
                batch = {}
        if batch:
            self._update_legal_units(batch.values(), stats)
        self.env["territory.establishment"].invalidate_model()
        return stats, []

    def _update_legal_units(self, rows, stats):
        """Set the company data of ``rows`` (tuples of LEGAL_UNIT_COLUMNS) by SIREN."""
        cr = self.env.cr
        rows = list(rows)
        self._batch_table("sirene_legal_batch", LEGAL_UNIT_COLUMNS)
        _copy_rows(cr, "sirene_legal_batch", LEGAL_UNIT_COLUMNS, rows)
        stats["updated_count"] += self._update_changed(
            "sirene_legal_batch", "siren", LEGAL_UNIT_COLUMNS[1:], fields.Datetime.now()
        )
