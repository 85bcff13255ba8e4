from odoo.tests import tagged

from .results_common import ResultsCase


@tagged("post_install", "-at_install")
class TestSupportIndicator(ResultsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.collectivite = cls.env["res.partner"].create(
            {"name": "CC Résultats Amont", "is_company": True, "organisation_type": "collectivite"}
        )
        cls.convention = cls.env["territory.convention"].create(
            {
                "name": "Convention des résultats",
                "party_ids": [(6, 0, [cls.collectivite.id, cls.organisation.id])],
                "date_start": "2021-01-01",
                "date_end": "2023-12-31",
                "epci_ids": [(6, 0, [cls.epci_a.id, cls.epci_b.id])],
            }
        )
        Indicator = cls.env["territory.indicator"]
        cls.companies = Indicator.create(
            {
                "convention_id": cls.convention.id,
                "name": "Entreprises accompagnées",
                "unit": "entreprises",
                "source": "support_companies",
            }
        )
        cls.opened = Indicator.create(
            {
                "convention_id": cls.convention.id,
                "name": "Dossiers ouverts",
                "unit": "dossiers",
                "source": "support_cases_opened",
            }
        )
        cls.done = Indicator.create(
            {
                "convention_id": cls.convention.id,
                "name": "Dossiers aboutis",
                "unit": "dossiers",
                "source": "support_cases_done",
            }
        )
        cls.indicators = cls.companies | cls.opened | cls.done

    def _measure(self, date="2022-06-30"):
        measurements = self.indicators.action_compute_measurement(date)
        return {m.indicator_id: m.value for m in measurements}

    def test_indicators_move_when_cases_are_opened_and_closed(self):
        self.assertEqual(set(self._measure("2022-06-28").values()), {0})
        case = self._case("2022-03-01", convention_id=self.convention.id)
        self._case("2022-03-02", convention_id=self.convention.id)
        self._case("2022-03-03", partner_id=self.company_b.id, convention_id=self.convention.id)
        # Outside the period or of no convention: not counted.
        self._case("2020-03-01", convention_id=self.convention.id)
        self._case("2022-03-01")
        values = self._measure("2022-06-29")
        self.assertEqual(values[self.companies], 2)
        self.assertEqual(values[self.opened], 3)
        self.assertEqual(values[self.done], 0)
        case._close("done")
        case.date_closed = "2022-05-01"
        self.assertEqual(self._measure()[self.done], 1)
        self.assertEqual(self.done.last_value, 1)
        self.assertEqual(self.done.previous_value, 0)

    def test_indicator_of_an_action_counts_the_action_cases(self):
        action = self.env["territory.action"].create(
            {"convention_id": self.convention.id, "name": "Transmission d'entreprises"}
        )
        self.opened.action_id = action
        self._case("2022-03-01", convention_id=self.convention.id, action_id=action.id)
        self._case("2022-03-02", convention_id=self.convention.id)
        self.assertEqual(self._measure()[self.opened], 1)
