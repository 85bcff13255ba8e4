from odoo.tests import tagged

from .common import ConventionCase


@tagged("post_install", "-at_install")
class TestTerritoryIndustryConventions(ConventionCase):
    """The territory form's smart buttons: conventions and actions of its scope."""

    def test_conventions_by_territory_or_by_epci(self):
        epci = self._reference(
            "territory.epci", "siren", {"siren": "200041887", "name": "CC Test Scope"}
        )
        industry = self.env["territory.industry"].create(
            {
                "code": "ti-9777",
                "name": "Territoire de test",
                "phase_ids": [
                    (
                        0,
                        0,
                        {
                            "phase": "2",
                            "name": "Territoire de test",
                            "epci_ids": [(6, 0, epci.ids)],
                        },
                    )
                ],
            }
        )
        self.assertEqual((industry.convention_count, industry.action_count), (0, 0))
        self.convention.epci_ids = epci
        industry.invalidate_recordset()
        self.assertEqual(industry.convention_ids, self.convention)
        self.assertEqual(industry.action_count, 2)
        other = self.convention.copy(
            {"name": "Autre convention", "epci_ids": False, "industry_ids": [(6, 0, industry.ids)]}
        )
        industry.invalidate_recordset()
        self.assertEqual(industry.convention_ids, self.convention | other)
        action = industry.with_user(self.ti_user).action_open_actions()
        found = self.env["territory.action"].with_user(self.ti_user).search(action["domain"])
        self.assertEqual(found, self.convention.action_ids)
