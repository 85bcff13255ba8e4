"""XLSX export of the rejected rows of a SIRENE import (100,000 rows and more).

Written in xlsxwriter's constant memory mode (each row goes to disk once written) from
pages of rows read in line order: the memory used does not grow with the report.
"""

import xlsxwriter

from odoo.tools import SQL

PAGE_SIZE = 10000  # rejected rows read at a time


def write_rejections_xlsx(report, output):
    """Write the rejected rows of ``report`` (a territory.sirene.import the user may read)
    into ``output``, a binary file object open for writing."""
    env = report.env
    _ = env._
    Rejection = env["territory.sirene.import.rejection"]
    Rejection.check_access("read")
    reasons = dict(Rejection._fields["reason"]._description_selection(env))
    book = xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": False})
    title = book.add_format({"bold": True, "font_size": 14})
    header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    sheet = book.add_worksheet(_("Rejected rows")[:31])
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 1, 18)
    sheet.set_column(2, 2, 50)
    sheet.set_column(3, 3, 24)
    sheet.write(0, 0, _("Rejected rows of %(file)s", file=report.name), title)
    sheet.write_row(2, 0, [_("Line"), _("SIRET"), _("Reason"), _("Detail")], header)
    sheet.freeze_panes(3, 0)
    row_index, last_line = 3, 0
    while True:
        # Keyset pages on (import_id, line): each page is an index range, not an OFFSET.
        env.cr.execute(
            SQL(
                """
            SELECT line, siret, reason, detail FROM territory_sirene_import_rejection
             WHERE import_id = %s AND line > %s ORDER BY line LIMIT %s
            """,
                report.id,
                last_line,
                PAGE_SIZE,
            )
        )
        rows = env.cr.fetchall()
        for line, siret, reason, detail in rows:
            sheet.write_row(
                row_index, 0, [line, siret or "", reasons.get(reason, reason), detail or ""]
            )
            row_index += 1
        if len(rows) < PAGE_SIZE:
            break
        last_line = rows[-1][0]
    book.close()
