from odoo.tests import TransactionCase, new_test_user, tagged

APP_MENUS = (
    "territoire_industrie.territoire_industrie_menu_root",
    "accompagnement_entreprise.accompagnement_entreprise_menu_root",
    "forum_emploi.forum_emploi_menu_root",
)


@tagged("post_install", "-at_install")
class TestSuiteRoles(TransactionCase):
    """The three apps' roles, seen together."""

    def _visible_apps(self, user):
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        return {xmlid for xmlid in APP_MENUS if self.env.ref(xmlid).id in visible}

    def test_each_role_sees_its_apps(self):
        advisor = new_test_user(
            self.env,
            "suite_advisor",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
        )
        desk = new_test_user(self.env, "suite_desk", groups="forum_emploi.forum_emploi_group_desk")
        # An advisor works with territories and conventions, not at the forum desk.
        self.assertEqual(self._visible_apps(advisor), set(APP_MENUS[:2]))
        # Event staff only see the forums.
        self.assertEqual(self._visible_apps(desk), {APP_MENUS[2]})
        self.assertEqual(self._visible_apps(self.env.ref("base.user_admin")), set(APP_MENUS))
