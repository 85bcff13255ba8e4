from contextlib import contextmanager

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

    @contextmanager
    def assertRaisesRegex(self, expected_exception, expected_regex):
        """Like Odoo's assertRaises: roll back what the failed operation wrote."""
        with (
            super().assertRaisesRegex(expected_exception, expected_regex) as cm,
            self.env.cr.savepoint(),
        ):
            yield cm

    def assertMenuVisible(self, user, xmlid, visible=True):
        menu = self.env.ref(xmlid)
        visible_ids = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        self.assertEqual(menu.id in visible_ids, visible, f"{xmlid} visible to {user.login}")


class ConventionCase(TerritoireIndustrieCase):
    """A convention between an EPCI and a chamber, with one action and its funding."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.epci_partner = Partner.create(
            {"name": "Communauté de communes du Plateau de Russey", "is_company": True}
        )
        cls.cci = Partner.create({"name": "CCI Saône-Doubs", "is_company": True})
        cls.region = Partner.create({"name": "Région Bourgogne-Franche-Comté", "is_company": True})
        cls.signatory = Partner.create(
            {"name": "Claire Martin", "parent_id": cls.cci.id, "function": "Présidente"}
        )
        cls.axis_skills = cls.env.ref("territoire_industrie.territory_action_axis_skills")
        cls.scheme_region = cls.env.ref("territoire_industrie.territory_funding_scheme_region")
        cls.scheme_chamber = cls.env.ref("territoire_industrie.territory_funding_scheme_chamber")
        cls.convention = cls.env["territory.convention"].create(
            {
                "name": "Groupes Entreprises et Territoires 2024-2026",
                "party_ids": [(6, 0, (cls.epci_partner | cls.cci).ids)],
                "signatory_ids": [(6, 0, cls.signatory.ids)],
                "date_start": "2024-01-01",
                "date_end": "2026-12-31",
            }
        )
        cls.action = cls.env["territory.action"].create(
            {
                "convention_id": cls.convention.id,
                "code": "A5",
                "name": "HR club",
                "axis_id": cls.axis_skills.id,
                "pilot_ids": [(6, 0, cls.cci.ids)],
                "user_id": cls.ti_user.id,
                "budget": 20000,
            }
        )
        cls.other_action = cls.env["territory.action"].create(
            {
                "convention_id": cls.convention.id,
                "code": "A9",
                "name": "Job forum 2024",
                "user_id": cls.ti_manager.id,
            }
        )
