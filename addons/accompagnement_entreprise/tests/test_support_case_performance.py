from odoo.tests import new_test_user, tagged
from odoo.tests.common import users, warmup

from .common import AccompagnementCase

M2O = {"fields": {"display_name": {}}}
ACTIVITIES = {
    "activity_ids": {"fields": {}},
    "activity_exception_decoration": {},
    "activity_exception_icon": {},
    "activity_state": {},
    "activity_summary": {},
    "activity_type_icon": {},
    "activity_type_id": M2O,
}
# The fields the list and kanban views of support.case load, as the web client asks them.
LIST_SPEC = {
    "reference": {},
    "name": {},
    "partner_id": M2O,
    "programme_id": M2O,
    "stage_id": M2O,
    "user_id": M2O,
    "team_id": M2O,
    "organisation_id": M2O,
    "epci_id": M2O,
    "date_open": {},
    "date_taken": {},
    "date_closed": {},
    "closing_reason": {},
    "reminder_level": {},
    "company_id": M2O,
    **ACTIVITIES,
}
KANBAN_SPEC = {
    "color": {},
    "state": {},
    "name": {},
    "partner_id": M2O,
    "programme_id": M2O,
    "need_ids": {"fields": {"display_name": {}, "color": {}}},
    "priority": {},
    "date_open": {},
    "reminder_level": {},
    "user_id": M2O,
    **ACTIVITIES,
}


@tagged("post_install", "-at_install")
class TestSupportCasePerformance(AccompagnementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.perf_advisor = new_test_user(
            cls.env,
            "ae_perf_advisor",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_user",
        )
        programme = cls.env.ref("accompagnement_entreprise.support_programme_digitalisation")
        needs = cls.env["support.need"].search([], limit=2)
        partners = cls.env["res.partner"].create(
            [{"name": f"Entreprise {index}", "is_company": True} for index in range(10)]
        )
        cls.cases = cls.env["support.case"].create(
            [
                {
                    "name": f"Diagnostic {index}",
                    "partner_id": partners[index % 10].id,
                    "programme_id": programme.id,
                    "user_id": cls.perf_advisor.id,
                    "need_ids": [(6, 0, needs.ids)],
                }
                for index in range(50)
            ]
        )
        cls.cases[:20].action_take_in_charge()
        cls.cases[:5].activity_schedule("mail.mail_activity_data_todo", user_id=cls.perf_advisor.id)
        cls.domain = [("programme_id", "=", programme.id), ("user_id", "=", cls.perf_advisor.id)]

    @users("ae_perf_advisor")
    @warmup
    def test_list_load(self):
        Case = self.env["support.case"]
        with self.assertQueryCount(ae_perf_advisor=12):
            result = Case.web_search_read(self.domain, LIST_SPEC, limit=80, count_limit=10001)
        self.assertEqual(result["length"], 50)

    @users("ae_perf_advisor")
    @warmup
    def test_kanban_load(self):
        Case = self.env["support.case"]
        with self.assertQueryCount(ae_perf_advisor=22):
            groups = Case.with_context(
                default_programme_id=self.cases.programme_id.id
            ).web_read_group(self.domain, ["stage_id"], ["stage_id"], lazy=True)
            for group in groups["groups"]:
                Case.web_search_read(group["__domain"], KANBAN_SPEC, limit=40)
        self.assertEqual(sum(group["stage_id_count"] for group in groups["groups"]), 50)
