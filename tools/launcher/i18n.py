"""Refresh each addon's .pot from the running code and merge it into its fr.po."""

import polib

from . import paths

FRENCH_HEADER = {
    "Project-Id-Version": "Odoo Server 18.0",
    "Language": "fr",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n > 1);",
}


def refresh(odoo, database, modules, log=print):
    """Export ``modules``' terms from ``database``; return the msgids left untranslated."""
    untranslated = {}
    for module in modules:
        i18n = paths.ADDONS / module / "i18n"
        i18n.mkdir(exist_ok=True)
        pot = i18n / f"{module}.pot"
        if odoo.run(
            "-d",
            database,
            f"--i18n-export={pot}",
            f"--modules={module}",
            "--stop-after-init",
            "--no-http",
            "--log-level=warn",
        ):
            raise RuntimeError(f"Export of {module}'s terms failed")
        po_path = i18n / "fr.po"
        french = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
        french.metadata = {**FRENCH_HEADER, **french.metadata}
        french.merge(polib.pofile(str(pot)))
        french.save(str(po_path))
        untranslated[module] = [entry.msgid for entry in french.untranslated_entries()]
        log(f"{po_path.relative_to(paths.ROOT)}: {len(untranslated[module])} untranslated")
    return untranslated
