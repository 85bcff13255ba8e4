import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

SUITE_MODULES = ("territoire_industrie", "accompagnement_entreprise", "forum_emploi")


@tagged("post_install", "-at_install")
class TestFrenchTranslations(TransactionCase):
    """Users work in French: every term Odoo would export for translation is in fr.po."""

    def _french_catalogue(self, module):
        po_path = f"{get_module_path(module)}/i18n/fr.po"
        return {entry.msgid: entry.msgstr for entry in polib.pofile(po_path) if not entry.obsolete}

    def test_every_user_visible_term_has_a_french_translation(self):
        for module in SUITE_MODULES:
            with self.subTest(module=module):
                catalogue = self._french_catalogue(module)
                reader = TranslationModuleReader(self.env.cr, modules=[module])
                missing = sorted(
                    {
                        source
                        for (term_module, _type, _name, _id, source, _value, _comments) in reader
                        if term_module == module and not catalogue.get(source)
                    }
                )
                self.assertFalse(missing, f"{module}/i18n/fr.po lacks: {missing}")

    def test_french_is_what_users_see(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(list(SUITE_MODULES), ["fr_FR"])
        french = self.env(context={"lang": "fr_FR"})
        self.assertEqual(
            french.ref("territoire_industrie.territoire_industrie_menu_root").name, "Territoires"
        )
        self.assertEqual(
            french.ref("accompagnement_entreprise.support_programme_transmission").name,
            "Transmission-reprise d'entreprise",
        )
        self.assertEqual(french.ref("forum_emploi.forum_emploi_menu_root").name, "Forums emploi")

    def test_every_french_entry_is_in_the_template(self):
        # Odoo merges fr.po with the addon's .pot when it loads French and drops, as
        # obsolete, every entry the .pot lacks: such a term would stay English on screen.
        for module in SUITE_MODULES:
            with self.subTest(module=module):
                i18n = f"{get_module_path(module)}/i18n"
                template = {entry.msgid for entry in polib.pofile(f"{i18n}/{module}.pot")}
                catalogue = self._french_catalogue(module)
                lost = sorted(msgid for msgid in catalogue if msgid and msgid not in template)
                self.assertFalse(lost, f"{module}/i18n/{module}.pot lacks: {lost}")
