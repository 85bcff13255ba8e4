"""``odoo territory_reference -d DB [--departments 25,61] [--source-dir DIR|ZIP --vintage 2025]``:
load the territorial reference, then print the counts and the changes (mergers, renames,
EPCI moves) as JSON.

Odoo 18 discovers commands of the addons that have a ``cli`` folder when the command line
starts with ``--addons-path=...`` followed by the command name (odoo/cli/command.py).
"""

import json
import logging
import optparse
import os
import sys
from pathlib import Path

import odoo
from odoo.cli import Command

_logger = logging.getLogger(__name__)


class TerritoryReference(Command):
    """Load régions, départements, EPCI and communes from the Etalab découpage administratif"""

    name = "territory_reference"

    def run(self, cmdargs):
        parser = odoo.tools.config.parser
        parser.prog = f"{Path(sys.argv[0]).name} {self.name}"
        group = optparse.OptionGroup(parser, "Territorial reference")
        group.add_option(
            "--departments",
            dest="ti_departments",
            default="",
            help="comma-separated département codes (e.g. 25,61,72); all of France if empty",
        )
        group.add_option(
            "--source-dir",
            dest="ti_source_dir",
            default="",
            help="folder (or zip) with regions/departements/epci/communes .csv(.gz) files, "
            "and optionally arrondissements/communes_former; the shipped vintage if empty",
        )
        group.add_option(
            "--vintage",
            dest="ti_vintage",
            default="",
            help="label of the vintage in the change log, e.g. 2025 (the folder's name if empty)",
        )
        parser.add_option_group(group)
        opt = odoo.tools.config.parse_config(cmdargs, setup_logging=True)
        dbname = odoo.tools.config["db_name"]
        if not dbname:
            _logger.error("The territory_reference command needs a database: use -d.")
            sys.exit(1)
        codes = [code for code in opt.ti_departments.split(",") if code.strip()] or None
        registry = odoo.modules.registry.Registry(dbname)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            Loader = env["territory.reference.loader"]
            source, vintage = opt.ti_source_dir, opt.ti_vintage or None
            if source and os.path.isfile(source):
                with open(source, "rb") as handle:
                    stats = Loader.load_reference_zip(
                        handle.read(), department_codes=codes, vintage=vintage
                    )
            else:
                stats = Loader.load_reference(
                    department_codes=codes, source_dir=source or None, vintage=vintage
                )
            stats["change_list"] = [
                {
                    "kind": change.kind,
                    "old": change.old_value or "",
                    "new": change.new_value or "",
                    "moved": change.moved_count,
                    "detail": change.moved_detail or "",
                }
                for change in env["territory.reference.change"].browse(stats.pop("change_ids"))
            ]
        sys.stdout.write(json.dumps(stats, indent=2, ensure_ascii=False) + "\n")
