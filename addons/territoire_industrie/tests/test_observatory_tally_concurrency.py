from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from ..models.territory_observatory_tally_mixin import TALLIES_PENDING
from .sirene_files import make_siret

# What each tally counts in all, from the establishments.
_EXPECTED = {
    "territory.establishment.tally": "SELECT count(*) FROM territory_establishment",
    "territory.establishment.commune.tally": "SELECT count(*) FROM territory_establishment",
    "territory.establishment.movement.tally": """
        SELECT count(creation_date) + count(*) FILTER (WHERE state = 'closed'
                                                        AND closing_date IS NOT NULL)
          FROM territory_establishment""",
}
_EXPECTED["territory.establishment.movement.commune.tally"] = _EXPECTED[
    "territory.establishment.movement.tally"
]


@tagged("post_install", "-at_install")
class TestRecountBesideAWriter(TransactionCase):
    """The recount after a bulk import runs on a real connection while another one adds an
    establishment and commits: both end up counted, once, and nothing waited on a lock."""

    def setUp(self):
        super().setUp()
        self.dbname = self.env.cr.dbname
        self.sirets = [make_siret(91001200 + n) for n in range(4)]
        with db_connect(self.dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            commune = env["territory.commune"].search([("epci_id", "!=", False)], limit=1)
            self.assertTrue(commune, "the demo's reference")
            self.commune_id = commune.id
            established = env["territory.establishment"].create(
                [self._values(siret) for siret in self.sirets[:3]]
            )
            established[0].write({"state": "closed", "closing_date": "2026-03-31"})
            env.flush_all()
            # As a bulk import leaves them: written without their counts, tallies pending.
            Tally = env["territory.observatory.tally.mixin"]
            rows = SQL("(SELECT * FROM territory_establishment WHERE id IN %s) e", established._ids)
            for tally in Tally._tallies():
                cr.execute(tally._tally_delta_sql(tally._tally_rows_sql(rows, -1)))
            Tally._mark_tallies_pending()
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._cleanup)

    def _values(self, siret):
        return {
            "siret": siret,
            "siren": siret[:9],
            "commune_id": self.commune_id,
            "naf_code": "25.62A",
            "headcount_bracket": "02",
            "creation_date": "2025-09-01",
        }

    def _cleanup(self):
        with db_connect(self.dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["territory.establishment"].search([("siret", "in", self.sirets)]).unlink()
            env["ir.config_parameter"].set_param(TALLIES_PENDING, False)
            cr.commit()  # pylint: disable=invalid-commit

    def _totals(self, cr):
        """``{tally: (its sum, what it should be)}`` as a new transaction sees them."""
        env = api.Environment(cr, SUPERUSER_ID, {})
        totals = {}
        for name, expected in _EXPECTED.items():
            cr.execute(SQL("SELECT sum(n) FROM %s", SQL.identifier(env[name]._tally_data_table)))
            tallied = cr.fetchone()[0] or 0
            cr.execute(expected)
            totals[name] = (tallied, cr.fetchone()[0])
        return totals

    def test_a_write_during_the_recount_is_counted_once(self):
        with db_connect(self.dbname).cursor() as recount_cr:
            recount_env = api.Environment(recount_cr, SUPERUSER_ID, {})
            # The recount's snapshot is taken at its first statement, before the write.
            recount_cr.execute("SELECT count(*) FROM territory_establishment")
            with db_connect(self.dbname).cursor() as writer_cr:
                writer_env = api.Environment(writer_cr, SUPERUSER_ID, {})
                writer_env["territory.establishment"].create(self._values(self.sirets[3]))
                writer_cr.commit()  # pylint: disable=invalid-commit
            Tally = recount_env["territory.observatory.tally.mixin"]
            self.assertTrue(Tally._tallies_pending())
            Tally._recount_tallies()
            recount_cr.commit()  # pylint: disable=invalid-commit
        with db_connect(self.dbname).cursor() as cr:
            for name, (tallied, expected) in self._totals(cr).items():
                self.assertEqual(tallied, expected, name)
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertFalse(env["territory.observatory.tally.mixin"]._tallies_pending())
