from odoo.tests import tagged

from .common import TerritoryReferenceCase

COMMUNE_LIST_SPEC = {
    "code": {},
    "name": {},
    "postal_codes": {},
    "population": {},
    "epci_id": {"fields": {"display_name": {}}},
    "department_id": {"fields": {"display_name": {}}},
    "region_id": {"fields": {"display_name": {}}},
    "active": {},
}
EPCI_LIST_SPEC = {"siren": {}, "name": {}, "nature": {}, "population": {}, "active": {}}
INDUSTRY_LIST_SPEC = {
    "code": {},
    "name": {},
    "label_date": {},
    "epci_ids": {"fields": {"display_name": {}}},
    "active": {},
}
PARTNER_SPEC = {
    "display_name": {},
    "organisation_type": {},
    "commune_id": {"fields": {"display_name": {}}},
    "epci_id": {"fields": {"display_name": {}}},
}


@tagged("post_install", "-at_install")
class TestListQueryCount(TerritoryReferenceCase):
    """List views cost a fixed number of queries whatever the number of rows."""

    def _count_queries(self, model, domain, spec, user):
        # Warm the registry caches (access rights, rules) first: they are not per row.
        self.env[model].with_user(user).web_search_read(domain, spec, limit=80)
        self.env.flush_all()
        self.env.invalidate_all()
        Model = self.env[model].with_user(user)
        query_count = self.cr.sql_log_count
        result = Model.web_search_read(domain, spec, limit=80)
        return self.cr.sql_log_count - query_count, result["length"]

    def test_commune_list(self):
        domain = [
            ("department_id.code", "in", ["25", "61", "72"]),
            ("code", "in", ["25411", "25624", "25512", "61001", "72001"]),
        ]
        few, length = self._count_queries(
            "territory.commune",
            domain[:1] + [("code", "=", "25411")],
            COMMUNE_LIST_SPEC,
            self.ti_user,
        )
        self.assertEqual(length, 1)
        many, length = self._count_queries(
            "territory.commune", domain, COMMUNE_LIST_SPEC, self.ti_user
        )
        self.assertEqual(length, 5)
        self.assertEqual(few, many, "no query per row")
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            self.env["territory.commune"].with_user(self.ti_user).web_search_read(
                domain, COMMUNE_LIST_SPEC, limit=80
            )

    def test_epci_and_industry_lists(self):
        Industry = self.env["territory.industry"]
        Industry.create(
            [
                {
                    "code": f"ti-97{n:02d}",
                    "name": f"TI {n}",
                    "epci_ids": [(6, 0, (self.cc_morteau | self.cu_alencon).ids)],
                }
                for n in range(10)
            ]
        )
        one, _length = self._count_queries(
            "territory.industry", [("code", "=", "ti-9700")], INDUSTRY_LIST_SPEC, self.ti_user
        )
        ten, length = self._count_queries(
            "territory.industry", [("code", "=like", "ti-97%")], INDUSTRY_LIST_SPEC, self.ti_user
        )
        self.assertEqual(length, 10)
        self.assertEqual(one, ten, "no query per row")
        self.env.invalidate_all()
        with self.assertQueryCount(3):
            Industry.with_user(self.ti_user).web_search_read(
                [("code", "=like", "ti-97%")], INDUSTRY_LIST_SPEC, limit=80
            )
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            self.env["territory.epci"].with_user(self.ti_user).web_search_read(
                [("siren", "in", ["242504116", "242504355", "246100663"])],
                EPCI_LIST_SPEC,
                limit=80,
            )

    def test_partner_list(self):
        Partner = self.env["res.partner"]
        communes = self.morteau | self.villers | self.russey | self.alencon | self.aillieres
        Partner.create(
            [
                {
                    "name": f"Entreprise {n}",
                    "is_company": True,
                    "organisation_type": "company",
                    "commune_id": communes[n % 5].id,
                }
                for n in range(20)
            ]
        )
        one, _length = self._count_queries(
            "res.partner", [("name", "=", "Entreprise 1")], PARTNER_SPEC, self.ti_user
        )
        twenty, length = self._count_queries(
            "res.partner", [("name", "=like", "Entreprise %")], PARTNER_SPEC, self.ti_user
        )
        self.assertEqual(length, 20)
        self.assertEqual(one, twenty, "no query per row")
