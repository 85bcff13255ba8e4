from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class TerritoireIndustrieCase(TransactionCase):
    """One user per role of the addon, built once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, "ti_employee", groups="base.group_user")
        cls.ti_user = new_test_user(
            cls.env, "ti_user", groups="territoire_industrie.territoire_industrie_group_user"
        )
        cls.ti_manager = new_test_user(
            cls.env, "ti_manager", groups="territoire_industrie.territoire_industrie_group_manager"
        )

    def assertMenuVisible(self, user, xmlid, visible=True):
        menu = self.env.ref(xmlid)
        visible_ids = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        self.assertEqual(menu.id in visible_ids, visible, f"{xmlid} visible to {user.login}")
