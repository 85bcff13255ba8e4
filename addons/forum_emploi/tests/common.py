from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class ForumEmploiCase(TransactionCase):
    """One user per role of the addon, built once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, "fe_employee", groups="base.group_user")
        cls.desk = new_test_user(cls.env, "fe_desk", groups="forum_emploi.forum_emploi_group_desk")
        cls.organiser = new_test_user(
            cls.env, "fe_organiser", groups="forum_emploi.forum_emploi_group_user"
        )
        cls.manager = new_test_user(
            cls.env, "fe_manager", groups="forum_emploi.forum_emploi_group_manager"
        )
