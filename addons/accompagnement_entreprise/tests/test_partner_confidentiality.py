from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .subsidy_common import SubsidyCase

# What a territory partner never sees (README, roles): business transfers, whose sellers
# stay anonymous, and money.
TRANSFER_MODELS = (
    "support.transfer.offer",
    "support.transfer.buyer",
    "support.transfer.nda",
    "support.transfer.match",
    "support.transfer.matching",
    "support.transfer.matching.line",
    "support.transfer.sector",
)
MONEY_MODELS = (
    "support.subsidy",
    "support.subsidy.payment",
    "support.subsidy.envelope",
    "support.subsidy.override",
    "support.subsidy.report.wizard",
    "support.case.cofinancing",
    "support.deminimis.ceiling",
    "support.deminimis.declaration",
    "support.deminimis.declaration.line",
)
CLOSED_MODELS = TRANSFER_MODELS + MONEY_MODELS


class PartnerConfidentialityCase(SubsidyCase):
    """A committed and partly paid subsidy, a published offer in the partner's own EPCI."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        epci = cls.env["territory.epci"].create(
            {"siren": "999999931", "name": "CC Confidentielle (test)", "nature": "CC"}
        )
        department = cls.env["territory.department"].create({"code": "T7", "name": "Dépt T7"})
        commune = cls.env["territory.commune"].create(
            {
                "code": "T7001",
                "name": "Bourg-T7",
                "department_id": department.id,
                "epci_id": epci.id,
            }
        )
        cls.territory_partner.territory_epci_ids = [Command.set(epci.ids)]
        cls.craftsman.commune_id = commune
        cls.case.commune_id = commune
        cls.subsidy = cls._commit(cls._subsidy())
        cls.payment = cls._pay(cls.subsidy, 300)
        seller = cls.env["res.partner"].create(
            {"name": "Menuiserie Test Secrète", "is_company": True, "commune_id": commune.id}
        )
        cls.transfer_case = cls.env["support.case"].create(
            {
                "name": "Cession de la menuiserie",
                "partner_id": seller.id,
                "programme_id": cls.env.ref(
                    "accompagnement_entreprise.support_programme_transmission"
                ).id,
                "user_id": cls.advisor.id,
            }
        )
        cls.offer = cls.env["support.transfer.offer"].create(
            {
                "case_id": cls.transfer_case.id,
                "name": "Menuiserie en zone rurale",
                "sector_id": cls.env.ref("accompagnement_entreprise.support_transfer_sector_c").id,
                "price_min": 100000,
                "price_max": 150000,
            }
        )
        cls.offer.action_publish()


@tagged("post_install", "-at_install")
class TestPartnerConfidentiality(PartnerConfidentialityCase):
    def test_partner_reads_nothing_of_transfers_nor_money(self):
        self.assertTrue(self.offer.epci_id in self.territory_partner.territory_epci_ids)
        env = self.env(user=self.territory_partner)
        opened = []
        for model in CLOSED_MODELS:
            Model = env[model]
            if Model.has_access("read"):
                opened.append(model)
            for name, call in (
                ("search", lambda Model=Model: Model.search([])),
                ("read_group", lambda Model=Model: Model.read_group([], ["id:count"], [])),
                ("browse.read", lambda Model=Model: Model.browse(1).read(["display_name"])),
            ):
                with self.subTest(model=model, call=name), self.assertRaises(AccessError):
                    call()
        self.assertFalse(opened, "a territory partner may read these models")

    def test_no_field_elsewhere_leads_a_partner_to_them(self):
        """Relational fields of other models pointing at them are closed to partners too."""
        env = self.env(user=self.territory_partner)
        leaks = [
            f"{model_name}.{name}"
            for model_name, Model in env.registry.items()
            if model_name not in CLOSED_MODELS and not Model._abstract
            for name, field in Model._fields.items()
            if getattr(field, "comodel_name", None) in CLOSED_MODELS and field.is_accessible(env)
        ]
        self.assertEqual(leaks, [])
        case_fields = env["support.case"].fields_get()
        for name in (
            "audit_cost",
            "audit_funded_amount",
            "audit_company_amount",
            "subsidy_count",
            "transfer_offer_count",
            "transfer_buyer_count",
            "transfer_match_count",
        ):
            self.assertNotIn(name, case_fields)
        self.assertNotIn("audit_case_count", env["res.partner"].fields_get())

    def test_partner_still_reads_the_cases_it_follows(self):
        """The door is closed on transfers and money only: an audit case stays readable."""
        cases = self.env["support.case"].with_user(self.territory_partner).search([])
        self.assertIn(self.case, cases)
        self.assertNotIn(self.transfer_case, cases)  # a confidential programme
        self.assertFalse(
            self.env.ref("accompagnement_entreprise.accompagnement_entreprise_menu_transfer").id
            in self.env["ir.ui.menu"].with_user(self.territory_partner)._visible_menu_ids()
        )


@tagged("post_install", "-at_install")
class TestPartnerConfidentialityRpc(HttpCase, PartnerConfidentialityCase):
    """The same, as the web client asks it: JSON-RPC as a logged-in territory partner."""

    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_json_rpc_refuses_transfers_and_money(self):
        self.authenticate(self.territory_partner.login, self.territory_partner.login)
        # The session works: the partner reads the audit case of its territory.
        found = self._call_kw("support.case", "search_read", [[]], {"fields": ["name"]})
        self.assertIn(self.case.id, [row["id"] for row in found])
        calls = [
            (model, "search_read", [[]], {"fields": ["display_name"]}) for model in CLOSED_MODELS
        ] + [
            ("support.transfer.offer", "read", [self.offer.ids, ["name"]], {}),
            ("support.subsidy", "read", [self.subsidy.ids, ["amount_granted"]], {}),
            ("support.subsidy.payment", "read_group", [[], ["amount:sum"], []], {}),
            ("support.case", "read", [self.case.ids, ["audit_cost"]], {}),
            ("support.case", "read", [self.transfer_case.ids, ["name"]], {}),
        ]
        for model, method, args, kwargs in calls:
            with self.subTest(model=model, method=method):
                with self.assertRaises(JsonRpcException) as caught:
                    self._call_kw(model, method, args, kwargs)
                self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
