import json

from werkzeug.exceptions import BadRequest

from odoo import http
from odoo.http import content_disposition, request

from ..report.action_plan_xlsx import build_action_plan_xlsx
from ..report.observatory_xlsx import (
    build_coverage_xlsx,
    build_establishments_xlsx,
    build_snapshot_xlsx,
)


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


def _xlsx_response(content, filename):
    return request.make_response(
        content,
        headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", content_disposition(filename)),
        ],
    )


class ObservatoryExportController(http.Controller):
    """XLSX exports of the observatory, read with the user's own rights (no sudo)."""

    @http.route(
        "/territoire_industrie/establishments.xlsx", type="http", auth="user", methods=["GET"]
    )
    def establishments_xlsx(self, ids=None, domain=None):
        Establishment = request.env["territory.establishment"]
        try:
            if domain:
                search_domain = json.loads(domain)
                if not isinstance(search_domain, list):
                    raise ValueError(domain)
            else:
                search_domain = [("id", "in", [int(i) for i in (ids or "").split(",") if i])]
            Establishment.check_access("read")
            Establishment.flush_model()
            query = Establishment._search(search_domain)
        except (ValueError, TypeError) as error:
            raise BadRequest(str(error)) from error
        content = build_establishments_xlsx(query, request.env)
        return _xlsx_response(content, "etablissements.xlsx")

    @http.route(
        "/territoire_industrie/observatory/snapshot/<int:snapshot_id>.xlsx",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def snapshot_xlsx(self, snapshot_id):
        snapshot = request.env["territory.observatory.snapshot"].browse(snapshot_id).exists()
        if not snapshot:
            raise request.not_found()
        snapshot.check_access("read")
        return _xlsx_response(
            build_snapshot_xlsx(snapshot), f"observatoire-{snapshot.date.isoformat()}.xlsx"
        )

    @http.route(
        "/territoire_industrie/observatory/coverage/<int:report_id>.xlsx",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def coverage_xlsx(self, report_id):
        report = request.env["territory.coverage.report"].browse(report_id).exists()
        if not report:
            raise request.not_found()
        report.check_access("read")
        return _xlsx_response(
            build_coverage_xlsx(report), f"couverture-{report.date_from.isoformat()}.xlsx"
        )
