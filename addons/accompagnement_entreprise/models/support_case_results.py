from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import date_utils

from .support_case import CLOSING_REASONS

# Delays (in days from the opening) within which a case should be taken in charge.
TAKE_IN_CHARGE_DELAYS = (3, 5)

# Counts kept per group and period; the rates are derived from them.
RAW_COUNTS = (
    "opened",
    "companies",
    "on_time_3",
    "measured_3",
    "on_time_5",
    "measured_5",
    "closed",
    *(f"closed_{reason}" for reason, _label in CLOSING_REASONS),
    "answers",
    "useful",
)


def quarter_bounds(year, quarter):
    """First and last day of ``quarter`` (1-4) of ``year``."""
    start = fields.Date.to_date(f"{year}-01-01") + relativedelta(months=3 * (int(quarter) - 1))
    return start, start + relativedelta(months=3, days=-1)


def rate(numerator, denominator):
    """Share in percent, or None when nothing is measured."""
    return round(100.0 * numerator / denominator, 1) if denominator else None


class SupportCase(models.Model):
    """Figures of the results screens: take-in-charge delays and grouped counts."""

    _inherit = "support.case"

    take_delay = fields.Integer(
        string="Days to Take in Charge",
        compute="_compute_take_delay",
        store=True,
        aggregator="avg",
        help="Days from the opening of the case to its taking in charge.",
    )
    taken_within_3 = fields.Integer(
        string="Taken in Charge Within 3 Days (%)",
        compute="_compute_take_delay",
        store=True,
        aggregator="avg",
        help="100 when the case was taken in charge within 3 days of its opening, else 0 "
        "(cases not taken in charge yet count as 0).",
    )
    taken_within_5 = fields.Integer(
        string="Taken in Charge Within 5 Days (%)",
        compute="_compute_take_delay",
        store=True,
        aggregator="avg",
        help="100 when the case was taken in charge within 5 days of its opening, else 0 "
        "(cases not taken in charge yet count as 0).",
    )
    satisfaction_score = fields.Integer(
        string="Found Useful (%)",
        compute="_compute_satisfaction_score",
        store=True,
        aggregator="avg",
        help="100 when the company found the support useful, 0 when partly or not useful; "
        "average it over answered cases only.",
    )

    @api.depends("date_open", "date_taken")
    def _compute_take_delay(self):
        for case in self:
            taken = bool(case.date_taken and case.date_open)
            delay = (case.date_taken - case.date_open).days if taken else 0
            case.take_delay = delay
            case.taken_within_3 = 100 if taken and delay <= 3 else 0
            case.taken_within_5 = 100 if taken and delay <= 5 else 0

    @api.depends("satisfaction_useful")
    def _compute_satisfaction_score(self):
        for case in self:
            case.satisfaction_score = 100 if case.satisfaction_useful == "yes" else 0

    @api.model
    def _results_raw(self, domain, groupby, date_from, date_to, granularity=None, today=None):
        """Count the cases of ``domain`` for the results, in five grouped queries.

        Cases opened between ``date_from`` and ``date_to`` give the new cases, the companies
        and the take-in-charge rates; cases closed in that period give the closing reasons and
        the satisfaction. A case not taken in charge yet counts as missed once the delay is
        over on ``today``, and is not measured before.

        :param groupby: field names to group on (e.g. ``["epci_id"]``, or ``[]`` for a total)
        :param granularity: ``"quarter"`` to also group on the quarter of the dates
        :return: ``{(*group values, period start or None): {count name: value}}``; the group
            values are records (empty when unset) or selection keys
        """
        today = today or fields.Date.context_today(self)
        raw = defaultdict(lambda: dict.fromkeys(RAW_COUNTS, 0))

        def read(date_field, extra_domain, extra_groupby, aggregates):
            period_groupby = [f"{date_field}:{granularity}"] if granularity else []
            rows = self._read_group(
                [
                    *domain,
                    (date_field, ">=", date_from),
                    (date_field, "<=", date_to),
                    *extra_domain,
                ],
                [*groupby, *period_groupby, *extra_groupby],
                aggregates,
            )
            for row in rows:
                size = len(groupby)
                period = row[size] if granularity else None
                if period:
                    period = fields.Date.to_date(period)
                extra = row[
                    size + len(period_groupby) : size + len(period_groupby) + len(extra_groupby)
                ]
                values = row[size + len(period_groupby) + len(extra_groupby) :]
                yield raw[(*row[:size], period)], extra, values

        opened = read(
            "date_open",
            [],
            [],
            ["__count", "partner_id:count_distinct", "taken_within_3:sum", "taken_within_5:sum"],
        )
        for counts, _extra, (count, companies, on_time_3, on_time_5) in opened:
            counts.update(
                opened=count,
                companies=companies,
                on_time_3=on_time_3 // 100,
                on_time_5=on_time_5 // 100,
            )
        for delay in TAKE_IN_CHARGE_DELAYS:
            measured = read(
                "date_open",
                [
                    "|",
                    ("date_taken", "!=", False),
                    ("date_open", "<", today - timedelta(days=delay)),
                ],
                [],
                ["__count"],
            )
            for counts, _extra, (count,) in measured:
                counts[f"measured_{delay}"] = count
        closed = read(
            "date_closed", [("closing_reason", "!=", False)], ["closing_reason"], ["__count"]
        )
        for counts, (reason,), (count,) in closed:
            counts[f"closed_{reason}"] = count
            counts["closed"] += count
        answers = read(
            "date_closed",
            [("satisfaction_useful", "!=", False)],
            ["satisfaction_useful"],
            ["__count"],
        )
        for counts, (useful,), (count,) in answers:
            counts["answers"] += count
            if useful == "yes":
                counts["useful"] += count
        return raw

    @api.model
    def _results_figures(self, counts):
        """The figures shown to users from the raw counts of one group and period."""
        figures = {
            "new_cases": counts["opened"],
            "companies": counts["companies"],
            "taken_3_rate": rate(counts["on_time_3"], counts["measured_3"]),
            "taken_5_rate": rate(counts["on_time_5"], counts["measured_5"]),
            "closed": counts["closed"],
            "satisfaction_answers": counts["answers"],
            "satisfaction_rate": rate(counts["useful"], counts["answers"]),
        }
        for reason, _label in CLOSING_REASONS:
            figures[f"closed_{reason}"] = counts[f"closed_{reason}"]
        return figures

    @api.model
    def _results_compare(self, domain, dimension, year, quarter, today=None):
        """Figures of ``quarter`` of ``year`` per value of ``dimension``, with comparisons.

        :param dimension: a field name of support.case (``user_id``, ``epci_id``...) or
            False for the total only
        :return: list of ``{"group": record or False (total), "current": figures,
            "previous": figures, "last_year": figures}``, groups first (by name), total last
        """
        current_start, current_end = quarter_bounds(year, quarter)
        previous_start = current_start - relativedelta(months=3)
        last_year_start = current_start - relativedelta(years=1)
        periods = {
            "current": current_start,
            "previous": previous_start,
            "last_year": last_year_start,
        }
        empty = dict.fromkeys(RAW_COUNTS, 0)
        result = []
        groupbys = [[dimension], []] if dimension else [[]]
        for groupby in groupbys:
            raw = self._results_raw(
                domain, groupby, last_year_start, current_end, granularity="quarter", today=today
            )
            groups = {key[:-1] for key in raw}
            if groupby:
                groups = sorted(
                    groups, key=lambda g: (not g[0], str(g[0].display_name if g[0] else ""))
                )
            for group in groups:
                row = {"group": group[0] if groupby else False}
                for name, start in periods.items():
                    row[name] = self._results_figures(raw.get((*group, start), empty))
                if any(row[name]["new_cases"] or row[name]["closed"] for name in periods):
                    result.append(row)
            if not groupby and not any(row["group"] is False for row in result):
                result.append(
                    {
                        "group": False,
                        **{name: self._results_figures(empty) for name in periods},
                    }
                )
        return result

    @api.model
    def _results_current_quarter(self):
        today = fields.Date.context_today(self)
        return today.year, date_utils.get_quarter_number(today)
