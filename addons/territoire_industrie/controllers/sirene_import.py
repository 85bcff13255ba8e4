import tempfile

from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.http import content_disposition, request

from ..report.sirene_rejections_xlsx import write_rejections_xlsx

_XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SireneImportController(http.Controller):
    @http.route(
        "/territoire_industrie/sirene_import/<int:import_id>/rejections.xlsx",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def rejections_xlsx(self, import_id):
        # Read with the user's own rights (managers only): access rules decide, no sudo().
        report = request.env["territory.sirene.import"].browse(import_id).exists()
        if not report:
            raise request.not_found()
        report.check_access("read")
        # Built in a temporary file and streamed from it: a large report never sits whole
        # in the worker's memory.
        output = tempfile.TemporaryFile()  # noqa: SIM115  # closed with the response
        write_rejections_xlsx(report, output)
        size = output.tell()
        output.seek(0)
        return request.make_response(
            wrap_file(request.httprequest.environ, output),
            headers=[
                ("Content-Type", _XLSX_MIMETYPE),
                ("Content-Length", str(size)),
                ("Content-Disposition", content_disposition(f"rejets-sirene-{report.id}.xlsx")),
            ],
        )
