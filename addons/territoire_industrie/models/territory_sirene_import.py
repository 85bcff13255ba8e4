import contextlib
import csv
import gzip
import io
import logging
import re
import time
import zipfile
import zlib

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import sirene_reader, sirene_sql
from ..tools.naf import naf_section_sql

_logger = logging.getLogger(__name__)

BATCH_SIZE = 50000  # legal units per UPDATE
PROGRESS_EVERY = 20000  # lines of the file between two progress reports
COPY_CHUNK = 1 << 16  # bytes handed to COPY at a time
# Memory for the import's sorts and hashes (PostgreSQL's default, 4 MB, sends those of a
# 200,000-row file to disk); only for the import, then back to the session's value.
IMPORT_WORK_MEM = "128MB"
# A first import of many establishments builds the secondary indexes and checks the
# foreign keys once, after the insert, when it adds at least this many rows and more
# than the table holds (see _bulk_load).
BULK_LOAD_MIN_ROWS = 100_000
BULK_LOAD_MAINTENANCE_WORK_MEM = "256MB"
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
# A StockEtablissement file also gives the arrondissement municipal (Paris, Lyon, Marseille).
FILE_COLUMNS = (*ESTABLISHMENT_COLUMNS, "arrondissement_id")
# What a file import writes: the fingerprint of each row besides (see _skip_unchanged_rows).
FINGERPRINTED_COLUMNS = (*FILE_COLUMNS, "sirene_fingerprint")
LEGAL_UNIT_COLUMNS = ("siren", "legal_unit_name", "legal_category", "company_category")
# The cells of a StockEtablissement row the import reads (sirene_reader's field names).
_TRADE_NAMES = ("trade_name_1", "trade_name_2", "trade_name_3")
# Free texts are taken as they are; codes, numbers and dates are stripped of spaces.
_TEXTS = {"usual_name", *_TRADE_NAMES, "street_name", "street2", "city"}
_CELLS = (
    "siret",
    "siren",
    "nic",
    "diffusion",
    "creation_date",
    "state_since",
    "state",
    "usual_name",
    *_TRADE_NAMES,
    "street_type",
    "street_number",
    "street_repetition",
    "street_name",
    "headcount_year",
    "naf_code",
    "naf_nomenclature",
    "naf25_code",
    "craft_code",
    "headcount_bracket",
    "is_head_office",
    "is_employer",
    "street2",
    "zip",
    "city",
    "foreign_country",
)


@contextlib.contextmanager
def _setting(cr, setting, value):
    """Set the PostgreSQL ``setting`` to ``value`` for the block, then back."""
    cr.execute("SELECT current_setting(%s)", [setting])
    previous = cr.fetchone()[0]
    cr.execute("SELECT set_config(%s, %s, true)", [setting, value])
    try:
        yield
    finally:
        cr.execute("SELECT set_config(%s, %s, true)", [setting, previous])


def _work_table(cr, name):
    """The work table ``name`` of the import running on this connection.

    An unlogged table rather than a temporary one: PostgreSQL scans a temporary table in
    the one process of its session, where it shares out the checks of a large file's rows
    among its parallel workers when the tables they read are ordinary ones (about twice
    as fast on two cores at 2,000,000 rows). Named after the session's backend, so that
    two imports at once never meet; made and dropped within the import's savepoint, so
    that a failure takes it away with the rest."""
    return SQL.identifier(_work_table_name(cr, name))


def _work_table_name(cr, name):
    return f"{name}_{cr.connection.info.backend_pid}"


# A volatile column in a subquery keeps PostgreSQL from inlining it into the query above
# (see _checked_rows_query); clock_timestamp() is one of the cheapest, and parallel safe.
_NOT_INLINED = SQL("clock_timestamp()")


