"""XLSX spreadsheets of the subsidies: the managers' dashboard and the yearly statement of
aid granted per beneficiary that collectivités send to the Region before 30 March."""

import io
from datetime import date, datetime, time

import xlsxwriter

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _formats(workbook):
    return {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "header": workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1}),
        "money": workbook.add_format({"num_format": "#,##0.00 [$€-fr-FR]"}),
        "money_bold": workbook.add_format({"num_format": "#,##0.00 [$€-fr-FR]", "bold": True}),
        "date": workbook.add_format({"num_format": "dd/mm/yyyy"}),
        "bold": workbook.add_format({"bold": True}),
    }


def _write_date(sheet, row, col, value, fmt):
    if value:
        sheet.write_datetime(row, col, date_to_datetime(value), fmt)


def date_to_datetime(value):
    return datetime.combine(value, time.min)


def _state_labels(subsidies):
    return dict(subsidies._fields["state"]._description_selection(subsidies.env))


def _year_subsidies(env, year):
    return env["support.subsidy"].search(
        [
            ("date_decision", ">=", date(year, 1, 1)),
            ("date_decision", "<=", date(year, 12, 31)),
            ("deminimis_amount", ">", 0),
        ],
        order="partner_id, date_decision, id",
    )


def build_region_xlsx(env, year):
    """Aid granted in ``year`` per beneficiary, one row per aid and a total per
    beneficiary, as the Region asks for it (CGCT L1511-1)."""
    _ = env._
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    fmt = _formats(workbook)
    subsidies = _year_subsidies(env, year)
    sheet = workbook.add_worksheet(_("Aid Granted")[:31])
    sheet.write(0, 0, _("Aid granted to companies in %(year)s", year=year), fmt["title"])
    sheet.write(1, 0, env.company.name, fmt["bold"])
    columns = [
        _("Beneficiary"),
        _("SIREN"),
        _("Commune"),
        _("Funder"),
        _("Object"),
        _("Regime"),
        _("Deliberation"),
        _("Decided On"),
        _("Amount Granted"),
        _("Final Amount"),
        _("Paid"),
    ]
    sheet.write_row(3, 0, columns, fmt["header"])
    row = 4
    for subsidy in subsidies:
        sheet.write(row, 0, subsidy.partner_id.name or "")
        sheet.write(row, 1, subsidy.siren or "")
        sheet.write(row, 2, subsidy.case_id.commune_id.name or "")
        sheet.write(row, 3, subsidy.funder_id.name or "")
        sheet.write(row, 4, subsidy.object or "")
        sheet.write(row, 5, _("De minimis (Reg. (EU) 2023/2831)"))
        sheet.write(row, 6, subsidy.deliberation_number or "")
        _write_date(sheet, row, 7, subsidy.date_decision, fmt["date"])
        sheet.write_number(row, 8, subsidy.amount_granted, fmt["money"])
        sheet.write_number(row, 9, subsidy.deminimis_amount, fmt["money"])
        sheet.write_number(row, 10, subsidy.amount_paid, fmt["money"])
        row += 1
    sheet.write(row, 7, _("Total"), fmt["bold"])
    sheet.write_number(row, 8, sum(subsidies.mapped("amount_granted")), fmt["money_bold"])
    sheet.write_number(row, 9, sum(subsidies.mapped("deminimis_amount")), fmt["money_bold"])
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, 7, 16)
    sheet.set_column(8, 10, 16)

    totals = workbook.add_worksheet(_("Per Beneficiary")[:31])
    totals.write_row(
        0, 0, [_("Beneficiary"), _("SIREN"), _("Number of Aids"), _("Total Aid")], fmt["header"]
    )
    row = 1
    for partner in subsidies.partner_id:
        own = subsidies.filtered(lambda subsidy, partner=partner: subsidy.partner_id == partner)
        totals.write(row, 0, partner.name)
        totals.write(row, 1, own[:1].siren or "")
        totals.write_number(row, 2, len(own))
        totals.write_number(row, 3, sum(own.mapped("deminimis_amount")), fmt["money"])
        row += 1
    totals.set_column(0, 0, 36)
    totals.set_column(1, 3, 16)
    workbook.close()
    return output.getvalue()


