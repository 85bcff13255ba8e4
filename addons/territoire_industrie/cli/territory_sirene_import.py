"""``odoo territory_sirene_import -d DB --file StockEtablissement.zip [--scope-department 25]``

Import a SIRENE stock file from the command line, for scheduled runs (cron, systemd timer):
the same import as the wizard, committed at the end, its report printed as JSON. Exits with
status 1 when the file is refused (nothing written) and 2 on a wrong command line.
"""

import json
import logging
import optparse
import sys
from pathlib import Path

import odoo
from odoo.cli import Command
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


def _codes(value):
    return {code.strip() for code in (value or "").split(",") if code.strip()}


class TerritorySireneImport(Command):
    """Import a SIRENE stock file (StockEtablissement or StockUniteLegale)"""

    name = "territory_sirene_import"

    def run(self, cmdargs):
        parser = odoo.tools.config.parser
        parser.prog = f"{Path(sys.argv[0]).name} {self.name}"
        group = optparse.OptionGroup(parser, "SIRENE import")
        group.add_option(
            "--file", dest="ti_file", default="", help="the stock file (.csv/.gz/.zip)"
        )
        group.add_option(
            "--kind",
            dest="ti_kind",
            default="establishment",
            help="establishment (StockEtablissement, default) or legal_unit (StockUniteLegale)",
        )
        group.add_option(
            "--scope-department",
            dest="ti_departments",
            default="",
            help="comma-separated département codes the establishments are limited to",
        )
        group.add_option(
            "--scope-epci",
            dest="ti_epcis",
            default="",
            help="comma-separated EPCI SIRENs the establishments are limited to",
        )
        parser.add_option_group(group)
        opt = odoo.tools.config.parse_config(cmdargs, setup_logging=True)
        dbname = odoo.tools.config["db_name"]
        if not dbname or not opt.ti_file:
            _logger.error("The territory_sirene_import command needs -d DATABASE and --file.")
            sys.exit(2)
        if opt.ti_kind not in ("establishment", "legal_unit"):
            _logger.error("--kind must be establishment or legal_unit.")
            sys.exit(2)
        path = Path(opt.ti_file)
        if not path.is_file():
            _logger.error("No such file: %s", path)
            sys.exit(2)
        registry = odoo.modules.registry.Registry(dbname)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            try:
                report = run_import(
                    env, path, opt.ti_kind, _codes(opt.ti_departments), _codes(opt.ti_epcis)
                )
            except UserError as error:
                cr.rollback()
                _logger.error("%s", error)
                sys.exit(1)
        sys.stdout.write(json.dumps(report, indent=2) + "\n")


def run_import(env, path, kind, department_codes, epci_sirens):
    """Import ``path`` in ``env``; return the report as a dict (the command's output)."""
    commune_codes = set()
    labels = sorted(department_codes)
    if epci_sirens:
        epcis = (
            env["territory.epci"]
            .with_context(active_test=False)
            .search([("siren", "in", list(epci_sirens))])
        )
        unknown = epci_sirens - set(epcis.mapped("siren"))
        if unknown:
            raise UserError(
                env._("Unknown EPCI SIREN: %(sirens)s.", sirens=", ".join(sorted(unknown)))
            )
        commune_codes = set(
            env["territory.commune"]
            .with_context(active_test=False)
            .search([("epci_id", "in", epcis.ids)])
            .mapped("code")
        )
        labels += epcis.mapped("name")

    def progress(lines_read, percent):
        _logger.info("SIRENE import: %s lines read (%.0f %%)", lines_read, percent)

    with path.open("rb") as fileobj:
        report = env["territory.sirene.import"]._import_file(
            fileobj,
            path.name,
            kind,
            commune_codes=commune_codes,
            department_codes=department_codes,
            scope_label=", ".join(labels),
            progress=progress,
        )
    return {
        "import_id": report.id,
        "file": report.name,
        "scope": report.scope,
        "rows_read": report.rows_read,
        "created": report.created_count,
        "updated": report.updated_count,
        "unchanged": report.unchanged_count,
        "closed": report.closed_count,
        "rejected": report.rejected_count,
        "duration": round(report.duration, 1),
    }
