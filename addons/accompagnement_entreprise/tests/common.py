from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class AccompagnementCase(TransactionCase):
    """One user per role of the addon, built once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(cls.env, "ae_employee", groups="base.group_user")
        cls.advisor = new_test_user(
            cls.env,
            "ae_advisor",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
        )
        cls.manager = new_test_user(
            cls.env,
            "ae_manager",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_manager",
        )
