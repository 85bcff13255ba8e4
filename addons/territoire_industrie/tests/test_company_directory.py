import requests

from odoo.exceptions import AccessError, UserError
from odoo.tests import BaseCase, tagged

from ..tools.recherche_entreprises import RechercheEntreprisesClient, RechercheEntreprisesError
from .common import TerritoireIndustrieCase
from .fake_recherche_entreprises import FakeApi, company
from .sirene_files import make_siret


class FakeClock:
    """Time that moves only when the client sleeps: rate limits are tested, not waited."""

    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self):
        return self.now


def client(url, clock=None, **kwargs):
    clock = clock or FakeClock()
    return RechercheEntreprisesClient(url, sleep=clock.sleep, clock=clock, **kwargs)


@tagged("post_install", "-at_install")
class TestRechercheEntreprisesClient(BaseCase):
    def test_pages_through_results_25_at_a_time(self):
        companies = [company(make_siret(91000000 + n), "25508") for n in range(60)]
        with FakeApi(companies) as fake:
            results = list(client(fake.url).iter_results(commune="25508"))
        self.assertEqual(len(results), 60)
        self.assertEqual([r["page"] for r in fake.requests], ["1", "2", "3"])
        self.assertEqual({r["per_page"] for r in fake.requests}, {"25"})

    def test_stops_at_the_10000_results_cap(self):
        companies = [company(make_siret(91000000 + n), "25508") for n in range(25)]
        with FakeApi(companies, claimed_total_pages=1000) as fake:
            results = list(client(fake.url).iter_results(commune="25508"))
        self.assertEqual(len(fake.requests), 400)  # 400 pages x 25 = 10,000
        self.assertEqual(len(results), 25)  # the fake repeats page 1 only once

    def test_rate_limit_of_seven_requests_per_second(self):
        clock = FakeClock()
        with FakeApi([company(make_siret(91000100), "25508")]) as fake:
            api = client(fake.url, clock)
            for _ in range(8):
                api.search(q="ATELIERS")
        self.assertAlmostEqual(sum(clock.sleeps), 7 / 7.0, places=6)
        self.assertEqual(len(fake.requests), 8)

    def test_retries_429_and_5xx_then_succeeds(self):
        with FakeApi([company(make_siret(91000101), "25508")], failures=[429, 503]) as fake:
            payload = client(fake.url).search(q="ATELIERS")
        self.assertEqual(len(payload["results"]), 1)
        self.assertEqual(len(fake.requests), 3)

    def test_gives_up_with_a_clear_error(self):
        with (
            FakeApi(failures=[500, 500, 500, 500]) as fake,
            self.assertRaises(RechercheEntreprisesError) as caught,
        ):
            client(fake.url).search(q="X")
        self.assertEqual(
            (caught.exception.code, caught.exception.params), ("http_error", {"status": 500})
        )
        with FakeApi(failures=[400]) as fake, self.assertRaises(RechercheEntreprisesError):
            client(fake.url).search(q="X")
        self.assertEqual(len(fake.requests), 1)  # a 400 is not retried
        with (
            FakeApi(failures=["garbage"]) as fake,
            self.assertRaises(RechercheEntreprisesError) as caught,
        ):
            client(fake.url).search(q="X")
        self.assertEqual(caught.exception.code, "bad_response")

    def test_timeout_and_no_network_never_hang(self):
        class SlowSession:
            """What requests raises when the API does not answer within the timeout
            (Odoo's test mode forces timeouts of at least 10 s on real sockets)."""

            calls = []

            def get(self, url, params, timeout):
                self.calls.append(timeout)
                raise requests.ReadTimeout("read timed out")

        session = SlowSession()
        with self.assertRaises(RechercheEntreprisesError) as caught:
            client("http://127.0.0.1:9", session=session, retries=2).search(q="X")
        self.assertEqual(caught.exception.code, "timeout")
        self.assertEqual(session.calls, [10.0, 10.0, 10.0])
        with self.assertRaises(RechercheEntreprisesError) as caught:
            client("http://127.0.0.1:9", retries=2).search(q="X")
        self.assertEqual(caught.exception.code, "unreachable")


