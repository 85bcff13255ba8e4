import json
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.naf import NAF_SECTIONS, naf_section, naf_section_sql
from .territory_sirene_import import FILE_COLUMNS

HEADCOUNT_BRACKETS = [
    ("NN", "Non-employer unit"),
    ("00", "0 employees (employed during the year)"),
    ("01", "1 or 2 employees"),
    ("02", "3 to 5 employees"),
    ("03", "6 to 9 employees"),
    ("11", "10 to 19 employees"),
    ("12", "20 to 49 employees"),
    ("21", "50 to 99 employees"),
    ("22", "100 to 199 employees"),
    ("31", "200 to 249 employees"),
    ("32", "250 to 499 employees"),
    ("41", "500 to 999 employees"),
    ("42", "1,000 to 1,999 employees"),
    ("51", "2,000 to 4,999 employees"),
    ("52", "5,000 to 9,999 employees"),
    ("53", "10,000 employees or more"),
]


class TerritoryEstablishment(models.Model):
    """An establishment of the SIRENE register, keyed on its SIRET.

    Far more numerous than the contacts advisors follow, so a model of its own, linked
    to a contact once the company is followed. Filled by the SIRENE imports in bulk SQL
    (see territory.sirene.import): keep stored computed fields out of this model.
    """

    _name = "territory.establishment"
    _description = "Establishment"
    # A copy of the SIRENE register, kept up to date by imports whose reports say who ran
    # them and when: no per-row create/write user and date, whose two foreign-key checks
    # would cost a first import about two thirds of what all its indexes cost.
    _log_access = False
    _order = "legal_unit_name, siret"
    _rec_names_search = ["siret", "legal_unit_name", "trade_names"]

    siret = fields.Char(string="SIRET", required=True, readonly=True)  # unique: indexed
    siren = fields.Char(string="SIREN", required=True, index=True, readonly=True)
    nic = fields.Char(string="NIC", readonly=True)
    legal_unit_name = fields.Char(help="Name of the company (legal unit) in SIRENE.")
    trade_names = fields.Char(help="Usual name and signs of the establishment.")
    is_head_office = fields.Boolean(string="Head Office")
    creation_date = fields.Date()
    state = fields.Selection(
        [("active", "Active"), ("closed", "Closed")],
        string="Administrative State",
        required=True,
        default="active",
    )
    closing_date = fields.Date()
    # Not indexed: searched with ilike (which a btree cannot serve) and grouped by section;
    # every index slows the inserts of a first SIRENE import.
    naf_code = fields.Char(string="NAF Code", help="Main activity (APE), e.g. 26.52Z.")
    naf_nomenclature = fields.Char(
        string="NAF Nomenclature", help="Nomenclature of the NAF code: NAFRev2, NAF2025..."
    )
    naf25_code = fields.Char(
        string="NAF 2025 Code", help="Main activity in the NAF 2025 nomenclature (from 2027)."
    )
    craft_code = fields.Char(
        string="Craft Activity Code", help="Activity in the craft register (APRM)."
    )
    naf_section = fields.Selection(
        NAF_SECTIONS,
        string="NAF Section",
        readonly=True,
        help="Section (A to U) of the NAF code, set by the imports.",
    )
    headcount_bracket = fields.Selection(HEADCOUNT_BRACKETS)
    headcount_year = fields.Integer()
    company_category = fields.Selection(
        [("PME", "SME"), ("ETI", "Mid-cap"), ("GE", "Large company")],
        help="Category of the company (legal unit) in SIRENE.",
    )
    legal_category = fields.Char(help="Legal category code of the legal unit, e.g. 5710.")
    is_employer = fields.Boolean(string="Employer")
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    commune_id = fields.Many2one("territory.commune", ondelete="restrict", index=True)
    # Only Paris, Lyon and Marseille have them: a partial index, nothing for other rows.
    arrondissement_id = fields.Many2one(
        "territory.arrondissement",
        ondelete="restrict",
        index="btree_not_null",
        help="The arrondissement of Paris, Lyon or Marseille SIRENE gives for the "
        "establishment; its commune is the city.",
    )
    epci_id = fields.Many2one(related="commune_id.epci_id", store=True, index=True)
    partially_diffusible = fields.Boolean(
        readonly=True,
        help="The unit asked for partial diffusion: its data is never shown or exported "
        "for outreach.",
    )
    sirene_fingerprint = fields.Char(
        readonly=True,
        copy=False,
        prefetch=False,
        help="Hash of the cells of the StockEtablissement row that last wrote this "
        "establishment: a re-import sets the same row apart without checking it again. "
        "Cleared when the establishment's SIRENE data is edited otherwise.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Followed Contact",
        index="btree_not_null",
        help="The contact of this company, once advisors follow it.",
    )
    is_met_recently = fields.Boolean(
        string="Met in the Last 12 Months",
        compute="_compute_is_met_recently",
        search="_search_is_met_recently",
        help="Someone met this company (meeting, visit, support case, event...) in the last "
        "12 months: its followed contact, or a contact of the same company, took part.",
    )

    # Few indexes on purpose: every one slows the bulk imports. State and headcount have
    # a handful of values each (an index would not be used); SIRET is indexed by its
    # unique constraint; the name and SIRET of _order by one made in init().
    _sql_constraints = [
        ("siret_unique", "UNIQUE(siret)", "An establishment with this SIRET already exists."),
    ]

    def init(self):
        # The lists open sorted by _order: without this index PostgreSQL sorts the million
        # active establishments of a région for each first page (most of a second).
        tools.create_index(
            self.env.cr,
            "territory_establishment_name_siret_index",
            self._table,
            ["legal_unit_name", "siret"],
        )
        # Fill the NAF section of establishments imported before the column existed.
        self.env.cr.execute(
            SQL(
                "UPDATE territory_establishment SET naf_section = %s "
                "WHERE naf_section IS NULL AND naf_code ~ '^[0-9][0-9]'",
                naf_section_sql(SQL.identifier("naf_code")),
            )
        )

    @api.depends("siret", "legal_unit_name", "trade_names", "partially_diffusible")
    def _compute_display_name(self):
        for establishment in self:
            if establishment.partially_diffusible:
                establishment.display_name = self.env._(
                    "Non-diffusible establishment %(siret)s", siret=establishment.siret
                )
            else:
                name = establishment.trade_names or establishment.legal_unit_name
                establishment.display_name = (
                    f"{name} ({establishment.siret})" if name else establishment.siret
                )

    def _compute_is_met_recently(self):
        met = set()
        if self.ids:
            self.env.flush_all()  # the queries of the hook read other models' tables
            query = self._met_establishments_sql(self._coverage_date_from())
            self.env.cr.execute(
                SQL("SELECT id FROM (%s) met WHERE id = ANY(%s)", query, list(self.ids))
            )
            met = {row[0] for row in self.env.cr.fetchall()}
        for establishment in self:
            establishment.is_met_recently = establishment.id in met

    def _search_is_met_recently(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(
                self.env._("Unsupported search on the coverage: %(operator)s", operator=operator)
            )
        met = (operator == "=") == bool(value)
        self.env.flush_all()  # the queries of the hook read other models' tables
        # On the followed contacts, a few thousand partners, not on the establishments:
        # "id NOT IN (establishments met)" made PostgreSQL compare each of 2,000,000 rows
        # with the whole list (minutes); NOT IN a small set of partners is hashed.
        partners = SQL("(%s)", self._met_contacts_sql(self._coverage_date_from()))
        if met:
            return [("partner_id", "in", partners)]
        return ["|", ("partner_id", "=", False), ("partner_id", "not in", partners)]

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "naf_code" in vals and "naf_section" not in vals:
                vals["naf_section"] = naf_section(vals["naf_code"]) or False
        return super().create(vals_list)

    def write(self, vals):
        if "naf_code" in vals and "naf_section" not in vals:
            vals = {**vals, "naf_section": naf_section(vals["naf_code"]) or False}
        if "sirene_fingerprint" not in vals and not vals.keys().isdisjoint(FILE_COLUMNS):
            # No longer what the file's row gave: the next import compares it in full.
            vals = {**vals, "sirene_fingerprint": False}
        return super().write(vals)

    # ------------------------------------------------------------------ actions
    def action_export_xlsx(self):
        """Download the establishments selected in the list, or all those of the current
        search when the whole search is selected (``active_domain``)."""
        domain = self.env.context.get("active_domain")
        # The whole search selected: the web client sends its first 20,000 ids and the
        # domain; export by domain (a short URL, no limit).
        if domain is not None and (len(self) >= 20000 or self.search_count(domain) <= len(self)):
            target = {"domain": json.dumps(domain)}
        else:
            target = {"ids": ",".join(map(str, self.ids))}
        return {
            "type": "ir.actions.act_url",
            "url": "/territoire_industrie/establishments.xlsx?" + urlencode(target),
            "target": "download",
        }

    # ------------------------------------------------------------------ coverage
    @api.model
    def _coverage_date_from(self):
        return fields.Date.context_today(self) - relativedelta(months=12)

    @api.model
    def _coverage_partner_queries(self, date_from):
        """Queries (``odoo.tools.SQL``), each selecting one column of ``res.partner`` ids
        met since ``date_from`` (a date). The observatory maps them to their commercial
        partner: a meeting with an employee covers the company.

        Addons add theirs: ``return super()._coverage_partner_queries(date_from) + [SQL(...)]``
        (support cases, visits, events attended...). Here: the attendees of the calendar
        meetings held since ``date_from``.
        """
        return [
            SQL(
                """
            SELECT rel.res_partner_id
              FROM calendar_event_res_partner_rel rel
              JOIN calendar_event ev ON ev.id = rel.calendar_event_id
             WHERE ev.active AND ev.start >= %(date_from)s AND ev.start <= now() AT TIME ZONE 'UTC'
            """,
                date_from=date_from,
            )
        ]

    @api.model
    def _met_partners_sql(self, date_from):
        """SQL selecting the distinct commercial partners (``id``) met since ``date_from``."""
        queries = self._coverage_partner_queries(date_from)
        return SQL(
            """
            SELECT DISTINCT COALESCE(p.commercial_partner_id, p.id) AS id
              FROM res_partner p
             WHERE p.id IN (%s)
            """,
            SQL(" UNION ").join(SQL("(%s)", query) for query in queries),
        )

    @api.model
    def _met_contacts_sql(self, date_from):
        """SQL selecting the contacts (``id``) whose commercial partner was met since
        ``date_from``: the followed contacts of the establishments met."""
        return SQL(
            """
            SELECT ep.id FROM res_partner ep
             WHERE COALESCE(ep.commercial_partner_id, ep.id) IN (%s)
            """,
            self._met_partners_sql(date_from),
        )

    def _met_establishments_sql(self, date_from):
        """SQL selecting the ids (``id``) of the establishments whose followed contact, or
        its commercial partner, was met since ``date_from``."""
        return SQL(
            """
            SELECT e.id
              FROM territory_establishment e
              JOIN res_partner ep ON ep.id = e.partner_id
             WHERE COALESCE(ep.commercial_partner_id, ep.id) IN (%s)
            """,
            self._met_partners_sql(date_from),
        )

    @api.model
    def _coverage_report(self, date_from=None, domain=None):
        """Active establishments, those met since ``date_from`` and the share met, per EPCI
        and NAF section, over the establishments the user may read.

        Return a list of dicts: epci_id, naf_section, establishment_count, met_count, share
        (percent), ordered by EPCI and section.
        """
        date_from = date_from or self._coverage_date_from()
        self.env.flush_all()  # the queries of the hook read other models' tables
        domain = [("state", "=", "active"), *(domain or [])]
        groups = ["epci_id", "naf_section"]
        # The totals as the analysis counts them (from its tally when the domain allows);
        # those met among the establishments of followed contacts only (a few thousand).
        analysis = self.env["territory.establishment.analysis"]
        counted = analysis if all(self._leaf_on(analysis, leaf) for leaf in domain) else self
        totals = counted._read_group(domain, groups, ["__count"])
        met_contacts = SQL("(%s)", self._met_contacts_sql(date_from))
        met = {
            (epci.id, section): count
            for epci, section, count in self._read_group(
                # "!= False" first: the partial index of the followed ones, not a scan.
                [*domain, ("partner_id", "!=", False), ("partner_id", "in", met_contacts)],
                groups,
                ["__count"],
            )
        }
        rows = [
            {
                "epci_id": epci.id or None,
                "naf_section": section or None,
                "establishment_count": total,
                "met_count": met.get((epci.id, section), 0),
                "share": 100.0 * met.get((epci.id, section), 0) / total if total else 0.0,
            }
            for epci, section, total in totals
        ]
        return sorted(
            rows,
            key=lambda row: (
                row["epci_id"] is None,
                row["epci_id"] or 0,
                row["naf_section"] is None,
                row["naf_section"] or "",
            ),
        )

    @api.model
    def _leaf_on(self, model, leaf):
        """Whether the domain element ``leaf`` can be searched on ``model`` too."""
        return isinstance(leaf, str) or (
            isinstance(leaf[0], str) and leaf[0].split(".")[0] in model._fields
        )
