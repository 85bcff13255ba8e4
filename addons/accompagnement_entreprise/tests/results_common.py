from odoo.tests import new_test_user

from .common import AccompagnementCase


class ResultsCase(AccompagnementCase):
    """Two EPCIs, an organisation, two advisors and a helper to write dated cases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Epci = cls.env["territory.epci"]
        cls.epci_a = Epci.create({"siren": "990000011", "name": "CC Résultats Amont"})
        cls.epci_b = Epci.create({"siren": "990000012", "name": "CC Résultats Aval"})
        Commune = cls.env["territory.commune"]
        cls.commune_a = Commune.create(
            {"code": "99911", "name": "Amont-Village", "epci_id": cls.epci_a.id}
        )
        cls.commune_b = Commune.create(
            {"code": "99912", "name": "Aval-Bourg", "epci_id": cls.epci_b.id}
        )
        Partner = cls.env["res.partner"]
        cls.organisation = Partner.create(
            {"name": "Chambre des Résultats", "is_company": True, "organisation_type": "cci"}
        )
        cls.company_a = Partner.create(
            {"name": "Scierie Amont", "is_company": True, "commune_id": cls.commune_a.id}
        )
        cls.company_b = Partner.create(
            {"name": "Fonderie Aval", "is_company": True, "commune_id": cls.commune_b.id}
        )
        advisor_group = "accompagnement_entreprise.accompagnement_entreprise_group_user"
        cls.advisor_2 = new_test_user(cls.env, "ae_advisor_2", groups=advisor_group)
        cls.territory_partner = new_test_user(
            cls.env,
            "ae_territory_partner",
            groups="accompagnement_entreprise.accompagnement_entreprise_group_partner",
        )
        cls.territory_partner.territory_epci_ids = cls.epci_a
        # Not a confidential programme: territory partners read its cases.
        cls.programme = cls.env.ref("accompagnement_entreprise.support_programme_digitalisation")
        cls.stage_progress = cls.env.ref(
            "accompagnement_entreprise.support_case_stage_digital_diagnostic"
        )
        cls.stage_closed = cls.env.ref("accompagnement_entreprise.support_case_stage_closed")
        cls.stage_new = cls.env.ref("accompagnement_entreprise.support_case_stage_new")

    @classmethod
    def _case(cls, date_open, taken=None, closed=None, reason="done", useful=False, **values):
        """A case of the organisation opened on ``date_open``, taken and closed on dates."""
        stage = cls.stage_closed if closed else cls.stage_progress if taken else cls.stage_new
        return cls.env["support.case"].create(
            {
                "name": f"Dossier du {date_open}",
                "partner_id": cls.company_a.id,
                "programme_id": cls.programme.id,
                "organisation_id": cls.organisation.id,
                "user_id": cls.advisor.id,
                "stage_id": stage.id,
                "date_open": date_open,
                "date_taken": taken,
                "date_closed": closed,
                "closing_reason": reason if closed else False,
                "satisfaction_useful": useful,
                **values,
            }
        )