@tagged("post_install", "-at_install")
class TestCompanyDirectory(TerritoireIndustrieCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        epci = cls._reference(
            "territory.epci", "siren", {"siren": "242504496", "name": "CC du Plateau de Russey"}
        )
        cls.russey = cls._reference(
            "territory.commune", "code", {"code": "25508", "name": "Le Russey", "epci_id": epci.id}
        )
        cls.Directory = cls.env["territory.company.directory"].with_user(cls.ti_manager)

    def _point_to(self, url):
        self.env["ir.config_parameter"].sudo().set_param(
            "territoire_industrie.recherche_entreprises_url", url
        )

    def test_refresh_communes_creates_then_updates_establishments(self):
        open_siret, closed_siret = make_siret(92000001), make_siret(92000002)
        companies = [
            company(open_siret, "25508"),
            company(
                closed_siret,
                "25508",
                name="ANCIENNE SCIERIE",
                etat_administratif="F",
                date_fermeture="2025-03-31",
            ),
            company(make_siret(92000003), "25074"),  # another commune
        ]
        with FakeApi(companies) as fake:
            self._point_to(fake.url)
            report = self.Directory.refresh_communes(["25508"])
            again = self.Directory.refresh_communes(["25508"])
        self.assertEqual((report.created_count, report.file_kind), (2, "api"))
        self.assertEqual(
            (again.created_count, again.updated_count, again.unchanged_count), (0, 0, 2)
        )
        establishments = self.env["territory.establishment"].search(
            [("siret", "in", [open_siret, closed_siret])]
        )
        closed = establishments.filtered(lambda e: e.siret == closed_siret)
        self.assertEqual(closed.state, "closed")
        self.assertEqual(str(closed.closing_date), "2025-03-31")
        self.assertEqual(set(establishments.commune_id.ids), {self.russey.id})
        self.assertEqual(closed.legal_unit_name, "ANCIENNE SCIERIE")
        self.assertEqual(closed.company_category, "PME")

    def test_paris_arrondissements_and_former_codes_are_placed(self):
        """The API gives the code SIRENE does: an arrondissement's in Paris, sometimes a
        former commune's. Each is placed in today's commune, the arrondissement kept."""
        paris = self._reference("territory.commune", "code", {"code": "75056", "name": "Paris"})
        arrondissements = {
            code: self._reference(
                "territory.arrondissement",
                "code",
                {"code": code, "name": f"Paris {code[-2:]}e", "commune_id": paris.id},
            )
            for code in ("75101", "75115")
        }
        former = self._reference(
            "territory.commune.former",
            "code",
            {
                "code": "25999",
                "name": "Ancien Russey",
                "kind": "delegated",
                "commune_id": self.russey.id,
            },
        )
        office, plant, workshop = (make_siret(n) for n in (92000011, 92000012, 92000013))
        in_russey = company(workshop, former.code)
        with FakeApi([company(office, "75115"), company(plant, "75101"), in_russey]) as fake:
            self._point_to(fake.url)
            report = self.Directory.refresh_communes(["75056"])
            # Paris is asked arrondissement by arrondissement (all of them, not 75056).
            asked = {request["commune"] for request in fake.requests}
            self.assertEqual(asked, set(paris.arrondissement_ids.mapped("code")))
            self.Directory.upsert_company(in_russey)
        self.assertEqual(report.created_count, 2)
        Establishment = self.env["territory.establishment"]
        by_siret = {e.siret: e for e in Establishment.search([("siret", "in", [office, plant])])}
        self.assertEqual(by_siret[office].commune_id, paris)
        self.assertEqual(by_siret[office].arrondissement_id, arrondissements["75115"])
        self.assertEqual(by_siret[plant].arrondissement_id, arrondissements["75101"])
        placed = Establishment.search([("siret", "=", workshop)])
        self.assertEqual(
            (placed.commune_id, placed.arrondissement_id),
            (self.russey, self.env["territory.arrondissement"]),
        )
        self.assertEqual(placed.epci_id, self.russey.epci_id)

    def test_without_network_a_clear_french_error(self):
        self._point_to("http://127.0.0.1:9")
        with self.assertRaisesRegex(UserError, "cannot be reached|ne peut pas être joint"):
            self.Directory.search_companies("Ateliers du Russey")

    def test_lookup_creates_establishments_and_the_contact(self):
        siret = make_siret(92000005)
        with FakeApi([company(siret, "25508", name="LES PETITS ATELIERS")]) as fake:
            self._point_to(fake.url)
            wizard = self.env["territory.company.lookup.wizard"].with_user(self.ti_manager)
            wizard = wizard.create({"query": "petits ateliers"})
            wizard.action_search()
        self.assertEqual(wizard.line_ids.name, "LES PETITS ATELIERS")
        action = wizard.line_ids.action_create_contact()
        partner = self.env["res.partner"].browse(action["res_id"])
        self.assertEqual((partner.name, partner.company_registry), ("LES PETITS ATELIERS", siret))
        establishment = self.env["territory.establishment"].search([("siret", "=", siret)])
        self.assertEqual(establishment.partner_id, partner)
        self.assertEqual(establishment.commune_id, self.russey)
        # a second time, the same contact is found again, not duplicated
        wizard.line_ids.action_create_contact()
        self.assertEqual(
            self.env["res.partner"].search_count([("company_registry", "=", siret)]), 1
        )
        # advisors search, but only managers write SIRENE data
        lookup = (
            self.env["territory.company.lookup.wizard"]
            .with_user(self.ti_user)
            .create(
                {
                    "query": "petits",
                    "line_ids": [
                        (0, 0, {"name": "X", "payload": company(make_siret(92000006), "25508")})
                    ],
                }
            )
        )
        with self.assertRaises(AccessError):
            lookup.line_ids.action_create_establishments()

    def test_search_by_siret_typed_with_spaces(self):
        siret = make_siret(92000004)
        with FakeApi([company(siret, "25508")]) as fake:
            self._point_to(fake.url)
            spaced = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
            results = self.Directory.search_companies(spaced)
        self.assertEqual(fake.requests[0]["q"], siret)
        self.assertEqual(results[0]["siege"]["siret"], siret)
