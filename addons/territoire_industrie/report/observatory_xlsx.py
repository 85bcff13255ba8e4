"""XLSX exports of the observatory: establishments, snapshot lines, coverage.

Partially diffusible establishments (SIRENE status P) are never written as rows: the
establishment export is an outreach list, so they are left out (domain.md: never display
them or push them into outreach lists). The observatory tables are counts per EPCI, NAF
section and headcount bracket: they include those units, whose commune, activity and
headcount are public; nothing that identifies them is written.
"""

import io

import xlsxwriter

from odoo.tools import SQL

_XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _labels(model, field_name):
    return dict(model._fields[field_name]._description_selection(model.env))


class _Workbook:
    """A workbook with the formats of our exports."""

    def __init__(self):
        self.output = io.BytesIO()
        # constant_memory: rows go to disk as they are written (200,000 establishments).
        self.book = xlsxwriter.Workbook(self.output, {"in_memory": False, "constant_memory": True})
        self.title = self.book.add_format({"bold": True, "font_size": 14})
        self.header = self.book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        self.date = self.book.add_format({"num_format": "dd/mm/yyyy"})
        self.decimal = self.book.add_format({"num_format": "0.0"})

    def sheet(self, name, title, columns):
        sheet = self.book.add_worksheet(name[:31])
        sheet.write(0, 0, title, self.title)
        sheet.write_row(2, 0, columns, self.header)
        sheet.set_column(0, len(columns) - 1, 16)
        sheet.freeze_panes(3, 0)
        return sheet

    def close(self):
        self.book.close()
        return self.output.getvalue()


def build_establishments_xlsx(establishments_query, env):
    """The establishments selected by ``establishments_query`` (a Query of
    territory.establishment, record rules applied), partially diffusible ones left out."""
    _ = env._
    Establishment = env["territory.establishment"]
    brackets = _labels(Establishment, "headcount_bracket")
    sections = _labels(Establishment, "naf_section")
    states = _labels(Establishment, "state")
    query = establishments_query
    table = query.table
    query.add_where(SQL("NOT COALESCE(%s, FALSE)", SQL.identifier(table, "partially_diffusible")))
    query.add_join(
        "LEFT JOIN",
        "x_commune",
        "territory_commune",
        SQL("x_commune.id = %s", SQL.identifier(table, "commune_id")),
    )
    query.add_join(
        "LEFT JOIN",
        "x_epci",
        "territory_epci",
        SQL("x_epci.id = %s", SQL.identifier(table, "epci_id")),
    )
    query.add_join(
        "LEFT JOIN",
        "x_partner",
        "res_partner",
        SQL("x_partner.id = %s", SQL.identifier(table, "partner_id")),
    )
    query.order = SQL(
        "%s, %s", SQL.identifier(table, "legal_unit_name"), SQL.identifier(table, "siret")
    )
    columns = [
        "siret",
        "siren",
        "legal_unit_name",
        "trade_names",
        "naf_code",
        "naf_section",
        "headcount_bracket",
        "headcount_year",
        "creation_date",
        "state",
        "closing_date",
        "street",
        "street2",
        "zip",
        "city",
        "is_head_office",
        "is_employer",
    ]
    env.cr.execute(
        query.select(
            *(SQL.identifier(table, column) for column in columns),
            SQL("x_commune.name"),
            SQL("x_epci.name"),
            SQL("x_partner.name"),
        )
    )
    workbook = _Workbook()
    headings = [
        _("SIRET"),
        _("SIREN"),
        _("Company"),
        _("Trade Names"),
        _("NAF Code"),
        _("NAF Section"),
        _("Headcount"),
        _("Headcount Year"),
        _("Creation Date"),
        _("Administrative State"),
        _("Closing Date"),
        _("Street"),
        _("Street 2"),
        _("Zip"),
        _("City"),
        _("Head Office"),
        _("Employer"),
        _("Commune"),
        _("EPCI"),
        _("Followed Contact"),
    ]
    sheet = workbook.sheet(_("Establishments"), _("Establishments"), headings)
    yes, no = _("Yes"), _("No")
    row = 3
    while batch := env.cr.fetchmany(5000):
        for values in batch:
            (
                siret,
                siren,
                name,
                trade,
                naf,
                section,
                bracket,
                year,
                created,
                state,
                closed,
                street,
                street2,
                zip_code,
                city,
                head,
                employer,
                commune,
                epci,
                partner,
            ) = values
            sheet.write_row(
                row,
                0,
                [
                    siret,
                    siren,
                    name or "",
                    trade or "",
                    naf or "",
                    sections.get(section, ""),
                    brackets.get(bracket, ""),
                    year or "",
                ],
            )
            if created:
                sheet.write_datetime(row, 8, created, workbook.date)
            sheet.write(row, 9, states.get(state, ""))
            if closed:
                sheet.write_datetime(row, 10, closed, workbook.date)
            sheet.write_row(
                row,
                11,
                [
                    street or "",
                    street2 or "",
                    zip_code or "",
                    city or "",
                    yes if head else no,
                    yes if employer else no,
                    commune or "",
                    epci or "",
                    partner or "",
                ],
            )
            row += 1
    return workbook.close()


def build_snapshot_xlsx(snapshot):
    """The lines of an observatory snapshot the user may read."""
    env = snapshot.env
    _ = env._
    Line = env["territory.observatory.snapshot.line"]
    lines = Line.search([("snapshot_id", "=", snapshot.id)])
    brackets = _labels(Line, "headcount_bracket")
    sections = _labels(Line, "naf_section")
    workbook = _Workbook()
    headings = [
        _("EPCI"),
        _("NAF Section"),
        _("Headcount"),
        _("Active Establishments"),
        _("Estimated Jobs"),
        _("Creations"),
        _("Closures"),
    ]
    title = _(
        "%(name)s (creations and closures from %(start)s)",
        name=snapshot.name,
        start=snapshot.date_from.strftime("%d/%m/%Y") if snapshot.date_from else "",
    )
    sheet = workbook.sheet(_("Observatory"), title, headings)
    for row, line in enumerate(lines, start=3):
        sheet.write_row(
            row,
            0,
            [
                line.epci_id.name or "",
                sections.get(line.naf_section, ""),
                brackets.get(line.headcount_bracket, ""),
                line.establishment_count,
            ],
        )
        sheet.write_number(row, 4, line.estimated_jobs, workbook.decimal)
        sheet.write_row(row, 5, [line.created_count, line.closed_count])
    return workbook.close()


def build_coverage_xlsx(report):
    """The lines of a coverage report: per EPCI and NAF section, establishments, met, share."""
    env = report.env
    _ = env._
    Line = env["territory.coverage.report.line"]
    sections = _labels(Line, "naf_section")
    workbook = _Workbook()
    headings = [
        _("EPCI"),
        _("NAF Section"),
        _("Active Establishments"),
        _("Met"),
        _("Share Met (%)"),
    ]
    title = _("Coverage since %(date)s", date=report.date_from.strftime("%d/%m/%Y"))
    sheet = workbook.sheet(_("Coverage"), title, headings)
    for row, line in enumerate(report.line_ids, start=3):
        sheet.write_row(
            row,
            0,
            [
                line.epci_id.name or "",
                sections.get(line.naf_section, ""),
                line.establishment_count,
                line.met_count,
            ],
        )
        sheet.write_number(row, 4, line.share, workbook.decimal)
    return workbook.close()
