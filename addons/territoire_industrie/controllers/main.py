from odoo import http
from odoo.http import content_disposition, request

from ..report.action_plan_xlsx import build_action_plan_xlsx


class ConventionExportController(http.Controller):
    @http.route(
        "/territoire_industrie/convention/<int:convention_id>/action_plan.xlsx",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def action_plan_xlsx(self, convention_id):
        # Read with the user's own rights: access rules decide, no sudo().
        convention = request.env["territory.convention"].browse(convention_id).exists()
        if not convention:
            raise request.not_found()
        convention.check_access("read")
        content = build_action_plan_xlsx(convention)
        filename = f"{convention.reference.replace('/', '-')}-action-plan.xlsx"
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