def build_dashboard_xlsx(env, year):
    """Envelopes of ``year`` with their committed, paid and remaining amounts, the
    subsidies committed on them and their payments."""
    _ = env._
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    fmt = _formats(workbook)
    envelopes = env["support.subsidy.envelope"].search([("year", "=", year)])
    sheet = workbook.add_worksheet(_("Envelopes")[:31])
    sheet.write(0, 0, _("Subsidy envelopes %(year)s", year=year), fmt["title"])
    sheet.write_row(
        2,
        0,
        [
            _("Envelope"),
            _("Funder"),
            _("Convention"),
            _("Budget"),
            _("Committed"),
            _("Paid"),
            _("Remaining"),
        ],
        fmt["header"],
    )
    row = 3
    for envelope in envelopes:
        sheet.write(row, 0, envelope.name)
        sheet.write(row, 1, envelope.funder_id.name or "")
        sheet.write(row, 2, envelope.convention_id.display_name or "")
        for col, value in enumerate(
            (
                envelope.amount,
                envelope.amount_committed,
                envelope.amount_paid,
                envelope.amount_remaining,
            ),
            start=3,
        ):
            sheet.write_number(row, col, value, fmt["money"])
        row += 1
    sheet.set_column(0, 2, 30)
    sheet.set_column(3, 6, 16)

    subsidies = env["support.subsidy"].search([("envelope_id", "in", envelopes.ids)])
    states = _state_labels(subsidies)
    sheet = workbook.add_worksheet(_("Subsidies")[:31])
    sheet.write_row(
        0,
        0,
        [
            _("Reference"),
            _("Beneficiary"),
            _("Programme"),
            _("EPCI"),
            _("Funder"),
            _("Status"),
            _("Granted"),
            _("Final Amount"),
            _("Paid"),
            _("Left to Pay"),
            _("Service Due By"),
        ],
        fmt["header"],
    )
    for row, subsidy in enumerate(subsidies, start=1):
        sheet.write(row, 0, subsidy.name)
        sheet.write(row, 1, subsidy.partner_id.name or "")
        sheet.write(row, 2, subsidy.programme_id.name or "")
        sheet.write(row, 3, subsidy.epci_id.name or "")
        sheet.write(row, 4, subsidy.funder_id.name or "")
        sheet.write(row, 5, states.get(subsidy.state, ""))
        sheet.write_number(row, 6, subsidy.amount_granted, fmt["money"])
        sheet.write_number(row, 7, subsidy.amount_final, fmt["money"])
        sheet.write_number(row, 8, subsidy.amount_paid, fmt["money"])
        sheet.write_number(row, 9, subsidy.amount_to_pay, fmt["money"])
        _write_date(sheet, row, 10, subsidy.date_service_due, fmt["date"])
    sheet.set_column(0, 5, 22)
    sheet.set_column(6, 10, 16)

    payments = subsidies.payment_ids
    types = dict(payments._fields["payment_type"]._description_selection(env))
    sheet = workbook.add_worksheet(_("Payments")[:31])
    sheet.write_row(
        0, 0, [_("Subsidy"), _("Beneficiary"), _("Date"), _("Type"), _("Amount")], fmt["header"]
    )
    for row, payment in enumerate(payments, start=1):
        sheet.write(row, 0, payment.subsidy_id.name)
        sheet.write(row, 1, payment.partner_id.name or "")
        _write_date(sheet, row, 2, payment.date, fmt["date"])
        sheet.write(row, 3, types.get(payment.payment_type, ""))
        sheet.write_number(row, 4, payment.signed_amount, fmt["money"])
    sheet.set_column(0, 4, 20)
    workbook.close()
    return output.getvalue()
