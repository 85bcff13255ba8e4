import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# Midpoint of each SIRENE headcount bracket, for the estimated jobs. NN (non-employer) and
# 00 (no employee at year end) count 0; 53 (10,000 or more) counts its lower bound.
HEADCOUNT_MIDPOINTS = {
    "NN": 0,
    "00": 0,
    "01": 1.5,
    "02": 4,
    "03": 7.5,
    "11": 14.5,
    "12": 34.5,
    "21": 74.5,
    "22": 149.5,
    "31": 224.5,
    "32": 374.5,
    "41": 749.5,
    "42": 1499.5,
    "51": 3499.5,
    "52": 7499.5,
    "53": 10000,
}


def _midpoint_sql(column):
    """SQL CASE giving the midpoint of the bracket in ``column`` (0 when unknown)."""
    return SQL(
        "CASE %s %s ELSE 0 END",
        column,
        SQL(" ").join(
            SQL("WHEN %s THEN %s", code, float(value))
            for code, value in HEADCOUNT_MIDPOINTS.items()
        ),
    )


class TerritoryObservatorySnapshot(models.Model):
    """The establishments of the territory on a date, counted per EPCI, NAF section and
    headcount bracket, with the creations and closures of the period before it.

    Taken every 1 January (for the past year) and on demand; the lines of successive
    snapshots make the time series of the observatory.
    """

    _name = "territory.observatory.snapshot"
    _description = "Observatory Snapshot"
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Establishments are counted as they stood on this date.",
    )
    date_from = fields.Date(
        string="Period Start",
        readonly=True,
        help="Creations and closures are counted from this date to the snapshot's date: the "
        "day after the previous snapshot of the same year, or 1 January.",
    )
    kind = fields.Selection(
        [("yearly", "Yearly"), ("manual", "On Demand")],
        required=True,
        default="manual",
        readonly=True,
    )
    epci_ids = fields.Many2many(
        "territory.epci",
        string="Scope",
        help="EPCIs counted in this snapshot; empty: every EPCI.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")], required=True, default="draft", readonly=True
    )
    line_ids = fields.One2many(
        "territory.observatory.snapshot.line", "snapshot_id", string="Lines", readonly=True
    )
    establishment_count = fields.Integer(string="Active Establishments", compute="_compute_totals")
    estimated_jobs = fields.Float(compute="_compute_totals", digits=(16, 1))
    created_count = fields.Integer(string="Creations", compute="_compute_totals")
    closed_count = fields.Integer(string="Closures", compute="_compute_totals")

    @api.depends("date", "kind")
    def _compute_name(self):
        for snapshot in self:
            snapshot.name = self.env._(
                "Observatory of %(date)s", date=snapshot.date and snapshot.date.strftime("%d/%m/%Y")
            )

    def _compute_totals(self):
        totals = {
            snapshot.id: values
            for snapshot, *values in self.env["territory.observatory.snapshot.line"]._read_group(
                [("snapshot_id", "in", self.ids)],
                ["snapshot_id"],
                [
                    "establishment_count:sum",
                    "estimated_jobs:sum",
                    "created_count:sum",
                    "closed_count:sum",
                ],
            )
        }
        for snapshot in self:
            (
                snapshot.establishment_count,
                snapshot.estimated_jobs,
                snapshot.created_count,
                snapshot.closed_count,
            ) = totals.get(snapshot.id, (0, 0.0, 0, 0))

    # ------------------------------------------------------------------ actions
    def action_compute(self):
        """Count (again) the establishments of the snapshot, in SQL."""
        for snapshot in self:
            snapshot._compute_lines()
        return True

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "territoire_industrie.territory_observatory_snapshot_line_action"
        )
        action["domain"] = [("snapshot_id", "=", self.id)]
        action["context"] = {"group_by": ["epci_id"]}
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/territoire_industrie/observatory/snapshot/{self.id}.xlsx",
            "target": "download",
        }

    # ------------------------------------------------------------------ business
    def _period_start(self):
        """1 January of the snapshot's year, or the day after the previous snapshot of that
        year (on-demand snapshots only: a yearly snapshot covers its whole year)."""
        self.ensure_one()
        year_start = self.date.replace(month=1, day=1)
        if self.kind == "yearly":
            return year_start
        previous = self.search(
            [("id", "!=", self.id), ("state", "=", "done"), ("date", "<", self.date)],
            order="date desc",
            limit=1,
        )
        if previous and previous.date >= year_start:
            return previous.date + datetime.timedelta(days=1)
        return year_start

    def _compute_lines(self):
        """Replace the lines by one INSERT ... SELECT ... GROUP BY over the establishments:
        a few hundred milliseconds for 200,000 establishments."""
        self.ensure_one()
        if not self.date:
            raise UserError(self.env._("A snapshot needs a date."))
        self.check_access("write")
        Line = self.env["territory.observatory.snapshot.line"]
        self.env["territory.establishment"].flush_model()
        self.line_ids.unlink()
        date_from = self._period_start()
        date_to = self.date
        scope = SQL("e.epci_id IS NOT NULL")
        if self.epci_ids:
            scope = SQL("e.epci_id = ANY(%s)", list(self.epci_ids.ids))
        active = SQL(
            "(e.creation_date IS NULL OR e.creation_date <= %(to)s) AND NOT "
            "(e.state = 'closed' AND (e.closing_date IS NULL OR e.closing_date <= %(to)s))",
            to=date_to,
        )
        created = SQL("e.creation_date BETWEEN %s AND %s", date_from, date_to)
        closed = SQL("e.state = 'closed' AND e.closing_date BETWEEN %s AND %s", date_from, date_to)
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
            INSERT INTO territory_observatory_snapshot_line
                   (snapshot_id, date, epci_id, naf_section, headcount_bracket,
                    establishment_count, estimated_jobs, created_count, closed_count,
                    create_uid, create_date, write_uid, write_date)
            SELECT %(snapshot)s, %(date)s, e.epci_id, e.naf_section, e.headcount_bracket,
                   count(*) FILTER (WHERE %(active)s),
                   coalesce(sum(%(midpoint)s) FILTER (WHERE %(active)s), 0),
                   count(*) FILTER (WHERE %(created)s),
                   count(*) FILTER (WHERE %(closed)s),
                   %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM territory_establishment e
             WHERE %(scope)s
             GROUP BY e.epci_id, e.naf_section, e.headcount_bracket
            HAVING count(*) FILTER (WHERE %(active)s OR %(created)s OR %(closed)s) > 0
            """,
                snapshot=self.id,
                date=date_to,
                active=active,
                midpoint=_midpoint_sql(SQL("e.headcount_bracket")),
                created=created,
                closed=closed,
                scope=scope,
                uid=self.env.uid,
                now=now,
            )
        )
        Line.invalidate_model()
        self.line_ids.invalidate_recordset()
        self.write({"state": "done", "date_from": date_from})

    @api.model
    def _cron_yearly_snapshot(self):
        """On 1 January: the snapshot of the year that just ended (dated 31 December)."""
        today = fields.Date.context_today(self)
        last_day = datetime.date(today.year - 1, 12, 31)
        if self.search_count([("kind", "=", "yearly"), ("date", "=", last_day)]):
            return
        self.create({"date": last_day, "kind": "yearly"})._compute_lines()
