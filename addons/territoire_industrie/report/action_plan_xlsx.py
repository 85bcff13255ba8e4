"""XLSX export of a convention's action plan with its funding and indicators."""

import io
from datetime import datetime, time

import xlsxwriter


def _selection_labels(records, field_name):
    return dict(records._fields[field_name]._description_selection(records.env))


def build_action_plan_xlsx(convention):
    """Return the XLSX workbook of ``convention`` as bytes (three sheets)."""
    convention.ensure_one()
    _ = convention.env._
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    title = workbook.add_format({"bold": True, "font_size": 14})
    header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    money = workbook.add_format({"num_format": "#,##0.00 [$€-fr-FR]"})
    money_bold = workbook.add_format({"num_format": "#,##0.00 [$€-fr-FR]", "bold": True})
    percent = workbook.add_format({"num_format": "0.0"})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    bold = workbook.add_format({"bold": True})

    actions = convention.action_ids
    action_states = _selection_labels(actions, "state")

    sheet = workbook.add_worksheet(_("Action Plan")[:31])
    sheet.write(0, 0, convention.display_name, title)
    sheet.write(1, 0, _("Parties"), bold)
    sheet.write(1, 1, ", ".join(convention.party_ids.mapped("name")))
    sheet.write(2, 0, _("Period"), bold)
    sheet.write_datetime(2, 1, fields_datetime(convention.date_start), date_format)
    sheet.write_datetime(2, 2, fields_datetime(convention.date_end), date_format)
    columns = [
        _("Code"),
        _("Title"),
        _("Axis"),
        _("Ambition"),
        _("Pilots"),
        _("Partners"),
        _("Start Date"),
        _("End Date"),
        _("Status"),
        _("Progress (%)"),
        _("Budget"),
        _("Total Funding"),
        _("Own Funds"),
        _("Aided Share"),
    ]
    sheet.write_row(4, 0, columns, header)
    row = 5
    for action in actions:
        sheet.write(row, 0, action.code or "")
        sheet.write(row, 1, action.name)
        sheet.write(row, 2, action.axis_id.name or "")
        sheet.write(row, 3, action.ambition_id.name or "")
        sheet.write(row, 4, ", ".join(action.pilot_ids.mapped("name")))
        sheet.write(row, 5, ", ".join(action.partner_ids.mapped("name")))
        if action.date_start:
            sheet.write_datetime(row, 6, fields_datetime(action.date_start), date_format)
        if action.date_end:
            sheet.write_datetime(row, 7, fields_datetime(action.date_end), date_format)
        sheet.write(row, 8, action_states[action.state])
        sheet.write_number(row, 9, action.progress)
        if action.budget:
            sheet.write_number(row, 10, action.budget, money)
        sheet.write_number(row, 11, action.funding_total, money)
        sheet.write_number(row, 12, action.own_funds_total, money)
        sheet.write_number(row, 13, action.aid_total, money)
        row += 1
    sheet.write(row, 1, _("Total"), bold)
    for col in range(10, 14):
        letter = xlsxwriter.utility.xl_col_to_name(col)
        sheet.write_formula(row, col, f"=SUM({letter}6:{letter}{row})", money_bold)
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 1, 45)
    sheet.set_column(2, 5, 28)
    sheet.set_column(6, 13, 14)
    sheet.freeze_panes(5, 2)

    lines = convention.action_ids.funding_line_ids
    line_states = _selection_labels(lines, "state")
    line_types = _selection_labels(lines, "funding_type")
    sheet = workbook.add_worksheet(_("Funding")[:31])
    sheet.write_row(
        0,
        0,
        [_("Action"), _("Funder"), _("Scheme"), _("Type"), _("Status"), _("Amount")],
        header,
    )
    row = 1
    for line in lines:
        sheet.write(row, 0, line.action_id.display_name)
        sheet.write(row, 1, line.funder_id.name)
        sheet.write(row, 2, line.scheme_id.name)
        sheet.write(row, 3, line_types[line.funding_type])
        sheet.write(row, 4, line_states[line.state])
        sheet.write_number(row, 5, line.amount, money)
        row += 1
    sheet.write(row, 4, _("Total"), bold)
    sheet.write_formula(row, 5, f"=SUM(F2:F{row})", money_bold)
    row += 2
    sheet.write(row, 0, _("By Funder"), bold)
    row += 1
    for funder, amount in convention._get_funding_by_funder():
        sheet.write(row, 1, funder.name)
        sheet.write_number(row, 5, amount, money)
        row += 1
    sheet.set_column(0, 2, 40)
    sheet.set_column(3, 5, 16)

    indicators = convention.indicator_ids
    sheet = workbook.add_worksheet(_("Indicators")[:31])
    sheet.write_row(
        0,
        0,
        [
            _("Action"),
            _("Indicator"),
            _("Unit"),
            _("Target"),
            _("Last Measured On"),
            _("Actual"),
            _("Previous"),
            _("Change"),
            _("Achievement (%)"),
        ],
        header,
    )
    row = 1
    for indicator in indicators:
        sheet.write(row, 0, indicator.action_id.display_name or convention.display_name)
        sheet.write(row, 1, indicator.name)
        sheet.write(row, 2, indicator.unit)
        sheet.write_number(row, 3, indicator.target)
        if indicator.last_date:
            sheet.write_datetime(row, 4, fields_datetime(indicator.last_date), date_format)
        sheet.write_number(row, 5, indicator.last_value)
        sheet.write_number(row, 6, indicator.previous_value)
        sheet.write_number(row, 7, indicator.variation)
        sheet.write_number(row, 8, indicator.achievement, percent)
        row += 1
    sheet.set_column(0, 1, 40)
    sheet.set_column(2, 8, 14)

    workbook.close()
    return output.getvalue()


def fields_datetime(value):
    """xlsxwriter writes datetimes; Odoo dates are ``datetime.date``."""
    return datetime.combine(value, time())
