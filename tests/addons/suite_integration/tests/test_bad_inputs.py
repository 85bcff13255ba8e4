"""Bad inputs, counted (#14 part 4): each one is refused with a French message and writes
nothing.

A table of cases, each run in a savepoint of its own (no case sees what another did):
``attempt`` tries the bad input as the user would (a create, a button, an import, a scan),
``expected`` is the exception class the user gets (or, for the desk, the status of its
answer), ``french`` a French part of the message and ``models`` the tables whose row counts
must stay the same; ``snapshot``, when given, reads the touched record from the database,
which must not change either.

Most cases rely on what Odoo does to a refused request: it rolls its transaction back.
They run in a savepoint rolled back on the error (``rollback=True``), like the request.
The others must leave nothing behind by themselves, before any rollback: the SIRENE
imports (all or nothing, whatever the file), the buttons that check before they write and
the desk's scans, which answer with a status instead of raising.
"""

import gzip
import html
import io
import re
import zipfile
from collections import namedtuple
from contextlib import closing

import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.territoire_industrie.tests.sirene_files import (
    ESTABLISHMENT_HEADER,
    LEGAL_UNIT_HEADER,
    establishment_row,
    make_siret,
    to_csv,
    zipped,
)

SUITE_MODULES = ["territoire_industrie", "accompagnement_entreprise", "forum_emploi"]
# Written by almost any change a user makes: watched in every case.
ALWAYS_WATCHED = ("mail.message", "mail.activity", "mail.followers")

Case = namedtuple(
    "Case",
    "name attempt expected french models snapshot rollback",
    defaults=((), None, True),
)


def _activate_french(env):
    env["res.lang"]._activate_lang("fr_FR")
    env["ir.module.module"]._load_module_terms(SUITE_MODULES, ["fr_FR"])
    return env(context=dict(env.context, lang="fr_FR"))


