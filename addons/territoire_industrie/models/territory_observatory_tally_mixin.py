import logging
import time

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Statement-level triggers on territory_establishment keep each tally exact in the
# transaction that writes the establishments: the ORM's writes, the SIRENE imports'
# bulk statements and the reference loader's moves alike.
_TRIGGER_EVENTS = {
    "INSERT": "REFERENCING NEW TABLE AS new_rows",
    "UPDATE": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "REFERENCING OLD TABLE AS old_rows",
}
# Set (to the time it was) when establishments were written without their counts: the
# reports read the establishments until the tallies are recounted (see
# _mark_tallies_pending).
TALLIES_PENDING = "territoire_industrie.observatory_tallies_pending"


class TerritoryObservatoryTallyMixin(models.AbstractModel):
    """Establishments counted per combination of a few dimensions, kept up to date by
    PostgreSQL as the establishments change, for the observatory's dashboards.

    At 2,000,000 establishments a dashboard that scans them takes about a second; the
    tally has a row per combination actually present (commune, NAF section, headcount
    bracket...), a fraction of that, and the same answer. The counts live in
    ``<table>_data`` as signed deltas (``n``): each statement on the establishments adds
    one row per combination it changed, ``+n`` for what it brought and ``-n`` for what it
    took away. Sums are exact at any time; :meth:`_compact_tally` (the daily cron, and
    right after an import) merges the deltas. Concurrent writers only insert rows, so
    they never conflict on the tally. A bulk first import writes without the triggers and
    marks the tallies pending: the reports read the establishments until the cron has
    recounted them (see :meth:`_mark_tallies_pending`). The model itself is a view over
    the data, with the columns computed from ``n`` (see :meth:`_tally_view_sql`).

    A report (see ``territory.observatory.report.mixin``) reads the smallest of its
    tallies whose columns hold the domain, groups and aggregates asked for. A tally's
    model has the fields of all the tallies of its report; those it does not count are
    NULL in its view and never asked of it.
    """

    _name = "territory.observatory.tally.mixin"
    _description = "Observatory Tally"
    _auto = False

    #: the columns counted in the data table: name -> SQL type
    _tally_columns = {}
    #: the other fields the view computes from them and ``n`` (measures...)
    _tally_computed = ()
    #: what a report's ``__count`` sums here
    _tally_count = None
    #: the dates of the tally are the first day of their ``year`` or ``month``
    _tally_date_granularity = None

    @property
    def _tally_data_table(self):
        return f"{self._table}_data"

    def _tally_columns_sql(self):
        """The columns the data table counts, as a comma-separated SQL list."""
        return SQL(", ").join(SQL.identifier(name) for name in self._tally_columns)

    def _tally_rows_sql(self, rows, sign):
        """SQL selecting the tally's columns and ``n`` (``sign``, 1 or -1, per row) from
        ``rows``, a table or transition table with the establishments' columns."""
        raise NotImplementedError

    def _tally_view_sql(self):
        """SQL selecting the model's columns from the data table."""
        raise NotImplementedError

    def _tally_view_columns(self, alias, all_columns):
        """The ``all_columns`` (name -> SQL type) of the tallies of a report as SQL, those
        this one does not count as NULL."""
        return SQL(", ").join(
            SQL("%s.%s", SQL.identifier(alias), SQL.identifier(name))
            if name in self._tally_columns
            else SQL("NULL::%s AS %s", SQL(kind), SQL.identifier(name))
            for name, kind in all_columns.items()
        )

    def _tally_answers(self):
        """The fields a report may ask of this tally."""
        return set(self._tally_columns) | set(self._tally_computed)

    # ------------------------------------------------------------------ SQL objects
    def init(self):
        if self._abstract:
            return
        cr = self.env.cr
        data = SQL.identifier(self._tally_data_table)
        cr.execute("SELECT to_regclass(%s) IS NULL", [self._tally_data_table])
        created = cr.fetchone()[0]
        if created:
            cr.execute(
                SQL(
                    "CREATE TABLE %s (id bigserial PRIMARY KEY, %s, n integer NOT NULL)",
                    data,
                    SQL(", ").join(
                        SQL("%s %s", SQL.identifier(name), SQL(kind))
                        for name, kind in self._tally_columns.items()
                    ),
                )
            )
        self._create_tally_triggers()
        if created:  # establishments loaded before the tally existed
            self._add_to_tally(SQL("territory_establishment"))
        cr.execute(SQL("DROP VIEW IF EXISTS %s", SQL.identifier(self._table)))
        cr.execute(
            SQL(
                "CREATE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._tally_view_sql(),
            )
        )

    def _tally_delta_sql(self, rows):
        """SQL adding to the data table the sums of ``rows`` (columns and ``n``) per
        combination, leaving out those at zero."""
        columns = self._tally_columns_sql()
        return SQL(
            "INSERT INTO %s (%s, n) SELECT %s, sum(n) FROM (%s) d GROUP BY %s HAVING sum(n) <> 0",
            SQL.identifier(self._tally_data_table),
            columns,
            columns,
            rows,
            columns,
        )

    def _create_tally_triggers(self):
        for event in _TRIGGER_EVENTS:
            self._create_tally_trigger(event)

    def _tally_trigger_name(self, event):
        return f"{self._table}_{event.lower()}"

    def _create_tally_trigger(self, event):
        """(Re)create the trigger function and the trigger of ``event`` (INSERT...)."""
        cr = self.env.cr
        new_rows = self._tally_rows_sql(SQL("new_rows"), 1)
        old_rows = self._tally_rows_sql(SQL("old_rows"), -1)
        rows = {
            "INSERT": new_rows,
            "UPDATE": SQL("%s UNION ALL %s", old_rows, new_rows),
            "DELETE": old_rows,
        }[event]
        body = self._tally_delta_sql(rows)
        name = SQL.identifier(self._tally_trigger_name(event))
        cr.execute(
            SQL(
                "CREATE OR REPLACE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS %s",
                name,
                f"BEGIN {cr.mogrify(body.code, body.params).decode()}; RETURN NULL; END",
            )
        )
        cr.execute(SQL("DROP TRIGGER IF EXISTS %s ON territory_establishment", name))
        cr.execute(
            SQL(
                "CREATE TRIGGER %(name)s AFTER %(event)s ON territory_establishment "
                "%(referencing)s FOR EACH STATEMENT EXECUTE FUNCTION %(name)s()",
                name=name,
                event=SQL(event),
                referencing=SQL(_TRIGGER_EVENTS[event]),
            )
        )

    # ------------------------------------------------------------------ maintenance
    def _add_to_tally(self, rows):
        """Count the establishments of ``rows`` (a table or subquery, as SQL) in the tally:
        those loaded before it existed."""
        self.env.cr.execute(self._tally_delta_sql(self._tally_rows_sql(rows, 1)))

    def _compact_tally(self):
        """Merge the deltas into one row per combination, dropping those at zero, and
        refresh the statistics PostgreSQL plans the dashboards with."""
        columns = self._tally_columns_sql()
        self.env.cr.execute(
            SQL(
                """
            WITH merged AS (DELETE FROM %(data)s RETURNING %(columns)s, n)
            INSERT INTO %(data)s (%(columns)s, n)
            SELECT %(columns)s, sum(n) FROM merged GROUP BY %(columns)s HAVING sum(n) <> 0
            """,
                data=SQL.identifier(self._tally_data_table),
                columns=columns,
            )
        )
        self.env.cr.execute(SQL("ANALYZE %s", SQL.identifier(self._tally_data_table)))

    # ------------------------------------------------------------------ all tallies
    @api.model
    def _tallies(self):
        """Every tally of the observatory."""
        names = self.env.registry.descendants([TerritoryObservatoryTallyMixin._name], "_inherit")
        return [self.env[name] for name in names if not self.env[name]._abstract]

    @api.model
    def _compact_tallies(self):
        """The cron's job, daily and right after each SIRENE import: recount the tallies
        when they are pending, else compact each."""
        if self._tallies_pending():
            self._recount_tallies()
            return
        for tally in self._tallies():
            tally._compact_tally()

    @api.model
    def _tally_source_columns(self):
        """The establishments' columns the tallies read."""
        return sorted(
            {
                name
                for tally in self._tallies()
                for name in tally._depends["territory.establishment"]
            }
        )

    # ------------------------------------------------------------------ bulk writes
    @api.model
    def _tallies_pending(self):
        """Whether establishments were written without their counts (see
        _mark_tallies_pending): the reports then read the establishments."""
        return bool(self.env["ir.config_parameter"].sudo().get_param(TALLIES_PENDING))

    @api.model
    def _mark_tallies_pending(self):
        """Say that establishments were written without the tallies' triggers (a bulk
        first import of a région or of France: see territory.sirene.import), in the same
        transaction. Until _recount_tallies has run (the cron, triggered by the import),
        the reports read the establishments: the same numbers, slower. Counting 2,000,000
        new establishments in four tallies took a third of such an import."""
        self.env["ir.config_parameter"].sudo().set_param(
            TALLIES_PENDING, fields.Datetime.to_string(fields.Datetime.now())
        )

    @api.model
    def _recount_tallies(self):
        """Make every tally agree with the establishments, and end the pending state.

        Each tally takes, per combination, the difference between the establishments and
        its sum, both as this transaction's one snapshot sees them (Odoo's cursors are
        REPEATABLE READ). Writers committing meanwhile add their own deltas through the
        triggers, so the sums stay exact without locking the establishments. The cron
        runs it, one job at a time (two recounts at once would add the difference
        twice)."""
        started = time.monotonic()
        cr = self.env.cr
        self.env.flush_all()
        cr.execute("DROP TABLE IF EXISTS tally_source")
        cr.execute(
            SQL(
                # The columns read once: each tally scans them, not the whole rows.
                "CREATE TEMP TABLE tally_source ON COMMIT DROP AS SELECT %s "
                "FROM territory_establishment",
                SQL(", ").join(SQL.identifier(name) for name in self._tally_source_columns()),
            )
        )
        for tally in self._tallies():
            tally._recount_tally(SQL("tally_source"))
        cr.execute("DROP TABLE tally_source")
        self.env["ir.config_parameter"].sudo().set_param(TALLIES_PENDING, False)
        _logger.info("Observatory: tallies recounted in %.1f s", time.monotonic() - started)

    def _recount_tally(self, rows):
        """Add to the data table what it lacks to count the establishments of ``rows``
        (SQL: a table with the establishments' columns), then refresh its statistics."""
        data = SQL.identifier(self._tally_data_table)
        columns = self._tally_columns_sql()
        self.env.cr.execute(
            self._tally_delta_sql(
                SQL(
                    "%s UNION ALL SELECT %s, -n FROM %s",
                    self._tally_rows_sql(rows, 1),
                    columns,
                    data,
                )
            )
        )
        self.env.cr.execute(SQL("ANALYZE %s", data))

    @api.model
    def _drop_insert_triggers(self):
        """Drop the tallies' insert triggers before a bulk insert that marks the tallies
        pending (see territory.sirene.import); _create_insert_triggers makes them again.
        Dropped, not disabled: for a disabled trigger's transition table PostgreSQL still
        keeps a copy of every row inserted, a third of the time of an insert of 2,000,000
        establishments. Transactional DDL: a rollback brings them back; the table stays
        locked until the commit."""
        for tally in self._tallies():
            self.env.cr.execute(
                SQL(
                    "DROP TRIGGER %s ON territory_establishment",
                    SQL.identifier(tally._tally_trigger_name("INSERT")),
                )
            )

    @api.model
    def _create_insert_triggers(self):
        for tally in self._tallies():
            tally._create_tally_trigger("INSERT")
