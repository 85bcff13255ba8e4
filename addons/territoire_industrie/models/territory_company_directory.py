import datetime
import logging
import time

from odoo import api, models
from odoo.exceptions import UserError

from ..tools import recherche_entreprises as api_client
from .territory_sirene_import import FILE_COLUMNS, LEGAL_UNIT_COLUMNS

_logger = logging.getLogger(__name__)

URL_PARAMETER = "territoire_industrie.recherche_entreprises_url"


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


class TerritoryCompanyDirectory(models.AbstractModel):
    """The public API Recherche d'entreprises, seen from Odoo: look companies up, refresh
    the establishments of communes. The API base URL is the system parameter
    ``territoire_industrie.recherche_entreprises_url`` (tests point it to a local fake)."""

    _name = "territory.company.directory"
    _description = "Company Directory (API Recherche d'entreprises)"

    def _client(self):
        url = self.env["ir.config_parameter"].sudo().get_param(URL_PARAMETER)
        return api_client.RechercheEntreprisesClient(base_url=url or api_client.BASE_URL)

    def _error_message(self, error):
        messages = {
            "unreachable": self.env._(
                "The company directory (API Recherche d'entreprises) cannot be reached: "
                "check the network connection of the server, then try again."
            ),
            "timeout": self.env._(
                "The company directory (API Recherche d'entreprises) did not answer in time, "
                "even after several tries. Try again later."
            ),
            "http_error": self.env._(
                "The company directory (API Recherche d'entreprises) refused the request "
                "(HTTP %(status)s).",
                status=error.params.get("status"),
            ),
            "bad_response": self.env._(
                "The company directory (API Recherche d'entreprises) sent an unexpected answer."
            ),
        }
        return messages[error.code]

    @api.model
    def search_companies(self, query):
        """The first page of companies matching a SIREN, a SIRET or a name."""
        query = (query or "").strip()
        if query.replace(" ", "").isdigit():  # a SIREN or SIRET typed with spaces
            query = query.replace(" ", "")
        if len(query) < 3:
            raise UserError(self.env._("Type at least 3 characters, a SIREN or a SIRET."))
        try:
            return self._client().search(q=query)["results"]
        except api_client.RechercheEntreprisesError as error:
            raise UserError(self._error_message(error)) from error

    @api.model
    def _establishment_values(self, company, establishment):
        """Our establishment and legal-unit columns from one API establishment."""
        closed = establishment.get("etat_administratif") == "F"
        hidden = (establishment.get("statut_diffusion_etablissement") or "O") != "O"
        names = [establishment.get("nom_commercial"), *(establishment.get("liste_enseignes") or [])]
        return {
            "siret": establishment["siret"],
            "siren": establishment["siret"][:9],
            "nic": establishment["siret"][9:],
            "partially_diffusible": hidden,
            "creation_date": _date(establishment.get("date_creation")),
            "state": "closed" if closed else "active",
            "closing_date": _date(establishment.get("date_fermeture")) if closed else None,
            "naf_code": establishment.get("activite_principale"),
            "naf_nomenclature": "NAFRev2",
            "naf25_code": None,
            "craft_code": establishment.get("activite_principale_registre_metier"),
            "headcount_bracket": establishment.get("tranche_effectif_salarie"),
            "headcount_year": int(establishment["annee_tranche_effectif_salarie"])
            if establishment.get("annee_tranche_effectif_salarie")
            else None,
            "is_head_office": bool(establishment.get("est_siege")),
            "is_employer": establishment.get("caractere_employeur") == "O",
            "trade_names": None
            if hidden
            else (", ".join(dict.fromkeys(n for n in names if n)) or None),
            "street": None if hidden else establishment.get("adresse"),
            "street2": None,
            "zip": establishment.get("code_postal"),
            "city": establishment.get("libelle_commune"),
            "commune_code": establishment.get("commune"),
            "legal_unit_name": None
            if company.get("statut_diffusion") == "P"
            else company.get("nom_raison_sociale") or company.get("nom_complet"),
            "legal_category": company.get("nature_juridique"),
            "company_category": company.get("categorie_entreprise"),
        }

    @api.model
    def refresh_communes(self, commune_codes):
        """Refresh every establishment the API knows in these communes; return the report.

        The API gives an establishment the code SIRENE does: an arrondissement's for Paris,
        Lyon and Marseille, so these are asked arrondissement by arrondissement."""
        started = time.monotonic()
        Import = self.env["territory.sirene.import"]
        communes = (
            self.env["territory.commune"]
            .with_context(active_test=False)
            .search([("code", "in", list(commune_codes))])
        )
        client = self._client()
        stats = dict.fromkeys(
            ("rows_read", "created_count", "updated_count", "unchanged_count", "closed_count"), 0
        )
        found = []
        try:
            for code in communes._establishment_codes():
                for company in client.iter_results(commune=code):
                    places = company.get("matching_etablissements") or [company.get("siege")]
                    found.extend((company, place) for place in places if place)
        except api_client.RechercheEntreprisesError as error:
            raise UserError(self._error_message(error)) from error
        resolved = self.env["territory.commune"]._resolve_codes(p.get("commune") for _c, p in found)
        rows, legal_units = {}, {}
        for company, place in found:
            commune, arrondissement = resolved.get(place.get("commune"), (None, None))
            if commune not in communes:  # the API matched the company on another place
                continue
            values = self._establishment_values(company, place)
            values.update(self._place_values(commune, arrondissement))
            rows[values["siret"]] = tuple(values[c] for c in FILE_COLUMNS)
            legal_units[values["siren"]] = tuple(values[c] for c in LEGAL_UNIT_COLUMNS)
        with self.env.cr.savepoint():
            stats["rows_read"] = len(rows)
            if rows:
                Import._upsert_establishments(rows.values(), stats, FILE_COLUMNS)
                Import._update_legal_units(legal_units.values(), {"updated_count": 0})
        self.env["territory.establishment"].invalidate_model()
        _logger.info(
            "API refresh of %s communes: %s (%s requests)",
            len(communes),
            stats,
            client.requests_sent,
        )
        return Import.create(
            {
                "name": self.env._("API Recherche d'entreprises"),
                "file_kind": "api",
                "scope": ", ".join(sorted(communes.mapped("code"))),
                "duration": time.monotonic() - started,
                **stats,
            }
        )

    @api.model
    def _place_values(self, commune, arrondissement):
        """The commune, arrondissement and EPCI columns of an establishment."""
        return {
            "commune_id": commune.id if commune else None,
            "arrondissement_id": arrondissement.id if arrondissement else None,
            "epci_id": (commune.epci_id.id or None) if commune else None,
        }

    @api.model
    def upsert_company(self, company, create_contact=False):
        """Create or refresh the establishments of one API result (its siège and the
        establishments it lists); with ``create_contact``, also the followed contact."""
        # The rows are written in SQL: check the ORM's rights first.
        self.env["territory.establishment"].check_access("create")
        self.env["territory.establishment"].check_access("write")
        places = [
            p
            for p in [company.get("siege"), *(company.get("matching_etablissements") or [])]
            if p and p.get("siret")
        ]
        resolved = self.env["territory.commune"]._resolve_codes(p.get("commune") for p in places)
        rows, legal_units = {}, {}
        for place in places:
            values = self._establishment_values(company, place)
            values.update(self._place_values(*resolved.get(values["commune_code"], (None, None))))
            rows[values["siret"]] = tuple(values[c] for c in FILE_COLUMNS)
            legal_units[values["siren"]] = tuple(values[c] for c in LEGAL_UNIT_COLUMNS)
        Import = self.env["territory.sirene.import"]
        stats = dict.fromkeys(
            ("created_count", "updated_count", "unchanged_count", "closed_count"), 0
        )
        if rows:
            Import._upsert_establishments(rows.values(), stats, FILE_COLUMNS)
            Import._update_legal_units(legal_units.values(), {"updated_count": 0})
        Establishment = self.env["territory.establishment"]
        Establishment.invalidate_model()
        establishments = Establishment.search([("siret", "in", list(rows))])
        if create_contact:
            head_office = establishments.filtered("is_head_office")[:1] or establishments[:1]
            if head_office.partially_diffusible:
                raise UserError(
                    self.env._(
                        "This company asked for partial diffusion of its data: it cannot be turned "
                        "into a contact from the directory."
                    )
                )
            partner = self.env["res.partner"].search(
                [("company_registry", "in", [head_office.siret, head_office.siren])], limit=1
            ) or self.env["res.partner"].create(
                {
                    "name": head_office.legal_unit_name or head_office.display_name,
                    "is_company": True,
                    "company_registry": head_office.siret,
                    "street": head_office.street,
                    "zip": head_office.zip,
                    "city": head_office.city,
                    "country_id": self.env.ref("base.fr").id,
                }
            )
            establishments.filtered(lambda e: not e.partner_id).partner_id = partner
        return establishments
