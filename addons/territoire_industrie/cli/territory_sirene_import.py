"""``odoo territory_sirene_import -d DB --file StockEtablissement.zip [--scope-department 25]``

Import a SIRENE stock file from the command line, for scheduled runs (cron, systemd timer):
the same import as the wizard, committed at the end, its report printed as JSON. The file is
streamed as it is, the national zip (2 to 3 GB) included: its CSV member is decompressed on
the fly into PostgreSQL's COPY, never unpacked to disk. The scope may be départements,
régions or EPCIs (an unknown code refuses the import). Exits with status 1 when the file is
refused (nothing written) and 2 on a wrong command line. Messages are in the language of
the administrator (French on a French database).
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
            "--scope-region",
            dest="ti_regions",
            default="",
            help="comma-separated région codes (e.g. 27) the establishments are limited to",
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
            admin = env.ref("base.user_admin", raise_if_not_found=False)
            env = env(context={"lang": admin.lang if admin else "fr_FR"})
            try:
                report = run_import(
                    env,
                    path,
                    opt.ti_kind,
                    _codes(opt.ti_departments),
                    _codes(opt.ti_epcis),
                    region_codes=_codes(opt.ti_regions),
                )
            except UserError as error:
                cr.rollback()
                _logger.error("%s", error)
                sys.exit(1)
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


def run_import(env, path, kind, department_codes, epci_sirens, region_codes=()):
    """Import ``path`` in ``env``; return the report as a dict (the command's output)."""
    Import = env["territory.sirene.import"]
    commune_codes, department_codes, label = Import._scope_from_codes(
        department_codes, region_codes, epci_sirens
    )

    logged = [-1]

    def progress(lines_read, percent):
        if int(percent) > logged[0]:  # at most once a percent: 100 lines for 40 M rows
            logged[0] = int(percent)
            _logger.info("SIRENE import: %s lines read (%.0f %%)", lines_read, percent)

    with path.open("rb") as fileobj:
        report = Import._import_file(
            fileobj,
            path.name,
            kind,
            commune_codes=commune_codes,
            department_codes=department_codes,
            scope_label=label,
            progress=progress,
        )
    return {
        "import_id": report.id,
        "file": report.name,
        "scope": report.scope,
        "rows_in_file": report.total_count,
        "rows_read": report.rows_read,
        "created": report.created_count,
        "updated": report.updated_count,
        "unchanged": report.unchanged_count,
        "closed": report.closed_count,
        "out_of_scope": report.out_of_scope_count,
        "foreign": report.foreign_count,
        "rejected": report.rejected_count,
        "duration": round(report.duration, 1),
    }
