from odoo.tests import tagged, users

from .common import ConventionCase


@tagged("post_install", "-at_install")
class TestActionListPerformance(ConventionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partners = cls.env["res.partner"].create(
            [{"name": f"Partenaire {index}", "is_company": True} for index in range(10)]
        )
        scheme = cls.scheme_region
        actions = cls.env["territory.action"].create(
            [
                {
                    "convention_id": cls.convention.id,
                    "code": f"B{index}",
                    "name": f"Action {index}",
                    "axis_id": cls.axis_skills.id,
                    "pilot_ids": [(6, 0, partners[index % 10].ids)],
                    "partner_ids": [(6, 0, partners[:3].ids)],
                    "user_id": cls.ti_user.id,
                }
                for index in range(30)
            ]
        )
        cls.env["territory.funding.line"].create(
            [
                {
                    "action_id": action.id,
                    "funder_id": cls.region.id,
                    "scheme_id": scheme.id,
                    "amount": 1000,
                }
                for action in actions
            ]
        )
        cls.list_spec = {
            name: {}
            for name in (
                "sequence",
                "code",
                "name",
                "state",
                "progress",
                "budget",
                "funding_total",
                "aid_total",
                "date_start",
                "date_end",
            )
        }
        for name in ("convention_id", "axis_id", "ambition_id", "user_id", "currency_id"):
            cls.list_spec[name] = {"fields": {"display_name": {}}}
        cls.list_spec["pilot_ids"] = {"fields": {"display_name": {}}}

    def _read_list(self, model, spec, limit, domain=None):
        self.env.invalidate_all()
        return self.env[model].web_search_read(domain or [], spec, limit=limit)

    @users("ti_user")
    def test_action_list_query_budget(self):
        domain = [("convention_id", "=", self.convention.id)]
        self._read_list("territory.action", self.list_spec, 1, domain)  # warm the caches
        # 5 and 32 rows cost the same, no query per row (the first page also counts the rows).
        with self.assertQueryCount(ti_user=11):
            result = self._read_list("territory.action", self.list_spec, 5, domain)
        self.assertEqual(len(result["records"]), 5)
        with self.assertQueryCount(ti_user=10):
            result = self._read_list("territory.action", self.list_spec, 80, domain)
        self.assertEqual(len(result["records"]), 32)

    @users("ti_user")
    def test_kanban_group_query_budget(self):
        Action = self.env["territory.action"]
        domain = [("convention_id", "=", self.convention.id)]
        Action.web_read_group(domain, ["state"], ["state"])  # warm the caches
        self.env.invalidate_all()
        with self.assertQueryCount(ti_user=1):
            groups = Action.web_read_group(domain, ["state"], ["state"])
        self.assertEqual(len(groups["groups"]), 6)

    @users("ti_manager")
    def test_convention_list_query_budget(self):
        spec = {
            "reference": {},
            "name": {},
            "date_start": {},
            "date_end": {},
            "state": {},
            "funding_total": {},
            "party_ids": {"fields": {"display_name": {}}},
        }
        domain = [("party_ids", "in", self.cci.ids)]
        self._read_list("territory.convention", spec, 1, domain)  # warm the caches
        with self.assertQueryCount(ti_manager=8):
            result = self._read_list("territory.convention", spec, 80, domain)
        self.assertEqual(result["records"][0]["funding_total"], 30000)
        self.env["territory.convention"].create(
            [
                {
                    "name": f"Convention {index}",
                    "party_ids": [(6, 0, (self.cci | self.region).ids)],
                    "date_start": "2020-01-01",
                    "date_end": "2020-12-31",
                }
                for index in range(10)
            ]
        )
        with self.assertQueryCount(ti_manager=8):
            result = self._read_list("territory.convention", spec, 80, domain)
        self.assertEqual(len(result["records"]), 11)
