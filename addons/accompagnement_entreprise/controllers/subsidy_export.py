from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request

from ..report.subsidy_xlsx import XLSX_MIME, build_dashboard_xlsx, build_region_xlsx

MANAGER_GROUP = "accompagnement_entreprise.accompagnement_entreprise_group_manager"


class SubsidyExportController(http.Controller):
    @http.route(
        "/accompagnement_entreprise/subsidies/<int:year>/<string:report>.xlsx",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def subsidies_xlsx(self, year, report):
        # The user's own rights decide what is read: no sudo().
        if not request.env.user.has_group(MANAGER_GROUP):
            raise AccessError(request.env._("Only subsidy managers can export subsidies."))
        builders = {"dashboard": build_dashboard_xlsx, "region": build_region_xlsx}
        if report not in builders or not 2000 <= year <= 2100:
            raise request.not_found()
        content = builders[report](request.env, year)
        filename = f"subsidies-{report}-{year}.xlsx"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_MIME),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
