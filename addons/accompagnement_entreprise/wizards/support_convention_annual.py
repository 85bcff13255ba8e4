from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..models.support_case import CLOSING_REASONS
from ..models.support_case_results import RAW_COUNTS


class SupportConventionAnnual(models.TransientModel):
    """The yearly support figures of a convention for its elected officials, per EPCI."""

    _name = "support.convention.annual"
    _description = "Annual Support Report of a Convention"

    convention_id = fields.Many2one(
        "territory.convention",
        required=True,
        ondelete="cascade",
        default=lambda self: (
            self.env.context.get("active_model") == "territory.convention"
            and self.env.context.get("active_id")
        ),
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)

    @api.constrains("year")
    def _check_year(self):
        for report in self:
            if not 2000 <= report.year <= 2100:
                raise ValidationError(self.env._("Choose a year between 2000 and 2100."))

    def _territory_epcis(self):
        """EPCIs of the convention's territorial scope."""
        convention = self.convention_id
        return (
            convention.epci_ids | convention.industry_ids.epci_ids | convention.commune_ids.epci_id
        ).sorted("name")

    def _get_report_sections(self):
        """The total of the convention then one section per EPCI, for the year.

        Every figure comes from grouped queries over the cases the reader may see.
        """
        self.ensure_one()
        Case = self.env["support.case"]
        date_from = fields.Date.to_date(f"{self.year}-01-01")
        date_to = fields.Date.to_date(f"{self.year}-12-31")
        domain = [("convention_id", "=", self.convention_id.id)]
        total = Case._results_raw(domain, [], date_from, date_to)
        per_epci = Case._results_raw(domain, ["epci_id"], date_from, date_to)
        opened_domain = [*domain, ("date_open", ">=", date_from), ("date_open", "<=", date_to)]
        aggregates = ["__count", "partner_id:count_distinct"]
        programmes = {}  # EPCI (False for the whole territory) -> (programme, cases, companies)
        for programme, count, companies in Case._read_group(
            opened_domain, ["programme_id"], aggregates
        ):
            programmes.setdefault(False, []).append((programme, count, companies))
        for epci, programme, count, companies in Case._read_group(
            opened_domain, ["epci_id", "programme_id"], aggregates
        ):
            programmes.setdefault(epci, []).append((programme, count, companies))
        reasons = dict(Case._fields["closing_reason"]._description_selection(self.env))
        epcis = self._territory_epcis().union(*(key[0] for key in per_epci))
        sections = [(False, total.get((None,)))]
        sections += [(epci, per_epci.get((epci, None))) for epci in epcis.sorted("name")]
        result = []
        for epci, counts in sections:
            counts = counts or dict.fromkeys(RAW_COUNTS, 0)
            by_programme = [
                {"name": programme.name, "cases": count, "companies": companies}
                for programme, count, companies in programmes.get(epci, [])
            ]
            result.append(
                {
                    "epci": epci,
                    "title": epci.name if epci else self.env._("Whole territory of the convention"),
                    "figures": Case._results_figures(counts),
                    "programmes": sorted(by_programme, key=lambda line: line["name"]),
                    "closing": [
                        (reasons[reason], counts[f"closed_{reason}"])
                        for reason, _label in CLOSING_REASONS
                        if counts[f"closed_{reason}"]
                    ],
                }
            )
        return result

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "accompagnement_entreprise.support_convention_annual_report"
        ).report_action(self)
