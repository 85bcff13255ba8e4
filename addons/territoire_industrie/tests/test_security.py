from ast import literal_eval

from odoo.tests import tagged

from .common import TerritoireIndustrieCase


@tagged("post_install", "-at_install")
class TestSecurity(TerritoireIndustrieCase):
    def test_manager_implies_user(self):
        self.assertTrue(
            self.ti_manager.has_group("territoire_industrie.territoire_industrie_group_user")
        )
        self.assertFalse(
            self.ti_user.has_group("territoire_industrie.territoire_industrie_group_manager")
        )

    def test_app_menu_per_role(self):
        root = "territoire_industrie.territoire_industrie_menu_root"
        organisations = "territoire_industrie.territoire_industrie_menu_organisation"
        for user in (self.ti_user, self.ti_manager):
            self.assertMenuVisible(user, root)
            self.assertMenuVisible(user, organisations)
        self.assertMenuVisible(self.employee, root, visible=False)

    def test_organisation_action_lists_companies_only(self):
        action = self.env.ref("territoire_industrie.res_partner_action_organisation")
        Partner = self.env["res.partner"].with_user(self.ti_user)
        company = Partner.create({"name": "CCI Doubs", "is_company": True})
        person = Partner.create({"name": "Claire Martin", "parent_id": company.id})
        found = Partner.search(literal_eval(action.domain))
        self.assertIn(company, found)
        self.assertNotIn(person, found)

    def test_reference_menus_per_role(self):
        prefix = "territoire_industrie.territoire_industrie_menu_"
        for user in (self.ti_user, self.ti_manager):
            for menu in ("industry", "reference", "region", "department", "epci", "commune"):
                self.assertMenuVisible(user, prefix + menu)
        self.assertMenuVisible(self.ti_user, prefix + "config", visible=False)
        self.assertMenuVisible(self.ti_user, prefix + "reference_load", visible=False)
        self.assertMenuVisible(self.ti_manager, prefix + "config")
        self.assertMenuVisible(self.ti_manager, prefix + "reference_load")
        self.assertMenuVisible(self.employee, prefix + "industry", visible=False)
