"""A local fake of the API Recherche d'entreprises speaking its real JSON format."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


def company(siret, commune, name="ATELIERS DU RUSSEY", **extra):
    """One result as the API gives it (unite legale with siege and matching etablissements)."""
    establishment = {
        "activite_principale": "26.52Z",
        "adresse": "12 RUE DE LA GARE 25210 LE RUSSEY",
        "annee_tranche_effectif_salarie": "2023",
        "caractere_employeur": "O",
        "code_postal": "25210",
        "commune": commune,
        "date_creation": "2024-07-01",
        "date_debut_activite": "2024-07-01",
        "date_fermeture": None,
        "epci": "242504496",
        "est_siege": True,
        "etat_administratif": "A",
        "liste_enseignes": ["LES PETITS ATELIERS"],
        "libelle_commune": "LE RUSSEY",
        "nom_commercial": None,
        "siret": siret,
        "statut_diffusion_etablissement": "O",
        "tranche_effectif_salarie": "01",
    }
    establishment.update(extra)
    return {
        "siren": siret[:9],
        "nom_complet": name,
        "nom_raison_sociale": name,
        "sigle": None,
        "nombre_etablissements": 1,
        "nombre_etablissements_ouverts": 1,
        "siege": establishment,
        "activite_principale": "26.52Z",
        "categorie_entreprise": "PME",
        "annee_categorie_entreprise": "2023",
        "date_creation": "2024-07-01",
        "date_mise_a_jour": "2025-01-01T00:00:00",
        "dirigeants": [],
        "etat_administratif": "A",
        "nature_juridique": "5710",
        "section_activite_principale": "C",
        "tranche_effectif_salarie": "01",
        "annee_tranche_effectif_salarie": "2023",
        "statut_diffusion": "O",
        "matching_etablissements": [establishment],
        "finances": {},
        "complements": {},
    }


class FakeApi:
    """Serve ``companies`` on /search, filtered by ``commune`` and ``q``, paged like the API.

    ``failures`` is a list of HTTP statuses (or "garbage") answered first, in order.
    """

    def __init__(self, companies=(), failures=(), claimed_total_pages=None):
        self.companies = list(companies)
        self.failures = list(failures)
        self.claimed_total_pages = claimed_total_pages
        self.requests = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                url = urlparse(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                fake.requests.append(params)
                if fake.failures:
                    failure = fake.failures.pop(0)
                    if failure == "garbage":
                        return self._send(200, b"<html>maintenance</html>")
                    else:
                        return self._send(failure, b'{"erreur": "trop de requetes"}')
                if url.path != "/search":
                    return self._send(404, b"{}")
                per_page = int(params.get("per_page", 10))
                if per_page > 25:
                    return self._send(400, b'{"erreur": "per_page <= 25"}')
                page = int(params.get("page", 1))
                found = [
                    c
                    for c in fake.companies
                    if (
                        "commune" not in params
                        or any(
                            e["commune"] == params["commune"] for e in c["matching_etablissements"]
                        )
                    )
                    and params.get("q", "").upper()
                    in f"{c['nom_complet']} {c['siren']} {c['siege']['siret']}"
                ]
                total_pages = fake.claimed_total_pages or max(1, -(-len(found) // per_page))
                body = {
                    "results": found[(page - 1) * per_page : page * per_page],
                    "total_results": len(found),
                    "page": page,
                    "per_page": per_page,
                    "total_pages": total_pages,
                }
                return self._send(200, json.dumps(body).encode())

            def _send(self, status, body):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
