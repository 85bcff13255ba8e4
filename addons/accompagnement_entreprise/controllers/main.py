from odoo import http
from odoo.http import content_disposition, request

from ..report.support_results_xlsx import build_results_xlsx


class SupportResultsController(http.Controller):
    @http.route(
        "/accompagnement_entreprise/organisation/<int:organisation_id>"
        "/results/<int:year>/<int:quarter>/results.xlsx",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def results_xlsx(self, organisation_id, year, quarter):
        # Read with the user's own rights: the record rules decide which cases count.
        if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
            raise request.not_found()
        request.env["support.case"].check_access("read")
        organisation = request.env["res.partner"].browse(organisation_id).exists()
        if not organisation:
            raise request.not_found()
        organisation.check_access("read")
        content = build_results_xlsx(organisation, year, quarter)
        filename = f"{organisation.name}-{year}-Q{quarter}.xlsx"
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
