from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ROLES = [
    ("elected_referent", "Elected Referent"),
    ("industrial_referent", "Industrial Referent"),
    ("project_manager", "Project Manager"),
    ("animator", "Animating Body"),
    ("state", "State"),
    ("region", "Region"),
    ("operator", "Operator"),
    ("other", "Other Partner"),
]
# Roles held by one partner at a time; the others may be shared.
UNIQUE_ROLES = ("elected_referent", "project_manager", "animator")


class TerritoryIndustryGovernance(models.Model):
    """Who governs a Territoire d'industrie, in which role, from when to when."""

    _name = "territory.industry.governance"
    _description = "Territoire d'industrie Governance Line"
    _order = "industry_id, role, date_start"

    industry_id = fields.Many2one(
        "territory.industry",
        string="Territoire d'industrie",
        required=True,
        ondelete="cascade",
        index=True,
    )
    role = fields.Selection(ROLES, required=True)
    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="restrict",
        index=True,
        help="Person or organisation holding the role.",
    )
    organisation_id = fields.Many2one(
        "res.partner",
        ondelete="set null",
        help="Organisation the person represents (company of the industrial referent, EPCI "
        "of the elected referent...).",
    )
    date_start = fields.Date(string="Start Date")
    date_end = fields.Date(string="End Date")
    note = fields.Char()

    _sql_constraints = [
        (
            "dates_check",
            "CHECK(date_end IS NULL OR date_start IS NULL OR date_start <= date_end)",
            "The end date of a governance line must come after its start date.",
        ),
    ]

    @api.constrains("role", "date_start", "date_end", "industry_id")
    def _check_unique_role_overlap(self):
        lines = self.filtered(lambda line: line.role in UNIQUE_ROLES)
        if not lines:
            return
        # One query for the whole batch, then the overlaps are found in memory.
        siblings = self.search(
            [("industry_id", "in", lines.industry_id.ids), ("role", "in", UNIQUE_ROLES)]
        )
        by_key = defaultdict(list)
        for sibling in siblings:
            by_key[(sibling.industry_id.id, sibling.role)].append(sibling)
        role_labels = dict(self._fields["role"]._description_selection(self.env))
        for line in lines:
            for other in by_key[(line.industry_id.id, line.role)]:
                if other == line or not line._overlaps(other):
                    continue
                raise ValidationError(
                    self.env._(
                        "The role %(role)s of %(territory)s is already held by %(partner)s "
                        "over this period: end that line before adding a new one.",
                        territory=line.industry_id.display_name,
                        role=role_labels[line.role],
                        partner=other.partner_id.display_name,
                    )
                )

    def _overlaps(self, other):
        """Open dates count as -infinity / +infinity."""
        self.ensure_one()
        starts_before_other_ends = (
            not self.date_start or not other.date_end or self.date_start <= other.date_end
        )
        ends_after_other_starts = (
            not self.date_end or not other.date_start or self.date_end >= other.date_start
        )
        return starts_before_other_ends and ends_after_other_starts
