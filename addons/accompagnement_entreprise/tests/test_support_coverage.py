from datetime import date, datetime

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSupportCoverage(TransactionCase):
    """Support cases and attended events count in the observatory's coverage."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.followed = Partner.create({"name": "Tournerie Cheval", "is_company": True})
        cls.closed_long_ago = Partner.create({"name": "Scierie Ancienne", "is_company": True})
        cls.attendee = Partner.create({"name": "Mécanique Jacquet", "is_company": True})
        cls.absent = Partner.create({"name": "Forge Absente", "is_company": True})
        programme = cls.env.ref("accompagnement_entreprise.support_programme_transmission")
        Case = cls.env["support.case"]
        Case.create(
            {"name": "Cession", "partner_id": cls.followed.id, "programme_id": programme.id}
        )
        old = Case.create(
            {
                "name": "Ancien dossier",
                "partner_id": cls.closed_long_ago.id,
                "programme_id": programme.id,
                "date_open": "2019-01-10",
            }
        )
        old._close("done")
        old.write({"date_taken": "2019-01-11", "date_closed": "2019-03-01"})
        event = cls.env["event.event"].create(
            {
                "name": "Réunion des industriels",
                "date_begin": datetime(2030, 3, 1, 8),
                "date_end": datetime(2030, 3, 1, 12),
            }
        )
        Registration = cls.env["event.registration"]
        Registration.create({"event_id": event.id, "partner_id": cls.attendee.id}).action_set_done()
        Registration.create({"event_id": event.id, "partner_id": cls.absent.id})

    def _met(self, queries):
        self.env.flush_all()
        met = set()
        for query in queries:
            met.update(row[0] for row in self.env.execute_query(query))
        return met

    def test_cases_and_attended_events_are_met_partners(self):
        met = self._met(
            self.env["territory.establishment"]._support_coverage_partner_queries(date(2020, 1, 1))
        )
        self.assertIn(self.followed.id, met)
        self.assertIn(self.attendee.id, met)
        self.assertNotIn(self.closed_long_ago.id, met)
        self.assertNotIn(self.absent.id, met)
        # Closed on or after the date: still counted.
        self.assertIn(
            self.closed_long_ago.id,
            self._met(
                self.env["territory.establishment"]._support_coverage_partner_queries(
                    date(2019, 3, 1)
                )
            ),
        )

    def test_coverage_hook_adds_the_support_queries(self):
        Establishment = self.env["territory.establishment"]
        owners = [
            klass
            for klass in type(Establishment).mro()
            if "_coverage_partner_queries" in vars(klass)
        ]
        if len(owners) < 2:
            self.skipTest("The coverage hook of territoire_industrie is not merged yet.")
        met = self._met(Establishment._coverage_partner_queries(date(2020, 1, 1)))
        self.assertIn(self.followed.id, met)
        self.assertIn(self.attendee.id, met)
