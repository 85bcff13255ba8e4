from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AccompagnementCase


@tagged("post_install", "-at_install")
class TestSupportCaseSecurity(AccompagnementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group_user = "accompagnement_entreprise.accompagnement_entreprise_group_user"
        cls.other_advisor = new_test_user(cls.env, "ae_other", groups=group_user)
        cls.teammate = new_test_user(cls.env, "ae_teammate", groups=group_user)
        cls.desk_staff = new_test_user(cls.env, "ae_forum_desk", groups="base.group_user")
        Epci = cls.env["territory.epci"]
        cls.epci_russey, cls.epci_ternois = Epci.create(
            [
                {"name": "CC du Plateau de Russey (test)", "siren": "999000001"},
                {"name": "CC du Ternois (test)", "siren": "999000002"},
            ]
        )
        cls.territory_partner = new_test_user(
            cls.env,
            "ae_territory_partner",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_partner",
        )
        cls.territory_partner.territory_epci_ids = cls.epci_russey
        Commune = cls.env["territory.commune"]
        russey = Commune.create(
            {"name": "Le Russey (test)", "code": "99901", "epci_id": cls.epci_russey.id}
        )
        ternois = Commune.create(
            {"name": "Saint-Pol (test)", "code": "99902", "epci_id": cls.epci_ternois.id}
        )
        team = cls.env["support.team"].create(
            {"name": "Équipe CCI", "member_ids": [(6, 0, (cls.advisor | cls.teammate).ids)]}
        )
        Partner = cls.env["res.partner"]
        company_russey = Partner.create(
            {"name": "Les Petits Ateliers", "is_company": True, "commune_id": russey.id}
        )
        company_ternois = Partner.create(
            {"name": "Menuiserie du Ternois", "is_company": True, "commune_id": ternois.id}
        )
        # Not confidential, unlike business transfers: territory partners may read it.
        programme = cls.env.ref("accompagnement_entreprise.support_programme_shop_welcome")

        def case(name, partner, **values):
            return cls.env["support.case"].create(
                {"name": name, "partner_id": partner.id, "programme_id": programme.id, **values}
            )

        cls.own = case("Propre", company_russey, user_id=cls.advisor.id)
        cls.unassigned = case("Sans conseiller", company_ternois, user_id=False)
        cls.team_case = case("Équipe", company_ternois, user_id=cls.teammate.id, team_id=team.id)
        cls.foreign = case("Autre conseiller", company_russey, user_id=cls.other_advisor.id)
        cls.mine = cls.own | cls.unassigned | cls.team_case | cls.foreign

    def _visible(self, user):
        return self.env["support.case"].with_user(user).search([("id", "in", self.mine.ids)])

    def test_advisor_sees_own_unassigned_and_team_cases(self):
        self.assertEqual(self._visible(self.advisor), self.own | self.unassigned | self.team_case)
        with self.assertRaises(AccessError):
            self.foreign.with_user(self.advisor).read(["name"])
        with self.assertRaises(AccessError):
            self.foreign.with_user(self.advisor).write({"name": "Pris"})

    def test_advisor_edits_but_cannot_delete(self):
        self.own.with_user(self.advisor).write({"priority": "1"})
        self.unassigned.with_user(self.advisor).action_take_in_charge()
        self.assertEqual(self.unassigned.user_id, self.advisor)
        with self.assertRaises(AccessError):
            self.own.with_user(self.advisor).unlink()

    def test_manager_sees_and_deletes_everything(self):
        self.assertEqual(self._visible(self.manager), self.mine)
        self.foreign.with_user(self.manager).write({"priority": "1"})
        self.foreign.with_user(self.manager).unlink()
        self.assertFalse(self.foreign.exists())

    def test_territory_partner_reads_his_epcis_only(self):
        self.assertEqual(self._visible(self.territory_partner), self.own | self.foreign)
        self.assertEqual(self.own.with_user(self.territory_partner).name, "Propre")
        with self.assertRaises(AccessError):
            self.own.with_user(self.territory_partner).write({"name": "Modifié"})
        with self.assertRaises(AccessError):
            self.env["support.case"].with_user(self.territory_partner).create(
                {
                    "name": "Nouveau",
                    "partner_id": self.own.partner_id.id,
                    "programme_id": self.own.programme_id.id,
                }
            )
        with self.assertRaises(AccessError):
            self.own.with_user(self.territory_partner).unlink()

    def test_employees_and_forum_desk_staff_see_nothing(self):
        for user in (self.employee, self.desk_staff):
            with self.assertRaises(AccessError):
                self.env["support.case"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.own.with_user(user).read(["name"])

    def test_wizards_are_for_advisors_only(self):
        for model in (
            "support.case.close.wizard",
            "support.case.reassign.wizard",
            "support.case.lead.wizard",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.territory_partner).create({})

    def test_advisor_hands_his_case_over_to_a_colleague(self):
        stage = self.own.stage_id
        self.own.with_user(self.advisor).write({"user_id": self.other_advisor.id})
        self.assertEqual(self.own.user_id, self.other_advisor)
        self.assertEqual(self.own.stage_id, stage)
        self.assertNotIn(self.own, self._visible(self.advisor))
