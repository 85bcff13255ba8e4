"""Quarterly XLSX of an organisation's support results."""

import io
from datetime import datetime, time

import xlsxwriter

from ..models.support_case_results import quarter_bounds


def _xlsx_date(value):
    """xlsxwriter writes datetimes; Odoo dates are ``datetime.date``."""
    return datetime.combine(value, time())


def build_results_xlsx(organisation, year, quarter):
    """Return the XLSX workbook of ``organisation``'s results for a quarter, as bytes.

    Sheet 1: the figures of the quarter compared with the previous quarter and the same
    quarter last year, in total and per programme. Sheet 2: the cases opened in the quarter.
    Read with the rights of ``organisation``'s environment user.
    """
    env = organisation.env
    _ = env._
    Case = env["support.case"]
    Results = env["support.results"]
    Line = env["support.results.line"]
    metric_labels = dict(Line._fields["metric"]._description_selection(env))
    domain = [("organisation_id", "=", organisation.id)]

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    title = workbook.add_format({"bold": True, "font_size": 14})
    header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    bold = workbook.add_format({"bold": True})
    number = workbook.add_format({"num_format": "0.0"})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})

    sheet = workbook.add_worksheet(_("Figures")[:31])
    sheet.write(
        0,
        0,
        _(
            "%(organisation)s: results of Q%(quarter)s %(year)s",
            organisation=organisation.name,
            quarter=quarter,
            year=year,
        ),
        title,
    )
    columns = [
        _("Figure"),
        _("Quarter"),
        _("Previous Quarter"),
        _("Change vs Previous Quarter"),
        _("Same Quarter Last Year"),
        _("Change vs Last Year"),
    ]
    row = 2
    blocks = [(_("All programmes"), Case._results_compare(domain, False, year, quarter))]
    per_programme = Case._results_compare(domain, "programme_id", year, quarter)
    blocks += [(line["group"].name, [line]) for line in per_programme if line["group"]]
    for block_title, block_rows in blocks:
        figures = block_rows[-1]
        sheet.write(row, 0, block_title, bold)
        row += 1
        sheet.write_row(row, 0, columns, header)
        row += 1
        for metric, _is_rate in Results._metrics():
            values = [figures[period][metric] for period in ("current", "previous", "last_year")]
            sheet.write(row, 0, metric_labels[metric])
            for col, value in ((1, values[0]), (2, values[1]), (4, values[2])):
                if value is not None:
                    sheet.write_number(row, col, value, number)
            for col, other in ((3, values[1]), (5, values[2])):
                if values[0] is not None and other is not None:
                    sheet.write_number(row, col, values[0] - other, number)
            row += 1
        row += 1
    sheet.set_column(0, 0, 42)
    sheet.set_column(1, 5, 18)

    date_from, date_to = quarter_bounds(year, quarter)
    cases = Case.search(
        [*domain, ("date_open", ">=", date_from), ("date_open", "<=", date_to)],
        order="date_open, id",
    )
    states = dict(Case._fields["state"]._description_selection(env))
    reasons = dict(Case._fields["closing_reason"]._description_selection(env))
    usefulness = dict(Case._fields["satisfaction_useful"]._description_selection(env))
    sheet = workbook.add_worksheet(_("Cases")[:31])
    sheet.write_row(
        0,
        0,
        [
            _("Reference"),
            _("Subject"),
            _("Company or Project Holder"),
            _("Programme"),
            _("Advisor"),
            _("EPCI"),
            _("Opened On"),
            _("Taken in Charge On"),
            _("Days to Take in Charge"),
            _("Status"),
            _("Closing Reason"),
            _("Closed On"),
            _("Usefulness"),
        ],
        header,
    )
    for row, case in enumerate(cases, start=1):
        sheet.write(row, 0, case.reference)
        sheet.write(row, 1, case.name)
        sheet.write(row, 2, case.partner_id.display_name)
        sheet.write(row, 3, case.programme_id.name)
        sheet.write(row, 4, case.user_id.name or "")
        sheet.write(row, 5, case.epci_id.name or "")
        sheet.write_datetime(row, 6, _xlsx_date(case.date_open), date_format)
        if case.date_taken:
            sheet.write_datetime(row, 7, _xlsx_date(case.date_taken), date_format)
            sheet.write_number(row, 8, case.take_delay)
        sheet.write(row, 9, states.get(case.state, ""))
        sheet.write(row, 10, reasons.get(case.closing_reason, ""))
        if case.date_closed:
            sheet.write_datetime(row, 11, _xlsx_date(case.date_closed), date_format)
        sheet.write(row, 12, usefulness.get(case.satisfaction_useful, ""))
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 3, 32)
    sheet.set_column(4, 5, 24)
    sheet.set_column(6, 12, 16)
    sheet.freeze_panes(1, 2)
    workbook.close()
    return output.getvalue()
