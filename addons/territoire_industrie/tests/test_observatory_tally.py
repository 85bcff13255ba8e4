import io
from unittest.mock import patch

from odoo import models
from odoo.tests import tagged

from .observatory_common import ObservatoryCase
from .sirene_files import ESTABLISHMENT_HEADER, establishment_row, make_siret, to_csv


def _plain(row):
    return tuple(value.id if isinstance(value, models.BaseModel) else value for value in row)


@tagged("post_install", "-at_install")
class TestObservatoryTally(ObservatoryCase):
    """The dashboards' counts (territory.establishment.tally and
    territory.establishment.movement.tally) give what the establishments give, after
    every kind of write, and the reports read them only when that is exact."""

    ANALYSIS_GROUPS = ("epci_id", "commune_id", "naf_section", "headcount_bracket", "state")

    def _scope(self):
        return [("epci_id", "in", self.scope.ids)]

    def _expected_analysis(self, groupby=ANALYSIS_GROUPS):
        rows = self.Establishment._read_group(self._scope(), groupby, ["__count"])
        return sorted(map(_plain, rows), key=repr)

    def _analysis(self, groupby=ANALYSIS_GROUPS, user=None):
        Analysis = self.env["territory.establishment.analysis"].with_user(user or self.env.user)
        tally, __ = Analysis._answering_tally(self._scope(), groupby, ["__count"])
        self.assertIsNotNone(tally, "read from a tally")
        rows = Analysis._read_group(self._scope(), groupby, ["__count"])
        return sorted(map(_plain, rows), key=repr)

    def _expected_movements(self):
        counts = {}
        for establishment in self.Establishment.search(self._scope()):
            events = [("creation", establishment.creation_date)]
            if establishment.state == "closed":
                events.append(("closure", establishment.closing_date))
            for movement, day in events:
                if day:
                    key = (day.replace(month=1, day=1), movement, establishment.commune_id.id)
                    counts[key] = counts.get(key, 0) + 1
        return sorted((*key, count) for key, count in counts.items())

    def _movements(self):
        Movement = self.env["territory.establishment.movement"]
        groupby = ["date:year", "movement", "commune_id"]
        tally, __ = Movement._answering_tally(self._scope(), groupby, ["__count"])
        self.assertEqual(tally._name, "territory.establishment.movement.commune.tally")
        rows = Movement._read_group(self._scope(), groupby, ["__count"])
        return sorted((day, movement, commune.id, count) for day, movement, commune, count in rows)

    def assertTallied(self):
        self.assertEqual(self._analysis(), self._expected_analysis())
        self.assertEqual(self._movements(), self._expected_movements())

    def test_counts_follow_every_write(self):
        """ORM creates, writes (section, commune hence EPCI, closing) and deletes."""
        self.assertTallied()
        self.watchmaker.naf_code = "47.11B"  # C -> G
        self.assertTallied()
        self.shop.commune_id = self.villers  # CC du Russey -> CC du Val de Morteau
        self.assertTallied()
        self.new_plant.write({"state": "closed", "closing_date": "2026-04-30"})
        self.assertTallied()
        siret = make_siret(91000150)
        created = self.Establishment.create(
            {
                "siret": siret,
                "siren": siret[:9],
                "commune_id": self.russey.id,
                "naf_code": "10.71C",
                "creation_date": "2026-05-04",
            }
        )
        self.assertTallied()
        created.unlink()
        self.assertTallied()
        # A commune moved to another EPCI takes its establishments' counts along.
        self.villers.epci_id = self.cc_russey
        self.assertTallied()
        self.assertEqual(self._analysis(["epci_id"]), self._expected_analysis(["epci_id"]))

    def test_counts_follow_the_sirene_import(self):
        sirets = [make_siret(seed) for seed in range(91000160, 91000166)]

        def import_file(rows):
            report = self.env["territory.sirene.import"]._import_file(
                io.BytesIO(to_csv(ESTABLISHMENT_HEADER, rows)),
                "StockEtablissement.csv",
                "establishment",
            )
            self.assertEqual(report.rejected_count, 0, report.rejection_ids.mapped("detail"))
            return report

        rows = [establishment_row(siret, commune=self.morteau.code) for siret in sirets]
        import_file(rows)
        self.assertTallied()
        rows[0]["activitePrincipaleEtablissement"] = "62.01Z"
        rows[1]["codeCommuneEtablissement"] = self.russey.code
        rows[2].update(etatAdministratifEtablissement="F", dateDebut="2026-06-01")
        report = import_file(rows)
        self.assertEqual((report.updated_count, report.closed_count), (2, 1))
        self.assertTallied()

    def _insert_triggers_enabled(self):
        self.env.cr.execute("""
            SELECT tgname, tgenabled FROM pg_trigger
             WHERE tgrelid = 'territory_establishment'::regclass AND tgname LIKE '%%tally_insert'
             ORDER BY tgname
        """)
        return self.env.cr.fetchall()

    def _bulk_import(self, rows):
        """Import ``rows`` by the bulk path; return the report and the tallies' insert
        triggers there just before they are made again after the insert."""
        target = "odoo.addons.territoire_industrie.models.territory_sirene_import"
        Tally = type(self.env["territory.observatory.tally.mixin"])
        real = Tally._create_insert_triggers
        during = []

        def create_insert_triggers(model):
            during.append(self._insert_triggers_enabled())
            return real(model)

        with (
            patch(f"{target}.BULK_LOAD_MIN_ROWS", 10),
            patch.object(Tally, "_create_insert_triggers", create_insert_triggers),
        ):
            report = self.env["territory.sirene.import"]._import_file(
                io.BytesIO(to_csv(ESTABLISHMENT_HEADER, rows)),
                "StockEtablissement.csv",
                "establishment",
            )
        return report, during

    def _bulk_rows(self, first_number):
        return [
            establishment_row(
                make_siret(first_number + i),
                commune=(self.morteau, self.villers, self.russey)[i % 3].code,
                activitePrincipaleEtablissement=("26.52Z", "47.11B")[i % 2],
                etatAdministratifEtablissement="F" if i % 4 == 0 else "A",
            )
            for i in range(self._more_than_the_table_holds() + 24)  # the bulk path
        ]

    def assertPendingThenRecounted(self):
        """The tallies wait for their recount: the reports read the establishments, with
        the same numbers; the cron's job recounts them and the reports read them again."""
        Tally = self.env["territory.observatory.tally.mixin"]
        Analysis = self.env["territory.establishment.analysis"]
        self.assertTrue(Tally._tallies_pending())
        self.assertEqual(
            Analysis._answering_tally(self._scope(), list(self.ANALYSIS_GROUPS), ["__count"]),
            (None, None),
        )
        rows = Analysis._read_group(self._scope(), self.ANALYSIS_GROUPS, ["__count"])
        self.assertEqual(sorted(map(_plain, rows), key=repr), self._expected_analysis())
        self.env.ref(
            "territoire_industrie.territory_establishment_tally_cron"
        ).method_direct_trigger()
        self.assertFalse(Tally._tallies_pending())
        self.assertTallied()

    def test_counts_follow_a_bulk_first_import(self):
        """A large first import inserts without the tallies' insert triggers (dropped: a
        disabled one would still keep a copy of each row), makes them again, and leaves
        the counting of its rows to the recount after the commit."""
        triggers = self._insert_triggers_enabled()
        self.assertEqual(len(triggers), 4)
        self.assertEqual({enabled for __, enabled in triggers}, {"O"})
        rows = self._bulk_rows(91000300)
        report, during = self._bulk_import(rows)
        self.assertEqual((during, report.created_count), ([[]], len(rows)))
        self.assertEqual(self._insert_triggers_enabled(), triggers)
        self.assertPendingThenRecounted()

    def test_counts_follow_a_bulk_import_of_known_and_new(self):
        """Some SIRETs already there: they are updated through the triggers, the new rows
        inserted without them."""
        triggers = self._insert_triggers_enabled()
        rows = self._bulk_rows(91000600)
        rows.append(
            establishment_row(
                self.watchmaker.siret, commune=self.russey.code, etatAdministratifEtablissement="F"
            )
        )
        report, during = self._bulk_import(rows)
        self.assertEqual(
            (during, report.created_count, report.closed_count), ([[]], len(rows) - 1, 1)
        )
        self.assertEqual(self._insert_triggers_enabled(), triggers)
        self.assertPendingThenRecounted()

    def test_writes_while_pending_are_counted_once(self):
        """What the triggers count between the bulk import and the recount (an advisor's
        edit, a re-import) is not counted again by it."""
        self._bulk_import(self._bulk_rows(91000900))
        self.watchmaker.naf_code = "47.11B"
        self.shop.commune_id = self.villers
        self.new_plant.write({"state": "closed", "closing_date": "2026-04-30"})
        self.env.flush_all()
        self.assertPendingThenRecounted()

    def test_a_recount_of_exact_tallies_adds_nothing(self):
        Tally = self.env["territory.observatory.tally.mixin"]
        self.watchmaker.naf_code = "47.11B"
        self.env.flush_all()
        cr = self.env.cr

        def data_rows():
            counts = []
            for tally in Tally._tallies():
                cr.execute(f"SELECT count(*) FROM {tally._tally_data_table}")
                counts.append(cr.fetchone()[0])
            return counts

        before = data_rows()
        Tally._recount_tallies()
        self.assertEqual(data_rows(), before)
        self.assertTallied()

    def test_compaction_keeps_the_counts(self):
        self.watchmaker.naf_code = "47.11B"
        self.shop.commune_id = self.villers
        self.env.flush_all()
        tallies = [
            self.env[name]
            for name in (
                "territory.establishment.tally",
                "territory.establishment.commune.tally",
                "territory.establishment.movement.tally",
                "territory.establishment.movement.commune.tally",
            )
        ]
        cr = self.env.cr
        before = {}
        for tally in tallies:
            cr.execute(f"SELECT count(*) FROM {tally._tally_data_table}")
            before[tally] = cr.fetchone()[0]
        tallies[0]._compact_tallies()
        for tally in tallies:
            columns = ", ".join(tally._tally_columns)
            cr.execute(f"""
                SELECT count(*), count(*) FILTER (WHERE n = 0),
                       count(*) - count(DISTINCT ROW({columns}))
                  FROM {tally._tally_data_table}
            """)
            after, zeros, duplicated = cr.fetchone()
            self.assertLess(after, before[tally], tally._name)
            self.assertEqual((zeros, duplicated), (0, 0), "one row per combination")
        self.assertTallied()

    def test_what_the_tally_cannot_answer_reads_the_rows(self):
        Analysis = self.env["territory.establishment.analysis"]
        Movement = self.env["territory.establishment.movement"]
        scope = self._scope()

        def routed(model, domain, groupby, aggregates=("__count",), order=None):
            tally, __ = model._answering_tally(domain, groupby, list(aggregates), (), order)
            return tally._name if tally is not None else None

        per_epci = "territory.establishment.tally"
        per_commune = "territory.establishment.commune.tally"
        self.assertEqual(routed(Analysis, scope, ["industry_id"], ["estimated_jobs:sum"]), per_epci)
        self.assertEqual(routed(Analysis, scope, ["epci_id"], order="__count desc"), per_epci)
        self.assertEqual(routed(Analysis, scope, ["arrondissement_id"]), per_commune)
        self.assertIsNone(routed(Analysis, [("is_employer", "=", True)], ["commune_id"]))
        # Finer than the tally: a NAF code, a creation year, an establishment, a maximum.
        self.assertIsNone(routed(Analysis, [*scope, ("naf_code", "=like", "26%")], ["epci_id"]))
        self.assertIsNone(routed(Analysis, scope, ["creation_date:year"]))
        self.assertIsNone(routed(Analysis, [("establishment_id", "=", 1)], ["epci_id"]))
        self.assertIsNone(routed(Analysis, scope, ["epci_id"], ["estimated_jobs:max"]))
        # Movements: per year, and bounds on year edges only.
        year = [("date", ">=", "2026-01-01"), ("date", "<=", "2026-12-31")]
        self.assertTrue(routed(Movement, [*scope, *year], ["date:year", "naf_section"]))
        self.assertIsNone(routed(Movement, scope, ["date:quarter"]))
        self.assertIsNone(routed(Movement, [*scope, ("date", ">=", "2026-02-01")], ["epci_id"]))
        # Bounds on year edges give what the rows give.
        ours = [("establishment_id", "in", self.ours.ids)]
        tallied = Movement._read_group([*scope, *year], ["movement"], ["__count"])
        live = Movement._read_group([*ours, *year], ["movement"], ["__count"])
        self.assertEqual(tallied, live)
        self.assertEqual(dict(tallied), {"creation": 2, "closure": 1})

    def test_advisor_reads_the_counts_of_the_epcis_followed(self):
        advisor = self.morteau_advisor
        rows = self._analysis(["epci_id"], user=advisor)
        self.assertEqual([epci for epci, __ in rows], [self.cc_morteau.id])
        self.assertEqual(rows, [(self.cc_morteau.id, 4)])  # the closed one counts too
        coverage = self.Establishment.with_user(advisor)._coverage_report()
        self.assertEqual({row["epci_id"] for row in coverage}, {self.cc_morteau.id})

    def test_a_dashboard_is_one_query(self):
        Analysis = self.env["territory.establishment.analysis"]
        Analysis.read_group(self._scope(), ["establishment_count:sum"], ["epci_id"])  # warm
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=2):  # the groups, the EPCIs' names
            Analysis.read_group(
                self._scope(), ["establishment_count:sum"], ["epci_id", "naf_section"], lazy=False
            )
