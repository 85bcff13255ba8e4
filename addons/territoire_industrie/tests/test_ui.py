from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_open_app_as_user(self):
        new_test_user(
            self.env, "ti_tour_user", groups="territoire_industrie.territoire_industrie_group_user"
        )
        self.env["res.partner"].create(
            {"name": "Communauté de communes du Val de Morteau", "is_company": True}
        )
        self.start_tour("/odoo", "territoire_industrie_open_app", login="ti_tour_user")