@tagged("post_install", "-at_install")
class TestBadInputs(TransactionCase):
    """Bad values, files and badges across the three addons, with French users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = _activate_french(cls.env)
        users = {
            "ti_manager": "territoire_industrie.territoire_industrie_group_manager",
            "support_manager": "accompagnement_entreprise.accompagnement_entreprise_group_manager",
            "advisor": "accompagnement_entreprise.accompagnement_entreprise_group_user",
            "organiser": "forum_emploi.forum_emploi_group_user",
            "desk": "forum_emploi.forum_emploi_group_desk",
        }
        for name, group in users.items():
            user = new_test_user(cls.env, f"bad_inputs_{name}", groups=group, lang="fr_FR")
            setattr(cls, name, user)
        cls._territory_fixture()
        cls._subsidy_fixture()
        cls._forum_fixture()

    # ------------------------------------------------------------------ fixtures
    @classmethod
    def _territory_fixture(cls):
        Partner = cls.env["res.partner"]
        cls.epci_partner = Partner.create(
            {"name": "Communauté de communes Test des Mauvaises Saisies", "is_company": True}
        )
        cls.cci = Partner.create({"name": "CCI Test des Mauvaises Saisies", "is_company": True})
        cls.person = Partner.create({"name": "Claire Essai"})
        cls.scheme = cls.env.ref("territoire_industrie.territory_funding_scheme_region")
        Convention = cls.env["territory.convention"]
        parties = [(6, 0, (cls.epci_partner | cls.cci).ids)]
        cls.convention = Convention.create(
            {
                "name": "Convention test 2024-2026",
                "party_ids": parties,
                "date_start": "2024-01-01",
                "date_end": "2026-12-31",
            }
        )
        cls.ended_convention = Convention.create(
            {
                "name": "Convention test terminée 2020-2022",
                "party_ids": parties,
                "date_start": "2020-01-01",
                "date_end": "2022-12-31",
            }
        )
        cls.action = cls.env["territory.action"].create(
            {"convention_id": cls.convention.id, "name": "Club RH test", "budget": 20000}
        )
        cls.industry = cls.env["territory.industry"].create(
            {"code": "ti-9901", "name": "Territoire test des saisies"}
        )

    @classmethod
    def _subsidy_fixture(cls):
        Partner = cls.env["res.partner"]
        cls.pays = Partner.create({"name": "Pays Test des Saisies", "is_company": True})
        cls.cma = Partner.create({"name": "CMA Test des Saisies", "is_company": True})
        devcom = cls.env.ref("accompagnement_entreprise.support_programme_audit_devcom")
        Envelope = cls.env["support.subsidy.envelope"]
        cls.envelope = Envelope.create(
            {"name": "Audits test", "funder_id": cls.pays.id, "year": 2025, "amount": 30000}
        )
        cls.small_envelope = Envelope.create(
            {"name": "Petite enveloppe", "funder_id": cls.pays.id, "year": 2025, "amount": 1000}
        )
        cls.ended_envelope = Envelope.create(
            {
                "name": "Enveloppe de la convention terminée",
                "funder_id": cls.pays.id,
                "year": 2022,
                "amount": 30000,
                "convention_id": cls.ended_convention.id,
            }
        )
        cls.cases = {}
        for key in ("plain", "deminimis", "cent", "shares"):
            company = Partner.create({"name": f"Boulangerie Test {key}", "is_company": True})
            cls.cases[key] = cls.env["support.case"].create(
                {
                    "name": f"Audit Dév'com+ {key}",
                    "partner_id": company.id,
                    "programme_id": devcom.id,
                    "user_id": cls.advisor.id,
                    "audit_days": 3,
                    "audit_cost": 2400,
                    "cofinancing_line_ids": [
                        (0, 0, {"role": "territory", "funder_id": cls.pays.id, "percent": 50}),
                        (0, 0, {"role": "chamber", "funder_id": cls.cma.id, "percent": 20}),
                    ],
                }
            )
        # Other bodies' aid declared by the companies: 299,000 and 298,800 euros in 2024.
        for key, amount in (("deminimis", 299000), ("cent", 298800)):
            cls.env["support.deminimis.declaration"].create(
                {
                    "partner_id": cls.cases[key].partner_id.id,
                    "date": "2025-01-10",
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "granting_body": "Région Test",
                                "date_granted": "2024-06-20",
                                "amount": amount,
                            },
                        )
                    ],
                }
            )
        cls.request = cls._subsidy()
        cls.review = cls._subsidy()
        cls.review.action_submit()
        cls.over_ceiling = cls._subsidy("deminimis", amount=1200)
        cls.cent_over_ceiling = cls._subsidy("cent", amount=1200.01)
        cls.beyond_envelope = cls._notified(envelope=cls.small_envelope)
        cls.without_envelope = cls._notified(envelope=Envelope)
        cls.on_ended_convention = cls._notified(envelope=cls.ended_envelope)
        cls.committed = cls._notified()
        cls.committed.action_commit()

    @classmethod
    def _subsidy(cls, case="plain", amount=None, envelope=None):
        subsidy = cls.env["support.subsidy"].create(
            {
                "case_id": cls.cases[case].id,
                "funder_id": cls.pays.id,
                "envelope_id": (cls.envelope if envelope is None else envelope).id,
                "object": "Participation à l'audit Dév'com+",
            }
        )
        if amount:
            subsidy.action_submit()
            subsidy.write(
                {
                    "deliberation_number": "2025-042",
                    "date_decision": "2025-06-15",
                    "amount_granted": amount,
                }
            )
        return subsidy

    @classmethod
    def _notified(cls, envelope=None):
        subsidy = cls._subsidy(amount=1200, envelope=envelope)
        subsidy.action_decide()
        subsidy.action_notify()
        return subsidy

    @classmethod
    def _forum_fixture(cls):
        forum_type = cls.env.ref("forum_emploi.event_type_job_forum")
        cls.forum, cls.other_forum = cls.env["event.event"].create(
            [
                {
                    "name": name,
                    "event_type_id": forum_type.id,
                    "date_begin": "2099-03-14 08:00:00",
                    "date_end": "2099-03-14 16:00:00",
                    "date_tz": "Europe/Paris",
                    "event_mail_ids": [(5, 0, 0)],
                }
                for name in ("Forum test des saisies", "Autre forum test")
            ]
        )
        # The company of an open support case: checking its staff in gives the advisor an
        # activity, which no refused scan may do.
        followed = cls.cases["plain"].partner_id
        Exhibitor = cls.env["forum.exhibitor"]
        cls.exhibitor = Exhibitor.create({"event_id": cls.forum.id, "partner_id": followed.id})
        cls.other_exhibitor = Exhibitor.create(
            {"event_id": cls.other_forum.id, "partner_id": followed.id}
        )
        Registration = cls.env["event.registration"]
        cls.staff = Registration.create(
            {
                "event_id": cls.forum.id,
                "name": "Paul Fournil",
                "attendee_type": "exhibitor_staff",
                "exhibitor_id": cls.exhibitor.id,
            }
        )
        cls.cancelled = Registration.create(
            {
                "event_id": cls.forum.id,
                "name": "Anne Annulée",
                "attendee_type": "exhibitor_staff",
                "exhibitor_id": cls.exhibitor.id,
            }
        )
        cls.cancelled.action_cancel()
        cls.elsewhere = Registration.create(
            {"event_id": cls.other_forum.id, "name": "Inès Ailleurs", "email": "ines@example.com"}
        )
        cls.present = Registration.create(
            {"event_id": cls.forum.id, "name": "Léa Présente", "email": "lea@example.com"}
        )
        cls.present.action_set_done()
        cls.offer = cls.env["forum.job.offer"].create(
            {"exhibitor_id": cls.exhibitor.id, "name": "Boulanger", "rome_code": "D1102"}
        )

    # ------------------------------------------------------------------ helpers
    def as_user(self, records, user):
        return records.with_user(getattr(self, user))

    def sql_errors(self, operation):
        """Run ``operation`` and flush as Odoo's RPC does: a database constraint refusing
        the row reaches the user as the ValidationError Odoo makes of it."""

        def attempt():
            try:
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    operation()
                    self.env.flush_all()
            except psycopg2.IntegrityError as error:
                raise _as_validation_error(self.env, error) from error

        return attempt

    def row(self, record, columns):
        """``columns`` of ``record`` as stored in the database (not the cache)."""

        def read():
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    "SELECT %s FROM %s WHERE id = %s",
                    SQL(", ").join(SQL.identifier(column) for column in columns),
                    SQL.identifier(record._table),
                    record.id,
                )
            )
            return self.env.cr.fetchone()

        return read

    def counts(self, models):
        self.env.flush_all()
        counts = {}
        for model in (*ALWAYS_WATCHED, *models):
            self.env.cr.execute(
                SQL("SELECT count(*) FROM %s", SQL.identifier(self.env[model]._table))
            )
            counts[model] = self.env.cr.fetchone()[0]
        return counts

    def message_of(self, case):
        """Attempt ``case``; return the message its user reads."""
        if isinstance(case.expected, str):  # the desk answers with a status
            answer = case.attempt()
            self.assertEqual(answer["status"], case.expected)
            return answer["message"]
        with self.assertRaises(case.expected) as caught:
            if case.rollback:
                with self.env.cr.savepoint():  # Odoo rolls a refused request back
                    case.attempt()
            else:
                case.attempt()
        error = caught.exception
        return error.args[0] if error.args else str(error)

    def check(self, case):
        before = self.counts(case.models)
        snapshot = case.snapshot() if case.snapshot else None
        message = self.message_of(case)
        self.assertIn(case.french, message, "not the expected French message")
        self.assertEqual(self.counts(case.models), before, "something was written")
        if case.snapshot:
            self.assertEqual(case.snapshot(), snapshot, "the record changed")

    # ------------------------------------------------------------------ SIRENE files
    def sirene(self, data, filename="StockEtablissement_utf8.csv", kind="establishment", **scope):
        Import = self.as_user(self.env["territory.sirene.import"], "ti_manager")
        return lambda: Import._import_file(io.BytesIO(data), filename, kind, **scope)

    def _file_cases(self):
        good_rows = [establishment_row(make_siret(97100000 + n)) for n in range(30)]
        good = to_csv(ESTABLISHMENT_HEADER, good_rows)
        units = to_csv(
            LEGAL_UNIT_HEADER,
            [
                {
                    "siren": make_siret(97100000)[:9],
                    "statutDiffusionUniteLegale": "O",
                    "denominationUniteLegale": "BOULANGERIE TEST",
                    "categorieJuridiqueUniteLegale": "5710",
                }
            ],
        )
        xlsx = io.BytesIO()
        with zipfile.ZipFile(xlsx, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
        header, body = good.split(b"\r\n", 1)
        # The last row cut 40 bytes after its start.
        cut_row = good[: good.rindex(b"\r\n", 0, len(good) - 2) + 42]
        gz = gzip.compress(good)
        zip_data = zipped(good)
        without_commune = [c for c in ESTABLISHMENT_HEADER if c != "codeCommuneEtablissement"]
        without_category = [c for c in LEGAL_UNIT_HEADER if c != "categorieJuridiqueUniteLegale"]
        semicolons = good.replace(b",", b";")
        # The quote opened on line 3 swallows the ten rows after it.
        unclosed = units + b'552100554,O,,,,,,,"BOULANGERIE SANS FIN,5710\r\n'
        unclosed += b"".join(b"55210055%d,O,,,,,,,AUTRE,5710\r\n" % n for n in range(10))
        tables = (
            "territory.establishment",
            "territory.sirene.import",
            "territory.sirene.import.rejection",
        )

        def case(name, attempt, french):
            return Case(name, attempt, UserError, french, tables, rollback=False)

        return [
            case(
                "legal units file given as establishments",
                self.sirene(units, "StockUniteLegale_utf8.csv"),
                "est le fichier des unités légales (StockUniteLegale)",
            ),
            case(
                "establishments file given as legal units",
                self.sirene(good, kind="legal_unit"),
                "est le fichier des établissements (StockEtablissement)",
            ),
            case(
                "XLSX workbook instead of CSV",
                self.sirene(xlsx.getvalue(), "StockEtablissement.xlsx"),
                "ne contient aucun fichier CSV",
            ),
            case(
                "old XLS workbook instead of CSV",
                self.sirene(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00\xff" * 512, "stock.xls"),
                "n'est pas encodé en UTF-8",
            ),
            case("empty establishments file", self.sirene(b""), "est vide"),
            case("blank lines only", self.sirene(b"\r\n\r\n"), "est vide"),
            case(
                "empty legal units file",
                self.sirene(b"", "StockUniteLegale.csv", kind="legal_unit"),
                "est vide",
            ),
            case(
                "contacts file instead of SIRENE",
                self.sirene(b"name,email\nJean,jean@example.com\n", "contacts.csv"),
                "n'est pas un fichier de stock SIRENE",
            ),
            case(
                "semicolon-separated export from a spreadsheet",
                self.sirene(semicolons),
                "n'est pas un fichier de stock SIRENE",
            ),
            case(
                "header missing the commune column",
                self.sirene(to_csv(without_commune, good_rows)),
                "des colonnes SIRENE : codeCommuneEtablissement",
            ),
            case(
                "legal units header missing the legal category",
                self.sirene(to_csv(without_category, []), "StockUniteLegale.csv", "legal_unit"),
                "des colonnes SIRENE : categorieJuridiqueUniteLegale",
            ),
            case(
                "huge line of garbage",
                self.sirene(header + b"\r\n" + b"x" * 300_000 + b"\r\n"),
                "ligne 2 : la ligne s'arrête avant la colonne",
            ),
            case(
                "legal units file with a quote never closed",
                self.sirene(unclosed, "StockUniteLegale.csv", "legal_unit"),
                "ne peut pas être lu (ligne 3 : une cellule entre guillemets n'est jamais fermée)",
            ),
            case(
                "row with more cells than the header",
                self.sirene(header + b"\r\n" + body.replace(b"\r\n", b",surplus\r\n", 1)),
                "la ligne a plus de cellules que l'en-tête",
            ),
            case(
                "CSV cut short in the middle of a row",
                self.sirene(cut_row),
                "la ligne s'arrête avant la colonne",
            ),
            case(
                "CSV cut short inside a quoted cell",
                self.sirene(good + b'552100554,00012,"55210055400012'),
                "une cellule entre guillemets n'est jamais fermée",
            ),
            case(
                "gzip file cut short",
                self.sirene(gz[: len(gz) * 2 // 3], "StockEtablissement.csv.gz"),
                "le fichier est tronqué",
            ),
            case(
                "damaged gzip file",
                self.sirene(gz[:60] + bytes([gz[60] ^ 0xFF]) + gz[61:], "stock.csv.gz"),
                "l'archive est endommagée",
            ),
            case(
                "zip file cut short",
                self.sirene(zip_data[: len(zip_data) // 2], "StockEtablissement_utf8.zip"),
                "l'archive est endommagée",
            ),
            case(
                "Latin-1 file",
                self.sirene(good.replace(b"LE RUSSEY", "LE RUSSEY SAÔNE".encode("latin-1"))),
                "n'est pas encodé en UTF-8",
            ),
            case(
                "unknown département code for the import",
                self.sirene(good, department_codes={"00"}),
                "Code(s) de département inconnu(s) : 00",
            ),
            case(
                "unknown département code in the scope",
                lambda: self.as_user(
                    self.env["territory.sirene.import"], "ti_manager"
                )._scope_from_codes(department_codes={"0X"}),
                "Code(s) de département inconnu(s) : 0X",
            ),
            case(
                "unknown région code in the scope",
                lambda: self.as_user(
                    self.env["territory.sirene.import"], "ti_manager"
                )._scope_from_codes(region_codes={"00"}),
                "Code(s) de région inconnu(s) : 00",
            ),
            case(
                "unknown EPCI SIREN in the scope",
                lambda: self.as_user(
                    self.env["territory.sirene.import"], "ti_manager"
                )._scope_from_codes(epci_sirens={"000000000"}),
                "SIREN d'EPCI inconnu : 000000000",
            ),
        ]

    # ------------------------------------------------------------------ SIRET, SIREN
    def _registry_cases(self):
        siret = make_siret(97200000)
        bad_key = siret[:-1] + str((int(siret[-1]) + 1) % 10)
        Partner = self.as_user(self.env["res.partner"], "ti_manager")
        Exhibitor = self.as_user(self.env["forum.exhibitor"], "organiser")

        def organisation(number):
            return lambda: Partner.create(
                {"name": "CCI Test", "organisation_type": "cci", "company_registry": number}
            )

        def exhibitor(number):
            company = self.cma
            return lambda: Exhibitor.create(
                {"event_id": self.forum.id, "partner_id": company.id, "siret": number}
            )

        partner_french = "n'est pas un SIREN (9 chiffres) ou un SIRET (14 chiffres) valide"
        exhibitor_french = "doit comporter 14 chiffres et une clé de contrôle correcte"
        cases = [
            ("SIRET with a wrong check key", bad_key),
            ("SIREN with a wrong check key", siret[:8] + str((int(siret[8]) + 1) % 10)),
            ("ten digits", siret[:10]),
            ("letters in the number", siret[:5] + "ABCD" + siret[9:]),
            ("RNA number of an association", "W251002345"),
        ]
        result = [
            Case(
                f"organisation registry: {name}",
                organisation(number),
                ValidationError,
                partner_french,
                ("res.partner",),
            )
            for name, number in cases
        ]
        result.append(
            Case(
                "organisation registry changed to a bad SIRET",
                lambda: Partner.browse(self.cci.id).write(
                    {"organisation_type": "cci", "company_registry": bad_key}
                ),
                ValidationError,
                partner_french,
                ("res.partner",),
                snapshot=self.row(self.cci, ["company_registry", "organisation_type"]),
            )
        )
        for name, number in (
            ("SIRET with a wrong check key", bad_key),
            ("thirteen digits", siret[:13]),
            ("SIREN instead of SIRET", siret[:9]),
            ("letters in the SIRET", siret[:10] + "ABCD"),
        ):
            result.append(
                Case(
                    f"exhibitor SIRET: {name}",
                    exhibitor(number),
                    ValidationError,
                    exhibitor_french,
                    ("forum.exhibitor",),
                )
            )
        return result

    # ------------------------------------------------------------------ ROME codes
    def _rome_cases(self):
        Offer = self.as_user(self.env["forum.job.offer"], "organiser")
        Registration = self.as_user(self.env["event.registration"], "organiser")
        Desk = self.as_user(self.env["event.registration"], "desk")

        def offer(code):
            return lambda: Offer.create(
                {"exhibitor_id": self.exhibitor.id, "name": "Vendeur", "rome_code": code}
            )

        result = [
            Case(
                f"offer ROME code {name}",
                offer(code),
                ValidationError,
                "n'est pas valide : il doit comporter une lettre de A à N suivie de 4 chiffres",
                ("forum.job.offer",),
            )
            for name, code in (
                ("letter after N", "Z1234"),
                ("too short", "H291"),
                ("too long", "H29130"),
                ("digits first", "2913H"),
                ("with a dash", "H-2913"),
                ("empty", ""),
            )
        ]
        result += [
            Case(
                "offer ROME code changed to a bad one",
                lambda: Offer.browse(self.offer.id).write({"rome_code": "X0000"}),
                ValidationError,
                "Le code ROME X0000 n'est pas valide",
                ("forum.job.offer",),
                snapshot=self.row(self.offer, ["rome_code"]),
            ),
            Case(
                "candidate's wished jobs with a bad ROME code",
                lambda: Registration.create(
                    {
                        "event_id": self.forum.id,
                        "name": "Jules Test",
                        "wished_rome_codes": "H2913 Q1",
                    }
                ),
                ValidationError,
                "Métiers recherchés : Q1 n'est pas un code ROME",
                ("event.registration",),
            ),
            Case(
                "walk-in's wished jobs with a bad ROME code",
                lambda: Desk.forum_desk_walk_in(
                    self.forum.id, {"name": "Jules Test", "wished_rome_codes": "H2913, 12345"}
                ),
                ValidationError,
                "Métiers recherchés : 12345 n'est pas un code ROME",
                ("event.registration",),
            ),
        ]
        return result

    # ------------------------------------------------------------------ amounts, shares
    def _amount_cases(self):
        Subsidy = self.as_user(self.env["support.subsidy"], "support_manager")
        Payment = self.as_user(self.env["support.subsidy.payment"], "support_manager")
        Envelope = self.as_user(self.env["support.subsidy.envelope"], "support_manager")
        SupportCase = self.as_user(self.env["support.case"], "support_manager")
        Funding = self.as_user(self.env["territory.funding.line"], "ti_manager")
        Offer = self.as_user(self.env["forum.job.offer"], "organiser")
        case = self.cases["shares"]
        subsidy_state = ["state", "amount_granted", "date_committed", "envelope_id"]

        def pay(subsidy, amount, payment_type="advance"):
            return lambda: Payment.create(
                {
                    "subsidy_id": subsidy.id,
                    "payment_type": payment_type,
                    "amount": amount,
                    "date": "2025-07-01",
                }
            )

        def share(percent=0.0, fixed=0.0):
            # As the audit's form saves a new line: through the case.
            line = {
                "role": "other",
                "funder_id": self.cma.id,
                "share_type": "amount" if fixed else "percent",
                "percent": percent,
                "fixed_amount": fixed,
            }
            return lambda: SupportCase.browse(case.id).write(
                {"cofinancing_line_ids": [(0, 0, line)]}
            )

        payments = ("support.subsidy.payment",)
        return [
            Case(
                "negative amount requested",
                self.sql_errors(
                    lambda: Subsidy.create(
                        {
                            "case_id": self.cases["plain"].id,
                            "funder_id": self.pays.id,
                            "object": "Audit",
                            "amount_requested": -100,
                        }
                    )
                ),
                ValidationError,
                "Les montants de subvention ne peuvent pas être négatifs",
                ("support.subsidy",),
            ),
            Case(
                "amount granted over the eligible cost",
                lambda: Subsidy.browse(self.review.id).write({"amount_granted": 2500}),
                ValidationError,
                "dépasse le coût éligible de l'audit",
                ("support.subsidy",),
                snapshot=self.row(self.review, subsidy_state),
            ),
            Case(
                "amount granted over the eligible cost by half a cent (rounding)",
                lambda: Subsidy.browse(self.review.id).write({"amount_granted": 2400.005}),
                ValidationError,
                "dépasse le coût éligible de l'audit",
                ("support.subsidy",),
                snapshot=self.row(self.review, subsidy_state),
            ),
            Case(
                "de minimis ceiling exceeded",
                lambda: Subsidy.browse(self.over_ceiling.id).action_decide(),
                UserError,
                "Plafond de minimis dépassé pour",
                ("support.subsidy",),
                snapshot=self.row(self.over_ceiling, subsidy_state),
                rollback=False,
            ),
            Case(
                "de minimis ceiling exceeded by one cent",
                lambda: Subsidy.browse(self.cent_over_ceiling.id).action_decide(),
                UserError,
                "au-dessus du plafond de",
                ("support.subsidy",),
                snapshot=self.row(self.cent_over_ceiling, subsidy_state),
                rollback=False,
            ),
            Case(
                "decision without deliberation nor amount",
                lambda: Subsidy.browse(self.review.id).action_decide(),
                UserError,
                "Indiquez le numéro de délibération, sa date et le montant attribué",
                ("support.subsidy",),
                snapshot=self.row(self.review, subsidy_state),
                rollback=False,
            ),
            Case(
                "decision on a request not yet submitted",
                lambda: Subsidy.browse(self.request.id).action_decide(),
                UserError,
                "ne peut pas être décidée au statut Demande",
                ("support.subsidy",),
                snapshot=self.row(self.request, subsidy_state),
                rollback=False,
            ),
            Case(
                "commitment beyond the envelope",
                lambda: Subsidy.browse(self.beyond_envelope.id).action_commit(),
                UserError,
                "la dépasserait de",
                ("support.subsidy",),
                snapshot=self.row(self.beyond_envelope, subsidy_state),
                rollback=False,
            ),
            Case(
                "commitment without an envelope",
                lambda: Subsidy.browse(self.without_envelope.id).action_commit(),
                UserError,
                "Choisissez l'enveloppe budgétaire",
                ("support.subsidy",),
                snapshot=self.row(self.without_envelope, subsidy_state),
                rollback=False,
            ),
            Case(
                "amount of a committed subsidy changed",
                lambda: Subsidy.browse(self.committed.id).write({"amount_granted": 1000}),
                UserError,
                "d'une subvention engagée ne peuvent pas changer",
                ("support.subsidy",),
                snapshot=self.row(self.committed, subsidy_state),
                rollback=False,
            ),
            Case(
                "advance over the amount granted",
                pay(self.committed, 1300),
                ValidationError,
                "Versement excédentaire refusé",
                payments,
                snapshot=self.row(self.committed, ["state", "amount_paid"]),
            ),
            Case(
                "advance over the amount granted by one cent (rounding)",
                pay(self.committed, 1200.005),
                ValidationError,
                "Versement excédentaire refusé",
                payments,
                snapshot=self.row(self.committed, ["state", "amount_paid"]),
            ),
            Case(
                "balance before the service is done",
                pay(self.committed, 100, "balance"),
                UserError,
                "Un versement de type Solde n'est pas possible",
                payments,
                snapshot=self.row(self.committed, ["state", "amount_paid"]),
            ),
            Case(
                "negative payment",
                self.sql_errors(pay(self.committed, -50)),
                ValidationError,
                "Le montant d'un versement doit être positif",
                payments,
            ),
            Case(
                "payment of zero",
                self.sql_errors(pay(self.committed, 0)),
                ValidationError,
                "Le montant d'un versement doit être positif",
                payments,
            ),
            Case(
                "co-financing share over 100 %",
                share(percent=120),
                ValidationError,
                "doit être comprise entre 0 et 100 %",
                ("support.case.cofinancing",),
                snapshot=self.row(case, ["audit_company_amount"]),
            ),
            Case(
                "negative co-financing share",
                share(percent=-5),
                ValidationError,
                "doit être comprise entre 0 et 100 %",
                ("support.case.cofinancing",),
            ),
            Case(
                "negative co-financing amount",
                share(fixed=-10),
                ValidationError,
                "doit être comprise entre 0 et 100 %",
                ("support.case.cofinancing",),
            ),
            Case(
                "funders' shares over the audit cost",
                share(fixed=720.01),
                ValidationError,
                "dépassent le coût de l'audit",
                ("support.case.cofinancing",),
                snapshot=self.row(case, ["audit_company_amount", "audit_funded_amount"]),
            ),
            Case(
                "negative audit cost",
                lambda: SupportCase.browse(case.id).write({"audit_cost": -2400}),
                ValidationError,
                "ne peuvent pas être négatifs",
                ("support.case",),
                snapshot=self.row(case, ["audit_cost", "audit_company_amount"]),
            ),
            Case(
                "negative envelope budget",
                self.sql_errors(
                    lambda: Envelope.create(
                        {"name": "Négative", "funder_id": self.pays.id, "amount": -1}
                    )
                ),
                ValidationError,
                "Le budget d'une enveloppe budgétaire ne peut pas être négatif",
                ("support.subsidy.envelope",),
            ),
            Case(
                "negative declared de minimis aid",
                self.sql_errors(
                    lambda: self.as_user(
                        self.env["support.deminimis.declaration"], "support_manager"
                    ).create(
                        {
                            "partner_id": self.cases["plain"].partner_id.id,
                            "line_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "granting_body": "Région",
                                        "date_granted": "2024-01-01",
                                        "amount": -300,
                                    },
                                )
                            ],
                        }
                    )
                ),
                ValidationError,
                "Une aide déclarée doit être positive",
                ("support.deminimis.declaration", "support.deminimis.declaration.line"),
            ),
            Case(
                "action funding over its budget",
                lambda: Funding.create(
                    {
                        "action_id": self.action.id,
                        "funder_id": self.cci.id,
                        "scheme_id": self.scheme.id,
                        "amount": 20000.01,
                    }
                ),
                ValidationError,
                "dépasse son budget",
                ("territory.funding.line",),
            ),
            Case(
                "negative funding",
                self.sql_errors(
                    lambda: Funding.create(
                        {
                            "action_id": self.action.id,
                            "funder_id": self.cci.id,
                            "scheme_id": self.scheme.id,
                            "amount": -500,
                        }
                    )
                ),
                ValidationError,
                "Un montant de financement doit être positif",
                ("territory.funding.line",),
            ),
            Case(
                "funding by a person",
                lambda: Funding.create(
                    {
                        "action_id": self.action.id,
                        "funder_id": self.person.id,
                        "scheme_id": self.scheme.id,
                        "amount": 500,
                    }
                ),
                ValidationError,
                "est une personne : choisissez une organisation",
                ("territory.funding.line",),
            ),
            Case(
                "offer with no position",
                self.sql_errors(
                    lambda: Offer.create(
                        {
                            "exhibitor_id": self.exhibitor.id,
                            "name": "Vendeur",
                            "rome_code": "D1106",
                            "positions": 0,
                        }
                    )
                ),
                ValidationError,
                "Une offre compte au moins un poste",
                ("forum.job.offer",),
            ),
            Case(
                "negative hires reported",
                self.sql_errors(lambda: Offer.browse(self.offer.id).write({"hires_reported": -2})),
                ValidationError,
                "Le nombre d'embauches ne peut pas être négatif",
                ("forum.job.offer",),
                snapshot=self.row(self.offer, ["hires_reported"]),
            ),
        ]

    # ------------------------------------------------------------------ dates
    def _date_cases(self):
        Convention = self.as_user(self.env["territory.convention"], "ti_manager")
        Action = self.as_user(self.env["territory.action"], "ti_manager")
        Milestone = self.as_user(self.env["territory.action.milestone"], "ti_manager")
        Subsidy = self.as_user(self.env["support.subsidy"], "support_manager")
        Threshold = self.as_user(self.env["support.procurement.threshold"], "support_manager")
        parties = [(6, 0, (self.epci_partner | self.cci).ids)]
        action_dates = ["date_start", "date_end"]
        return [
            Case(
                "convention period inverted",
                lambda: Convention.create(
                    {
                        "name": "Convention à l'envers",
                        "party_ids": parties,
                        "date_start": "2026-01-01",
                        "date_end": "2025-12-31",
                    }
                ),
                ValidationError,
                "avant de commencer le 2026-01-01",
                ("territory.convention",),
            ),
            Case(
                "convention shortened to end before it starts",
                lambda: Convention.browse(self.convention.id).write({"date_end": "2023-06-30"}),
                ValidationError,
                "se termine le 2023-06-30, avant de commencer",
                ("territory.convention",),
                snapshot=self.row(self.convention, action_dates),
            ),
            Case(
                "convention with a single party",
                lambda: Convention.create(
                    {
                        "name": "Convention seule",
                        "party_ids": [(6, 0, self.cci.ids)],
                        "date_start": "2025-01-01",
                        "date_end": "2025-12-31",
                    }
                ),
                ValidationError,
                "doit avoir au moins deux parties",
                ("territory.convention",),
            ),
            Case(
                "action period inverted",
                lambda: Action.browse(self.action.id).write(
                    {"date_start": "2025-06-01", "date_end": "2025-01-01"}
                ),
                ValidationError,
                "se termine le 2025-01-01, avant de commencer le 2025-06-01",
                ("territory.action",),
                snapshot=self.row(self.action, action_dates),
            ),
            Case(
                "action after its convention ended",
                lambda: Action.create(
                    {
                        "convention_id": self.ended_convention.id,
                        "name": "Action tardive",
                        "date_start": "2023-02-01",
                    }
                ),
                ValidationError,
                "doit se dérouler pendant la période de sa convention",
                ("territory.action",),
            ),
            Case(
                "action running past the end of its convention",
                lambda: Action.browse(self.action.id).write({"date_end": "2027-03-31"}),
                ValidationError,
                "doit se dérouler pendant la période de sa convention",
                ("territory.action",),
                snapshot=self.row(self.action, action_dates),
            ),
            Case(
                "milestone after the convention ended",
                lambda: Milestone.create(
                    {"action_id": self.action.id, "name": "Bilan", "date": "2027-02-01"}
                ),
                ValidationError,
                "doit se situer entre le 2024-01-01 et le 2026-12-31",
                ("territory.action.milestone",),
            ),
            Case(
                "subsidy committed on the envelope of an ended convention",
                lambda: Subsidy.browse(self.on_ended_convention.id).action_commit(),
                UserError,
                "qui a pris fin le 2022-12-31",
                ("support.subsidy",),
                snapshot=self.row(
                    self.on_ended_convention, ["state", "date_committed", "envelope_id"]
                ),
                rollback=False,
            ),
            Case(
                "procurement threshold period inverted",
                lambda: Threshold.create(
                    {
                        "name": "Seuil à l'envers",
                        "procedure": "mapa",
                        "kind": "works",
                        "amount": 123456,
                        "date_from": "2026-01-01",
                        "date_to": "2025-01-01",
                    }
                ),
                ValidationError,
                "se termine avant de commencer",
                ("support.procurement.threshold",),
            ),
            Case(
                "negative procurement threshold",
                lambda: Threshold.create(
                    {
                        "name": "Seuil négatif",
                        "procedure": "mapa",
                        "kind": "works",
                        "amount": -1,
                        "date_from": "2026-01-01",
                    }
                ),
                ValidationError,
                "Un seuil ne peut pas être négatif",
                ("support.procurement.threshold",),
            ),
        ]

    # ------------------------------------------------------------------ badges
    def _badge_cases(self):
        Desk = self.as_user(self.env["event.registration"], "desk")
        registrations = ("event.registration",)
        checked_in = ["state", "date_closed", "forum_desk_scan_uuid", "forum_checked_in_by_id"]

        def scan(barcode):
            return lambda: Desk.forum_desk_scan(self.forum.id, barcode, scan_uuid="bad-scan")

        def case(name, barcode, status, french, registration=None):
            snapshot = self.row(registration, checked_in) if registration else None
            return Case(
                f"badge: {name}", scan(barcode), status, french, registrations, snapshot, False
            )

        return [
            case("unknown", "999999999999", "unknown_badge", "Badge inconnu"),
            case(
                "of another event",
                self.elsewhere.barcode,
                "other_event",
                "Badge d'un autre événement",
                self.elsewhere,
            ),
            case(
                "of a cancelled registration (staff of a followed company)",
                self.cancelled.barcode,
                "cancelled",
                "Inscription annulée",
                self.cancelled,
            ),
            case("empty", "", "unknown_badge", "Badge inconnu"),
            case("blank", "   \t ", "unknown_badge", "Badge inconnu"),
            case("very long", "7" * 10_000, "unknown_badge", "Badge inconnu"),
            case("with a NUL byte", self.staff.barcode + "\x00", "unknown_badge", "Badge inconnu"),
            case(
                "already checked in, scanned again",
                self.present.barcode,
                "already_checked_in",
                "Déjà enregistré à",
                self.present,
            ),
            Case(
                "walk-in without a name",
                lambda: Desk.forum_desk_walk_in(self.forum.id, {"name": "  "}),
                UserError,
                "Saisissez le nom de la personne",
                registrations,
                rollback=False,
            ),
            Case(
                "walk-in with a bad email",
                lambda: Desk.forum_desk_walk_in(
                    self.forum.id, {"name": "Jules Test", "email": "jules@"}
                ),
                UserError,
                "L'adresse e-mail jules@ n'est pas valide",
                registrations,
                rollback=False,
            ),
            Case(
                "staff of an exhibitor of another forum",
                lambda: self.as_user(self.env["event.registration"], "organiser").create(
                    {
                        "event_id": self.forum.id,
                        "name": "Paul Égaré",
                        "attendee_type": "exhibitor_staff",
                        "exhibitor_id": self.other_exhibitor.id,
                    }
                ),
                ValidationError,
                "cet exposant appartient à un autre forum",
                registrations,
            ),
        ]

    # ------------------------------------------------------------------ tests
    def _cases(self):
        return (
            self._file_cases()
            + self._registry_cases()
            + self._rome_cases()
            + self._amount_cases()
            + self._date_cases()
            + self._badge_cases()
            + [
                Case(
                    "Territoire d'industrie code",
                    lambda: self.as_user(self.industry, "ti_manager").write({"code": "TI-84"}),
                    ValidationError,
                    "n'est pas valide : il doit être de la forme ti-8418",
                    ("territory.industry",),
                    snapshot=self.row(self.industry, ["code"]),
                ),
            ]
        )

    def test_every_bad_input_is_refused_in_french_and_writes_nothing(self):
        cases = self._cases()
        self.assertGreaterEqual(len(cases), 60)
        names = [case.name for case in cases]
        self.assertEqual(len(names), len(set(names)), "two cases share a name")
        for case in cases:
            with self.subTest(case=case.name), closing(self.env.cr.savepoint()):
                self.check(case)

    def test_the_counts_see_a_good_input(self):
        """The same checks on good inputs: the counts and snapshots do see a write."""
        Desk = self.as_user(self.env["event.registration"], "desk")
        with closing(self.env.cr.savepoint()):
            before = self.counts(("event.registration",))
            state = self.row(self.staff, ["state"])
            answer = Desk.forum_desk_scan(self.forum.id, self.staff.barcode)
            self.assertEqual(answer["status"], "welcome")
            self.assertEqual(answer["message"], "Bienvenue !")
            self.assertEqual(state(), ("done",))
            after = self.counts(("event.registration",))
            self.assertEqual(after["mail.activity"], before["mail.activity"] + 1)
        with closing(self.env.cr.savepoint()):
            good = to_csv(ESTABLISHMENT_HEADER, [establishment_row(make_siret(97300000))])
            before = self.counts(("territory.establishment", "territory.sirene.import"))
            self.sirene(good)()
            after = self.counts(("territory.establishment", "territory.sirene.import"))
            self.assertEqual(
                after["territory.sirene.import"], before["territory.sirene.import"] + 1
            )


@tagged("post_install", "-at_install")
class TestBadPublicInputs(HttpCase):
    """The fields of the forum's public registration page, as a visitor fills them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = _activate_french(cls.env)
        cls.forum = cls.env["event.event"].create(
            {
                "name": "Forum public des saisies",
                "event_type_id": cls.env.ref("forum_emploi.event_type_job_forum").id,
                "date_begin": "2099-03-14 08:00:00",
                "date_end": "2099-03-14 16:00:00",
                "event_mail_ids": [(5, 0, 0)],
            }
        )
        cls.env["event.registration"].create(
            {"event_id": cls.forum.id, "name": "Léa Inscrite", "email": "lea@example.com"}
        )
        cls.path = f"/forum/{cls.forum.id}/register"

    def registrations(self):
        self.env.flush_all()
        self.env.cr.execute("SELECT count(*) FROM event_registration")
        return self.env.cr.fetchone()[0]

    def post(self, data):
        french = {"Accept-Language": "fr-FR,fr;q=0.9"}
        page = self.url_open(self.path, headers=french)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(self.path, data={"csrf_token": token, **data}, headers=french)

    def _cases(self):
        good = {
            "name": "Camille Durand",
            "email": "camille@example.com",
            "phone": "03 81 00 00 00",
            "wished_rome_codes": "H2913",
            "referral": "france_travail",
            "consent": "1",
        }

        def without(field):
            return {key: value for key, value in good.items() if key != field}

        return [
            ("no name", without("name"), 200, "Saisissez votre prénom et votre nom."),
            ("blank name", {**good, "name": "   "}, 200, "Saisissez votre prénom et votre nom."),
            ("no email", without("email"), 200, "Saisissez une adresse e-mail valide."),
            ("bad email", {**good, "email": "camille@"}, 200, "Saisissez une adresse e-mail"),
            ("two emails", {**good, "email": "a@example.com b@example.com"}, 200, "e-mail valide"),
            (
                "email already registered",
                {**good, "email": "LEA@example.com"},
                200,
                "déjà inscrite",
            ),
            ("referral not in the list", {**good, "referral": "hacker"}, 200, "Choisissez dans"),
            ("no consent", without("consent"), 200, "Cochez la case pour accepter"),
            ("bad ROME code", {**good, "wished_rome_codes": "Z9999"}, 200, "pas un code ROME"),
            ("name too long", {**good, "name": "A" * 129}, 200, "128 caractères au maximum"),
            ("email too long", {**good, "email": "a" * 250 + "@ex.fr"}, 200, "254 caractères"),
            ("phone too long", {**good, "phone": "0" * 33}, 200, "32 caractères au maximum"),
            ("phone without digits", {**good, "phone": "rappelez-moi"}, 200, "numéro de téléphone"),
            ("jobs too long", {**good, "wished_rome_codes": "H2913 " * 40}, 200, "200 caractères"),
            ("name with a NUL byte", {**good, "name": "Camille\x00"}, 200, "caractères invisibles"),
            (
                "honeypot filled",
                {**good, "company_website": "http://x"},
                400,
                "Inscription refusée",
            ),
            ("body too large", {**good, "comment": "x" * 20_000}, 413, "trop volumineux"),
        ]

    def test_every_bad_field_is_refused_in_french_and_registers_no_one(self):
        cases = self._cases()
        self.assertGreaterEqual(len(cases), 15)
        for name, data, status, french in cases:
            with self.subTest(case=name):
                before = self.registrations()
                response = self.post(data)
                self.assertEqual(response.status_code, status)
                self.assertIn(french, html.unescape(response.text))
                self.assertEqual(self.registrations(), before, "a registration was created")

    def test_rate_limit_is_refused_in_french_and_registers_no_one(self):
        Param = self.env["ir.config_parameter"].sudo()
        Param.set_param("forum_emploi.registration_rate_limit", "0")
        before = self.registrations()
        response = self.post({"name": "Camille Durand", "email": "c@example.com", "consent": "1"})
        self.assertEqual(response.status_code, 429)
        self.assertIn("Trop d'inscriptions depuis votre connexion", html.unescape(response.text))
        self.assertEqual(self.registrations(), before)
