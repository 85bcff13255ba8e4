from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSubsidyUi(HttpCase):
    def test_manager_commits_pays_and_closes_a_subsidy(self):
        manager = new_test_user(
            self.env,
            "ae_tour_manager",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_manager",
        )
        Partner = self.env["res.partner"]
        pays = Partner.create({"name": "Pays du Ternois (tour)", "is_company": True})
        craftsman = Partner.create({"name": "Boulangerie Tour Ternois", "is_company": True})
        case = self.env["support.case"].create(
            {
                "name": "Audit Dév'com+",
                "partner_id": craftsman.id,
                "programme_id": self.env.ref(
                    "accompagnement_entreprise.support_programme_audit_devcom"
                ).id,
                "user_id": manager.id,
                "audit_cost": 2400,
                "cofinancing_line_ids": [(0, 0, {"funder_id": pays.id, "percent": 50})],
            }
        )
        envelope = self.env["support.subsidy.envelope"].create(
            {
                "name": "Audits du Pays du Ternois",
                "funder_id": pays.id,
                "year": 2012,
                "amount": 10000,
            }
        )
        subsidy = self.env["support.subsidy"].create(
            {
                "case_id": case.id,
                "funder_id": pays.id,
                "envelope_id": envelope.id,
                "object": "Participation du Pays à l'audit Dév'com+",
            }
        )
        subsidy.action_submit()
        subsidy.write(
            {
                "deliberation_number": "2012-57",
                "date_decision": "2012-06-14",
                "amount_granted": 1200,
            }
        )
        subsidy.action_decide()
        subsidy.write({"notification_type": "convention"})
        subsidy.action_notify()
        self.start_tour(
            "/odoo/action-accompagnement_entreprise.support_subsidy_action",
            "accompagnement_entreprise_subsidy",
            login=manager.login,
        )
        self.assertEqual(subsidy.state, "closed")
        self.assertEqual(envelope.amount_paid, 1200)
        self.assertEqual(subsidy.payment_ids.mapped("amount"), [720, 480])
        self.assertEqual(envelope.amount_remaining, 8800)
        self.assertEqual(subsidy.deminimis_total, 1200)