def _hashes_records(cr):
    """Whether the server hashes records (hash_record_extended: PostgreSQL 14 and later)."""
    return cr.connection.server_version >= 140000


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
    total_count = fields.Integer(
        string="Rows in the File",
        readonly=True,
        help="Data rows of the file (header left out): each one is counted once below.",
    )
    rows_read = fields.Integer(
        readonly=True, help="Rows of the file within the scope, with a French address."
    )
    created_count = fields.Integer(string="Created", readonly=True)
    updated_count = fields.Integer(
        string="Updated",
        readonly=True,
        help="Known establishments whose data changed (closings apart).",
    )
    unchanged_count = fields.Integer(string="Unchanged", readonly=True)
    closed_count = fields.Integer(
        string="Closed", readonly=True, help="Known active establishments the file closes."
    )
    out_of_scope_count = fields.Integer(
        string="Outside the Scope",
        readonly=True,
        help="Rows of communes outside the scope (without a scope: of the départements whose "
        "communes are not loaded).",
    )
    foreign_count = fields.Integer(
        string="Foreign Address",
        readonly=True,
        help="Establishments abroad (a foreign country and no French commune).",
    )
    rejected_count = fields.Integer(string="Rejected", readonly=True)
    rejection_ids = fields.One2many(
        "territory.sirene.import.rejection", "import_id", string="Rejected Rows", readonly=True
    )

    # Every row of an establishment file is counted once: the counts add up to the file.
    _sql_constraints = [
        (
            "counts_add_up",
            (
                "CHECK(file_kind <> 'establishment' OR total_count IS NULL OR total_count = "
                "created_count + updated_count + unchanged_count + closed_count "
                "+ out_of_scope_count + foreign_count + rejected_count)"
            ),
            "The counts of a SIRENE import must add up to the rows of its file.",
        ),
    ]

    # ------------------------------------------------------------------------ actions
    def action_view_rejections(self):
        """The rejected rows in a list of their own: paginated, filtered by reason."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Rejected Rows of %(file)s", file=self.name),
            "res_model": "territory.sirene.import.rejection",
            "view_mode": "list",
            "views": [(False, "list")],
            "domain": [("import_id", "=", self.id)],
            "context": {"default_import_id": self.id},
        }

    def action_export_rejections(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/territoire_industrie/sirene_import/{self.id}/rejections.xlsx",
            "target": "download",
        }

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
        the départements whose communes are loaded). Every row of the file is counted once
        in the report (see _import_establishments). A file that is not the expected SIRENE file
        raises a UserError before anything is written. ``progress``, if given, is called
        as ``progress(lines_read, percent)`` every few thousand lines of a long run (the
        percentage of the file read so far), and once at the end of the file.
        """
        started = time.monotonic()
        try:
            # All or nothing: a file that turns out unreadable halfway leaves no row behind.
            with _setting(self.env.cr, "work_mem", IMPORT_WORK_MEM), self.env.cr.savepoint():
                if file_kind == "establishment":
                    stats = self._import_establishments(
                        fileobj, commune_codes, department_codes, progress
                    )
                else:
                    stats = self._import_legal_units(sirene_reader.open_text(fileobj))
                report = self.create(
                    {
                        "name": filename,
                        "file_kind": file_kind,
                        "scope": scope_label,
                        "duration": time.monotonic() - started,
                        **stats,
                    }
                )
                if stats.get("rejected_count"):
                    report._save_rejections()
        except sirene_reader.SireneFileError as error:
            raise UserError(self._file_error_message(filename, error)) from error
        _logger.info("SIRENE import %s: %s", filename, stats)
        if file_kind == "establishment":
            # The dashboards' counts took the import's changes as deltas, merged once it
            # is committed by the cron (in another transaction: see the tally mixin),
            # which also recounts them after a bulk first import.
            cron = self.env.ref(
                "territoire_industrie.territory_establishment_tally_cron", raise_if_not_found=False
            )
            if cron:
                cron.sudo()._trigger()
        return report

    @api.model
    def _scope_from_codes(self, department_codes=(), region_codes=(), epci_sirens=()):
        """``(commune_codes, department_codes, label)`` of a scope given by codes (the
        command line's); an unknown code refuses the import before anything is read."""
        Department = self.env["territory.department"].with_context(active_test=False)
        departments = Department.search([("code", "in", sorted(department_codes))])
        regions = (
            self.env["territory.region"]
            .with_context(active_test=False)
            .search([("code", "in", sorted(region_codes))])
        )
        epcis = (
            self.env["territory.epci"]
            .with_context(active_test=False)
            .search([("siren", "in", sorted(epci_sirens))])
        )
        for kind, given, found in (
            ("department", department_codes, departments.mapped("code")),
            ("region", region_codes, regions.mapped("code")),
            ("epci", epci_sirens, epcis.mapped("siren")),
        ):
            if set(given) - set(found):
                raise UserError(self._unknown_codes_message(kind, set(given) - set(found)))
        if regions:
            departments |= Department.search([("region_id", "in", regions.ids)])
        commune_codes = set()
        if epcis:
            commune_codes = set(
                self.env["territory.commune"]
                .with_context(active_test=False)
                .search([("epci_id", "in", epcis.ids)])
                .mapped("code")
            )
        labels = [*sorted(department_codes), *regions.mapped("name"), *epcis.mapped("name")]
        return commune_codes, set(departments.mapped("code")), ", ".join(labels)

    def _unknown_codes_message(self, kind, codes):
        codes = ", ".join(sorted(codes))
        if kind == "department":
            return self.env._("Unknown département code(s): %(codes)s.", codes=codes)
        if kind == "region":
            return self.env._("Unknown région code(s): %(codes)s.", codes=codes)
        return self.env._("Unknown EPCI SIREN: %(sirens)s.", sirens=codes)

    def _read_error(self, error):
        """Why a file could not be read, in French words when we know the fault."""
        cause = error.__cause__
        if isinstance(cause, EOFError):
            return self.env._("the file is cut short")
        if isinstance(cause, (zipfile.BadZipFile, zlib.error, gzip.BadGzipFile)):
            return self.env._("the archive is damaged")
        if isinstance(cause, UnicodeDecodeError):
            return self.env._("the file is not encoded in UTF-8")
        return error.params.get("error", "")

    def _file_error_message(self, filename, error):
        messages = {
            "empty": self.env._("The file %(file)s is empty.", file=filename),
            "not_sirene": self.env._(
                "The file %(file)s is not a SIRENE stock file of the expected kind "
                "(StockEtablissement or StockUniteLegale): none of its columns were found. "
                "Nothing was imported.",
                file=filename,
            ),
            "legal_unit_file": self.env._(
                "The file %(file)s is the legal units file (StockUniteLegale), not the "
                "establishments file (StockEtablissement): import it as legal units, after "
                "the establishments. Nothing was imported.",
                file=filename,
            ),
            "establishment_file": self.env._(
                "The file %(file)s is the establishments file (StockEtablissement), not the "
                "legal units file (StockUniteLegale): import it as establishments. Nothing "
                "was imported.",
                file=filename,
            ),
            "missing_columns": self.env._(
                "The file %(file)s lacks SIRENE columns: %(columns)s. Nothing was imported.",
                file=filename,
                columns=error.params.get("columns", ""),
            ),
            "unclosed_quote": self.env._(
                "The file %(file)s cannot be read (%(error)s). Nothing was imported.",
                file=filename,
                error=self.env._(
                    "line %(line)s: %(error)s",
                    line=error.params.get("line"),
                    error=self.env._("a quoted cell is never closed"),
                ),
            ),
            "zip_without_csv": self.env._(
                "The archive %(file)s holds no CSV file. Nothing was imported.", file=filename
            ),
            "unreadable": self.env._(
                "The file %(file)s cannot be read (%(error)s). Nothing was imported.",
                file=filename,
                error=self._read_error(error),
            ),
        }
        return messages[error.code]

    # ------------------------------------------------------------ establishments
    @api.model
    def _import_establishments(self, fileobj, commune_codes, department_codes, progress):
        """Load the file with COPY into a temporary table of text cells, check and clean its
        rows in one query (rejections go to the report), then merge them into the
        establishments (see _merge_batch). Python only streams the bytes: the per-row work
        runs next to the data, without turning each cell into a Python object and back.

        Every row of the file ends in one count: created, updated, unchanged, closed,
        outside the scope, foreign address or rejected (with its line and reason)."""
        self.env.flush_all()
        on_lines = self._progress_reporter(fileobj, progress)  # before reading: it seeks
        binary = sirene_reader.open_binary(fileobj)
        header, positions = sirene_reader.establishment_header(binary)
        scope = self._establishment_scope(commune_codes, department_codes)
        lines = self._copy_raw_rows(binary, header, positions, scope, on_lines)
        if progress:
            progress(lines, 100.0)
        total = self._raw_rows_total()
        stats = dict.fromkeys(
            ("rows_read", "created_count", "updated_count", "unchanged_count", "closed_count"), 0
        )
        self._build_code_lookup()
        skipped = self._skip_unchanged_rows(positions, scope)
        kept, foreign, rejected, accepted, unchanged = self._check_raw_rows(
            positions, scope, skipped
        )
        stats.update(
            total_count=total,
            out_of_scope_count=total - kept,
            foreign_count=foreign,
            rows_read=kept - foreign,
            rejected_count=rejected,
            unchanged_count=unchanged,
        )
        self._merge_batch("sirene_rows", accepted, stats, FINGERPRINTED_COLUMNS)
        # Not temporary tables (see _work_table): dropped before the commit.
        cr = self.env.cr
        cr.execute(
            SQL(
                "DROP TABLE %s, %s",
                _work_table(cr, "sirene_codes"),
                _work_table(cr, "sirene_unchanged"),
            )
        )
        self.env["territory.establishment"].invalidate_model()
        return stats

    @api.model
    def _progress_reporter(self, fileobj, progress):
        """``on_lines(lines_read)`` calling ``progress(lines_read, percent of the file)``:
        the bytes read of the file as given (compressed or not) over its size."""
        if not progress:
            return None
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell() or 1
        fileobj.seek(0)

        def on_lines(lines_read):
            progress(lines_read, min(100.0, 100.0 * fileobj.tell() / size))

        return on_lines

    def _establishment_scope(self, commune_codes, department_codes):
        """The scope as SQL filters: ``{"communes", "departments"}`` of a chosen scope, or
        ``{"excluded"}``, the départements whose communes are not loaded, without one. Rows
        of those départements are outside the scope; any other row is imported or rejected
        (an unknown commune, even 99999, is a rejection, not a silent skip)."""
        cr = self.env.cr
        cr.execute("SELECT code FROM territory_department")
        known = {code for (code,) in cr.fetchall()}
        unknown = set(department_codes or ()) - known
        if unknown:
            raise UserError(self._unknown_codes_message("department", unknown))
        if commune_codes or department_codes:
            return {
                "communes": sorted(commune_codes or ()),
                "departments": sorted(department_codes or ()),
                "known": known,
            }
        cr.execute("""
            SELECT DISTINCT d.code FROM territory_commune c
              JOIN territory_department d ON d.id = c.department_id
        """)
        loaded = {code for (code,) in cr.fetchall()}
        return {"excluded": sorted(known - loaded), "known": known}

    def _copy_raw_rows(self, binary, header, positions, scope, on_lines):
        """COPY the data rows of ``binary`` into the work table ``sirene_raw`` (one text
        column ``c<i>`` per column of the file, and the line number), leaving out the rows
        of départements sure to be outside the scope; return the number of lines read."""
        cr = self.env.cr
        columns = [f"c{index}" for index in range(len(header))]
        raw = _work_table(cr, "sirene_raw")
        cr.execute(SQL("DROP TABLE IF EXISTS %s", raw))
        cr.execute(
            SQL(
                # The header is line 1: the identity numbers the data rows from 2, in the
                # file's order, including the rows the WHERE clause leaves out (COPY
                # computes the defaults before its filter): its last value counts the file.
                "CREATE UNLOGGED TABLE %s (line bigint GENERATED ALWAYS AS IDENTITY "
                "(START WITH 2), %s)",
                raw,
                SQL(", ").join(SQL("%s text", SQL.identifier(c)) for c in columns),
            )
        )
        commune = SQL.identifier(columns[positions["commune_code"]])
        copy = SQL(
            "COPY %s (%s) FROM STDIN WITH (FORMAT csv) "
            "WHERE NOT left(btrim(COALESCE(%s, '')), 2) = ANY(%s)",
            raw,
            _identifiers(columns),
            commune,
            self._excluded_prefixes(scope),
        )
        reader = sirene_reader.CountingReader(binary, on_lines, PROGRESS_EVERY)
        try:
            cr.copy_expert(cr.mogrify(copy.code, copy.params).decode(), reader, size=COPY_CHUNK)
        except (psycopg2.Error, *sirene_reader.READ_ERRORS) as error:
            # A failed read (a truncated archive...) reaches us through COPY's own error.
            if reader.error:
                raise sirene_reader.SireneFileError(
                    "unreadable", error=str(reader.error)
                ) from reader.error
            raise sirene_reader.SireneFileError(
                "unreadable", error=self._copy_error(error, header)
            ) from error
        return reader.lines

    def _excluded_prefixes(self, scope):
        """The first two characters of the codes of départements wholly outside the scope
        (COPY's filter, a coarse one: the check query decides row by row)."""
        if "excluded" in scope:
            kept = scope["known"] - set(scope["excluded"])
        else:
            kept = {*scope["communes"], *scope["departments"]}
        kept_prefixes = {code[:2] for code in kept}
        return sorted({code[:2] for code in scope["known"]} - kept_prefixes)

    def _copy_error(self, error, header):
        """COPY's error on a malformed row, in French, with its line in the file."""
        message = (error.diag.message_primary or str(error)).strip()
        if message.startswith("missing data for column"):
            column = re.search(r'"c(\d+)"', message)
            message = self.env._(
                "the row ends before the column %(column)s",
                column=header[int(column[1])] if column else "",
            )
        elif message.startswith("extra data after last expected column"):
            message = self.env._("the row has more cells than the header")
        elif message.startswith("unterminated CSV quoted field"):
            message = self.env._("a quoted cell is never closed")
        elif message.startswith("invalid byte sequence"):
            message = self.env._("the file is not encoded in UTF-8")
        elif "newline" in message or "carriage return" in message:
            message = self.env._("the lines do not all end the same way")
        line = re.search(r"line (\d+)", error.diag.context or "")
        if not line:
            return message
        # COPY counts from the first data row, which is the file's line 2.
        return self.env._("line %(line)s: %(error)s", line=int(line[1]) + 1, error=message)

    def _raw_rows_total(self):
        """The data rows of the file COPY read, filtered out ones included."""
        cr = self.env.cr
        cr.execute(
            "SELECT pg_get_serial_sequence(%s, 'line')", [_work_table_name(cr, "sirene_raw")]
        )
        cr.execute(SQL("SELECT last_value, is_called FROM %s", SQL(cr.fetchone()[0])))
        last_value, is_called = cr.fetchone()
        return last_value - 1 if is_called else 0

    def _build_code_lookup(self):
        """The work table ``sirene_codes`` (see _work_table): each code a row may give,
        with the commune it stands for. A current commune first, then an arrondissement
        municipal of Paris, Lyon or Marseille (SIRENE gives theirs to every establishment
        there: placed in the city, the arrondissement kept), then a former commune
        (déléguée, associée, merged) in today's commune, then an archived commune."""
        cr = self.env.cr
        sources = [
            SQL(
                "SELECT code, id AS commune_id, NULL::integer AS arrondissement_id, "
                "CASE WHEN active THEN 1 ELSE 4 END AS rank FROM territory_commune"
            )
        ]
        sources.append(SQL("SELECT code, commune_id, id, 2 FROM territory_arrondissement"))
        sources.append(SQL("SELECT code, commune_id, NULL, 3 FROM territory_commune_former"))
        codes = _work_table(cr, "sirene_codes")
        cr.execute(SQL("DROP TABLE IF EXISTS %s", codes))
        cr.execute(
            SQL(
                """
            CREATE UNLOGGED TABLE %s AS
            SELECT DISTINCT ON (k.code) k.code, k.commune_id, k.arrondissement_id,
                   c.code AS commune_code, c.epci_id, d.code AS department_code
              FROM (%s) k
              JOIN territory_commune c ON c.id = k.commune_id
              LEFT JOIN territory_department d ON d.id = c.department_id
             ORDER BY k.code, k.rank
            """,
                codes,
                SQL(" UNION ALL ").join(sources),
            )
        )
        cr.execute(SQL("ANALYZE %s", codes))

    def _skip_unchanged_rows(self, positions, scope):
        """List in the work table ``sirene_unchanged`` the rows of ``sirene_raw``
        within the scope that last wrote their establishment as they are (the same cells:
        see _fingerprint_sql) and still place it in the same commune, arrondissement and
        EPCI: they need no check nor merge (see _checked_rows_query). Most rows of a
        monthly re-import are such rows, and checking them again was most of its time.
        Return how many rows were listed."""
        cr = self.env.cr
        unchanged = _work_table(cr, "sirene_unchanged")
        cr.execute(SQL("DROP TABLE IF EXISTS %s", unchanged))
        cr.execute(
            SQL(
                "CREATE UNLOGGED TABLE %s (line bigint, siret varchar, establishment_id integer)",
                unchanged,
            )
        )
        # None before the first import, nor before the first one that keeps fingerprints.
        cr.execute(
            "SELECT 1 FROM territory_establishment WHERE sirene_fingerprint IS NOT NULL LIMIT 1"
        )
        if not cr.fetchone():
            return 0
        cell = self._raw_cell(positions)
        # The row's values computed once (OFFSET 0), then one hash join on the SIRET and
        # the fingerprint, then the commune. Left to itself, PostgreSQL joins the
        # establishments to the communes first and probes that with each row: half as fast.
        # Compiling the query (JIT) would cost a second for nothing here.
        with _setting(cr, "jit", "off"):
            cr.execute(
                SQL(
                    """
                INSERT INTO %(unchanged)s (line, siret, establishment_id)
                SELECT r.line, e.siret, e.id
                  FROM (SELECT r.line, %(siret)s AS siret, %(commune)s AS commune_code,
                               %(fingerprint)s AS fingerprint
                          FROM %(raw)s r OFFSET 0) r
                  JOIN territory_establishment e
                    ON e.siret = r.siret AND e.sirene_fingerprint = r.fingerprint
                  JOIN %(codes)s k ON k.code = r.commune_code
                 WHERE e.commune_id = k.commune_id
                   AND e.arrondissement_id IS NOT DISTINCT FROM k.arrondissement_id
                   AND e.epci_id IS NOT DISTINCT FROM k.epci_id
                   AND %(in_scope)s
                """,
                    unchanged=unchanged,
                    raw=_work_table(cr, "sirene_raw"),
                    codes=_work_table(cr, "sirene_codes"),
                    siret=cell("siret"),
                    commune=cell("commune_code"),
                    fingerprint=self._fingerprint_sql(positions),
                    in_scope=self._in_scope_sql(scope, SQL("r.commune_code")),
                )
            )
            skipped = cr.rowcount  # before the setting is put back
        cr.execute(SQL("ANALYZE %s", unchanged))
        return skipped

    def _keep_last_unchanged_rows(self):
        """The same SIRET twice in a file: the last row wins, the others are rejected.
        Among the rows of ``sirene_unchanged`` (one establishment each), a unique index
        says whether there is any such SIRET four times faster than grouping them; the
        superseded ones go to ``sirene_rejected``."""
        cr = self.env.cr
        unchanged = _work_table(cr, "sirene_unchanged")
        try:
            with cr.savepoint(flush=False):
                cr.execute(
                    SQL("CREATE UNIQUE INDEX ON %s (establishment_id)", unchanged),
                    log_exceptions=False,
                )
            return
        except psycopg2.errors.UniqueViolation:
            _logger.info("SIRENE import: a SIRET given twice among the unchanged rows")
        cr.execute(
            SQL(
                """
            WITH superseded AS (
                DELETE FROM %(unchanged)s u USING (
                    SELECT establishment_id, max(line) AS line FROM %(unchanged)s
                     GROUP BY establishment_id HAVING count(*) > 1
                ) last
                 WHERE u.establishment_id = last.establishment_id AND u.line < last.line
             RETURNING u.line, u.siret
            )
            INSERT INTO sirene_rejected (line, siret, rejection, detail)
            SELECT line, siret, 'duplicate_siret', siret FROM superseded
            """,
                unchanged=unchanged,
            )
        )

    @api.model
    def _check_raw_rows(self, positions, scope, skipped=0):
        """Check and clean, in SQL, the rows of ``sirene_raw`` that are in the scope or
        abroad into the temporary table ``sirene_rows``; move the rejected ones (and the
        earlier rows of a SIRET given twice, there or in ``sirene_unchanged``) to
        ``sirene_rejected``, drop the foreign ones. ``skipped``: the rows listed there (see
        _skip_unchanged_rows). Return (rows in the scope or abroad, abroad, rejected, kept
        to merge, unchanged set apart)."""
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS sirene_rows")
        cr.execute(
            SQL(
                "CREATE TEMP TABLE sirene_rows ON COMMIT DROP AS %s",
                self._checked_rows_query(positions, scope),
            )
        )
        rows_kept = cr.rowcount + skipped
        cr.execute(SQL("DROP TABLE %s", _work_table(cr, "sirene_raw")))
        cr.execute("DROP TABLE IF EXISTS sirene_rejected")
        cr.execute("""
            CREATE TEMP TABLE sirene_rejected ON COMMIT DROP AS
            SELECT line, COALESCE(siret, '') AS siret, rejection, detail
              FROM sirene_rows WHERE rejection IS NOT NULL
        """)
        foreign = rejected = 0
        if cr.rowcount:
            cr.execute("DELETE FROM sirene_rows WHERE rejection IS NOT NULL")
            cr.execute("DELETE FROM sirene_rejected WHERE rejection = 'foreign'")
            foreign = cr.rowcount
        # Temporary tables have no statistics until analysed: without them the planner
        # may loop over the rows instead of hashing them, here and in the merge.
        cr.execute("ANALYZE sirene_rows (siret)")
        # The same SIRET twice in a file: the last row wins, the others are reported.
        self._keep_last_unchanged_rows()
        if not self._sirets_given_once():
            self._keep_last_rows()
        cr.execute("SELECT count(*) FROM sirene_rejected")
        rejected = cr.fetchone()[0]
        cr.execute(SQL("SELECT count(*) FROM %s", _work_table(cr, "sirene_unchanged")))
        unchanged = cr.fetchone()[0]
        accepted = rows_kept - foreign - rejected - unchanged
        return rows_kept, foreign, rejected, accepted, unchanged

    def _sirets_given_once(self):
        """Whether each SIRET of ``sirene_rows`` and ``sirene_unchanged`` is there once:
        with no unchanged rows (a first import), a unique index on ``sirene_rows`` says it
        three times faster than the join of _keep_last_rows finds none."""
        cr = self.env.cr
        cr.execute(SQL("SELECT 1 FROM %s LIMIT 1", _work_table(cr, "sirene_unchanged")))
        if cr.fetchone():
            return False
        try:
            with cr.savepoint(flush=False):
                cr.execute("CREATE UNIQUE INDEX ON sirene_rows (siret)", log_exceptions=False)
            return True
        except psycopg2.errors.UniqueViolation:
            return False

    def _keep_last_rows(self):
        """Move to ``sirene_rejected`` the rows of ``sirene_rows`` and ``sirene_unchanged``
        whose SIRET a later row of the file gives again."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """
            WITH later AS (
                SELECT siret, line FROM sirene_rows
                 UNION ALL
                SELECT siret, line FROM %(unchanged)s
            ), superseded AS (
                DELETE FROM sirene_rows r USING later
                 WHERE later.siret = r.siret AND later.line > r.line
             RETURNING r.line, r.siret
            ), superseded_unchanged AS (
                DELETE FROM %(unchanged)s u USING sirene_rows later
                 WHERE later.siret = u.siret AND later.line > u.line
             RETURNING u.line, u.siret
            )
            INSERT INTO sirene_rejected (line, siret, rejection, detail)
            SELECT DISTINCT line, siret, 'duplicate_siret', siret
              FROM (SELECT * FROM superseded UNION ALL SELECT * FROM superseded_unchanged) s
            """,
                unchanged=_work_table(cr, "sirene_unchanged"),
            )
        )

    def _save_rejections(self):
        """Attach the rows of ``sirene_rejected`` (see _check_raw_rows) to this report."""
        self.ensure_one()
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
            INSERT INTO territory_sirene_import_rejection
                   (import_id, line, siret, reason, detail,
                    create_uid, create_date, write_uid, write_date)
            SELECT %(import_id)s, line, siret, rejection, detail, %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM sirene_rejected
            """,
                import_id=self.id,
                uid=self.env.uid,
                now=now,
            )
        )
        self.env["territory.sirene.import.rejection"].invalidate_model()
        self.invalidate_recordset(["rejection_ids"])

    @staticmethod
    def _raw_cell(positions):
        """``cell(field)``: the SQL value of ``field``'s cell of a row ``r`` of
        ``sirene_raw``, cleaned (see sirene_sql.cell), NULL for a column the file lacks."""

        def cell(field):
            index = positions[field]
            if index < 0:  # an optional column the file does not have
                return SQL("NULL::text")
            return sirene_sql.cell(SQL.identifier("r", f"c{index}"), trim=field not in _TEXTS)

        return cell

    def _fingerprint_sql(self, positions):
        """A 64-bit hash of the cells of a row ``r`` of ``sirene_raw`` the import reads, as
        they are in the file: the same cells give the same establishment, the checks and
        the cleaning being functions of them and of the commune their code stands for.
        Two different rows of one SIRET share it once in 2^64.

        PostgreSQL 14 and later hash the cells as a record, each with its type's own hash
        (half the cost of the text they would be joined into, at 2,000,000 rows); before,
        the cells are joined with the unit separator (U+001F), which no text of SIRENE
        holds. A server upgraded across 14 thus changes the fingerprints: the next import
        compares every row in full once (see _merge_batch)."""
        cells = [
            SQL.identifier("r", f"c{index}")
            for index in sorted({positions[field] for field in (*_CELLS, "commune_code")} - {-1})
        ]
        if _hashes_records(self.env.cr):
            return SQL("hash_record_extended(ROW(%s), 0)::text", SQL(", ").join(cells))
        separated = SQL(", E'\\x1f', ").join(cells)
        return SQL("hashtextextended(concat(%s), 0)::text", separated)

    @staticmethod
    def _in_scope_sql(scope, commune):
        """Whether a row of ``sirene_raw``, whose cleaned commune code is ``commune`` and
        whose row of ``sirene_codes`` is ``k`` (or NULL), is in ``scope``."""
        department = SQL("COALESCE(k.department_code, %s, '')", sirene_sql.department_of(commune))
        if "excluded" in scope:  # no scope: the départements whose communes are loaded
            return SQL("NOT %s = ANY(%s)", department, scope["excluded"])
        return SQL(
            "(k.commune_code = ANY(%s) OR %s = ANY(%s))",
            scope["communes"],
            department,
            scope["departments"],
        )

    def _checked_rows_query(self, positions, scope):
        """The rows of ``sirene_raw`` in the scope or abroad, as the columns of an
        establishment plus ``line``, ``rejection`` (NULL, ``foreign`` or the reason) and its
        ``detail``. Three levels, each computed once: the cleaned cells, their checks, the
        values. The commune's code is resolved by one join on ``sirene_codes``.

        Each lower level has a volatile column (_NOT_INLINED): PostgreSQL then keeps it a
        subquery of its own, where it would otherwise inline it into the level above and
        compute its expressions again wherever they are read (the checks read the SIRET's
        number thirteen times). OFFSET 0 would do that too, but it is a LIMIT, which only
        the leader runs: the levels above it went without the parallel workers (see
        _work_table), and the leader computed the checks alone, 20 to 30 % slower at
        2,000,000 rows. A LATERAL subquery per level is not run in parallel either and
        takes twice as long."""

        cell = self._raw_cell(positions)

        def raw(field):
            return SQL("COALESCE(%s, '')", SQL.identifier("r", f"c{positions[field]}"))

        commune = cell("commune_code")
        in_scope = self._in_scope_sql(scope, commune)
        foreign = SQL("(k.commune_id IS NULL AND %s IS NOT NULL)", cell("foreign_country"))
        cells = SQL(
            """
            SELECT r.line, %(cells)s, %(commune)s AS commune_code,
                   %(siret_number)s AS siret_number,
                   %(raw_creation)s AS raw_creation, %(raw_since)s AS raw_since,
                   k.commune_id, k.epci_id, k.arrondissement_id, %(foreign)s AS is_foreign,
                   %(fingerprint)s AS sirene_fingerprint,
                   %(not_inlined)s AS cells_not_inlined
              FROM %(raw)s r
              LEFT JOIN %(codes)s k ON k.code = %(commune)s
             WHERE (%(in_scope)s OR %(foreign)s)
               AND NOT EXISTS (SELECT 1 FROM %(unchanged)s u WHERE u.line = r.line)
            """,
            cells=SQL(", ").join(
                SQL("%s AS %s", cell(field), SQL.identifier(field)) for field in _CELLS
            ),
            raw=_work_table(self.env.cr, "sirene_raw"),
            codes=_work_table(self.env.cr, "sirene_codes"),
            unchanged=_work_table(self.env.cr, "sirene_unchanged"),
            commune=commune,
            siret_number=sirene_sql.siret_number(cell("siret")),
            raw_creation=raw("creation_date"),
            raw_since=raw("state_since"),
            in_scope=in_scope,
            foreign=foreign,
            fingerprint=self._fingerprint_sql(positions),
            not_inlined=_NOT_INLINED,
        )
        checked = SQL(
            """
            SELECT cells.*, %(siret_ok)s AS siret_ok,
                   %(creation_ok)s AND %(since_ok)s AS dates_ok,
                   %(not_inlined)s AS checks_not_inlined
              FROM (%(cells)s) cells
            """,
            siret_ok=sirene_sql.siret_is_valid(SQL("cells.siret"), SQL("cells.siret_number")),
            creation_ok=sirene_sql.date_is_valid(SQL("cells.creation_date")),
            since_ok=sirene_sql.date_is_valid(SQL("cells.state_since")),
            cells=cells,
            not_inlined=_NOT_INLINED,
        )
        return SQL(
            """
            SELECT line, rejection,
                   CASE rejection WHEN 'bad_date' THEN concat(raw_creation, ' / ', raw_since)
                                  WHEN 'unknown_commune' THEN commune_code
                                  WHEN 'foreign' THEN foreign_country
                                  WHEN 'bad_siret' THEN COALESCE(siret, '')
                                  WHEN 'inconsistent_siret' THEN siret END AS detail,
                   siret, left(siret, 9) AS siren, substr(siret, 10) AS nic,
                   diffusion IS DISTINCT FROM 'O' AS partially_diffusible,
                   CASE WHEN dates_ok THEN creation_date::date END AS creation_date,
                   CASE WHEN state = 'F' THEN 'closed' ELSE 'active' END AS state,
                   CASE WHEN dates_ok AND state = 'F' THEN state_since::date END AS closing_date,
                   naf_code, naf_nomenclature, naf25_code, craft_code, headcount_bracket,
                   CASE WHEN headcount_year ~ '^[0-9]{4}$' THEN headcount_year::int
                   END AS headcount_year,
                   COALESCE(lower(is_head_office) = 'true', false) AS is_head_office,
                   COALESCE(is_employer = 'O', false) AS is_employer,
                   %(trade_names)s AS trade_names,
                   %(street)s AS street,
                   street2, zip, city, commune_id, epci_id, arrondissement_id,
                   sirene_fingerprint
              FROM (
                    SELECT checked.*,
                           CASE WHEN is_foreign THEN 'foreign'
                                WHEN NOT siret_ok THEN 'bad_siret'
                                WHEN left(siret, 9) IS DISTINCT FROM siren
                                  OR substr(siret, 10) IS DISTINCT FROM nic
                                THEN 'inconsistent_siret'
                                WHEN NOT dates_ok THEN 'bad_date'
                                WHEN commune_id IS NULL THEN 'unknown_commune'
                           END AS rejection
                      FROM (%(checked)s) checked
                   ) rows
            """,
            trade_names=sirene_sql.distinct_names(
                [SQL.identifier(name) for name in ("usual_name", *_TRADE_NAMES)]
            ),
            street=sirene_sql.street(
                SQL("street_number"),
                SQL("street_repetition"),
                SQL("street_type"),
                SQL("street_name"),
                sirene_reader.STREET_TYPES,
            ),
            checked=checked,
        )

    def _batch_table(self, name, columns):
        """An empty temporary table with ``columns`` of territory_establishment."""
        cr = self.env.cr
        # Made again each time: two calls of a transaction may ask for other columns.
        cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(name)))
        cr.execute(
            SQL(
                "CREATE TEMP TABLE %s ON COMMIT DROP AS "
                "SELECT %s FROM territory_establishment WITH NO DATA",
                SQL.identifier(name),
                _identifiers(columns),
            )
        )

    def _update_changed(self, batch_table, key, columns, extra=None):
        """Copy ``columns`` from ``batch_table`` onto the establishments matching on ``key``,
        only where a value differs; return how many establishments changed. ``extra``: more
        ``column = expression`` assignments (SQL) for the changed rows."""
        cr = self.env.cr
        updates = [SQL("%s = %s", SQL.identifier(c), SQL.identifier("b", c)) for c in columns]
        cr.execute(
            SQL(
                """
            UPDATE territory_establishment e
               SET %(updates)s
              FROM %(batch)s b
             WHERE e.%(key)s = b.%(key)s AND (%(current)s) IS DISTINCT FROM (%(incoming)s)
            """,
                updates=SQL(", ").join(updates + list(extra or ())),
                batch=SQL.identifier(batch_table),
                key=SQL.identifier(key),
                current=_identifiers(columns, "e"),
                incoming=_identifiers(columns, "b"),
            )
        )
        return cr.rowcount

    def _upsert_establishments(self, rows, stats, columns=ESTABLISHMENT_COLUMNS):
        """Insert or update ``rows`` (tuples of ``columns``, one per SIRET)."""
        rows = list(rows)
        self._batch_table("sirene_batch", columns)
        _copy_rows(self.env.cr, "sirene_batch", columns, rows)
        self.env.cr.execute("ANALYZE sirene_batch (siret)")  # see _check_raw_rows
        self._merge_batch("sirene_batch", len(rows), stats, columns)

    def _merge_batch(self, batch, count, stats, columns=ESTABLISHMENT_COLUMNS):
        """Merge the ``count`` rows of the temporary table ``batch`` (one per SIRET, with
        ``columns``, SIRET first) into the establishments: one UPDATE of the rows that
        changed, one INSERT of the new ones. The NAF section is derived here, in SQL. A
        closing counts as closed, not as updated.

        With ``sirene_fingerprint`` among the ``columns`` (a file's rows), an establishment
        whose data is the same but not its fingerprint (imported before fingerprints were
        kept, or edited in Odoo and back) takes the fingerprint and counts as unchanged.
        Without it (another source), a changed establishment loses its fingerprint."""
        cr = self.env.cr
        fingerprinted = "sirene_fingerprint" in columns
        compared = tuple(column for column in columns[1:] if column != "sirene_fingerprint")
        cr.execute(
            SQL(
                """
            SELECT count(*), count(*) FILTER (WHERE e.state = 'active' AND b.state = 'closed'),
                   count(*) FILTER (WHERE (%s) IS DISTINCT FROM (%s))
              FROM %s b JOIN territory_establishment e ON e.siret = b.siret
            """,
                _identifiers(compared, "e"),
                _identifiers(compared, "b"),
                SQL.identifier(batch),
            )
        )
        known, closing, updated = cr.fetchone()
        stats["closed_count"] += closing
        extra = [SQL("naf_section = %s", naf_section_sql(SQL.identifier("b", "naf_code")))]
        if fingerprinted:
            compared += ("sirene_fingerprint",)
        else:
            extra.append(SQL("sirene_fingerprint = NULL"))
        # Update what changed, then insert what is new: an anti-join skips the rest
        # without touching it. A single INSERT ... ON CONFLICT DO UPDATE would lock, hence
        # write, every existing row even when nothing changed; even ON CONFLICT DO NOTHING
        # costs a fifth of the insert. Should another transaction create one of the same
        # SIRETs meanwhile, the unique constraint refuses the import as a whole.
        if known and (updated or fingerprinted):
            self._update_changed(batch, "siret", compared, extra)
        created = 0
        if known < count:
            with self._bulk_load(count - known) as bulk:
                # In bulk, none known (a first import): every row as it is, without the
                # anti-join; nor the sort, the SIRET's index being built after the insert.
                only_new = bool(known) or not bulk
                cr.execute(self._insert_new_sql(batch, columns, only_new, ordered=not bulk))
                created = cr.rowcount
        stats["created_count"] += created
        stats["updated_count"] += updated - closing
        stats["unchanged_count"] += count - created - updated

    def _insert_new_sql(self, batch, columns, only_new=True, ordered=True):
        """The INSERT into the establishments of the rows of ``batch`` (with ``columns``),
        the NAF section derived in SQL. ``only_new``: those whose SIRET is not known yet;
        ``ordered``: in SIRET order, so that the unique index fills in order and touches
        fewer pages (pointless when it is built after the insert: see _bulk_load)."""
        return SQL(
            "INSERT INTO territory_establishment (%(columns)s, naf_section) "
            "SELECT %(batch_columns)s, %(section)s FROM %(batch)s b %(new)s %(order)s",
            columns=_identifiers(columns),
            batch_columns=_identifiers(columns, "b"),
            batch=SQL.identifier(batch),
            section=naf_section_sql(SQL.identifier("b", "naf_code")),
            new=SQL(
                "WHERE NOT EXISTS (SELECT 1 FROM territory_establishment e WHERE e.siret = b.siret)"
                if only_new
                else ""
            ),
            order=SQL("ORDER BY b.siret" if ordered else ""),
        )

    @contextlib.contextmanager
    def _bulk_load(self, new_rows):
        """Around the insert of ``new_rows`` establishments. When they are many, and more
        than the table holds (a first import of a département or of France), the foreign
        keys, the unique constraints (the SIRET's) and the indexes other than the primary
        key are dropped, then made again after the insert: one sort per index and one
        join per foreign key instead of work for each row. Everything stays in the
        import's transaction (PostgreSQL's DDL is transactional): a failure restores them
        with the rest. The table is locked for the time of the insert, as a first import
        of that size would leave little to read anyway. The tallies' insert triggers are
        dropped too: the tallies are marked pending, to be recounted by the cron after
        the commit (see territory.observatory.tally.mixin), and the dashboards read the
        establishments until then.

        Yields whether it did all that."""
        cr = self.env.cr
        cr.execute("SELECT reltuples FROM pg_class WHERE oid = 'territory_establishment'::regclass")
        known = max(cr.fetchone()[0], 0)
        if new_rows < max(BULK_LOAD_MIN_ROWS, known):
            yield False
            return
        cr.execute("LOCK TABLE territory_establishment IN ACCESS EXCLUSIVE MODE")
        cr.execute("""
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
             WHERE conrelid = 'territory_establishment'::regclass AND contype IN ('u', 'f')
             ORDER BY contype DESC, conname  -- the unique ones first
        """)
        constraints = cr.fetchall()
        cr.execute(
            """
            SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid
             WHERE i.indrelid = 'territory_establishment'::regclass
               AND NOT i.indisprimary AND NOT i.indisunique
             ORDER BY c.relname
        """
        )
        indexes = cr.fetchall()
        for name, _definition in constraints:
            cr.execute(
                SQL(
                    "ALTER TABLE territory_establishment DROP CONSTRAINT %s",
                    SQL.identifier(name),
                )
            )
        for name, _definition in indexes:
            cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
        tallies = self.env["territory.observatory.tally.mixin"]
        tallies._drop_insert_triggers()
        yield True
        tallies._create_insert_triggers()
        tallies._mark_tallies_pending()
        started = time.monotonic()
        with _setting(cr, "maintenance_work_mem", BULK_LOAD_MAINTENANCE_WORK_MEM):
            # The definitions are PostgreSQL's own (pg_get_indexdef, pg_get_constraintdef).
            for _name, definition in indexes:
                cr.execute(SQL(definition))
        # The unique constraints hold: under the lock, the rows inserted are one per
        # SIRET and none of a SIRET already there (see _merge_batch). Made again here, they
        # check that in one sort; should they not hold, the import fails as a whole.
        with _setting(cr, "maintenance_work_mem", BULK_LOAD_MAINTENANCE_WORK_MEM):
            for name, definition in constraints:
                cr.execute(
                    SQL(
                        "ALTER TABLE territory_establishment ADD CONSTRAINT %s %s",
                        SQL.identifier(name),
                        SQL(definition),
                    )
                )
        _logger.info(
            "SIRENE import: %s establishments inserted without secondary indexes; "
            "%s indexes and %s constraints made again in %.1f s",
            new_rows,
            len(indexes),
            len(constraints),
            time.monotonic() - started,
        )

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
        return stats

    def _update_legal_units(self, rows, stats):
        """Set the company data of ``rows`` (tuples of LEGAL_UNIT_COLUMNS) by SIREN."""
        cr = self.env.cr
        rows = list(rows)
        self._batch_table("sirene_legal_batch", LEGAL_UNIT_COLUMNS)
        _copy_rows(cr, "sirene_legal_batch", LEGAL_UNIT_COLUMNS, rows)
        stats["updated_count"] += self._update_changed(
            "sirene_legal_batch", "siren", LEGAL_UNIT_COLUMNS[1:]
        )
