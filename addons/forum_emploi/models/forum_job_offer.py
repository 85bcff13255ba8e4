import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ROME_CODE_RE = re.compile(r"^[A-N][0-9]{4}$")

CONTRACT_TYPES = [
    ("cdi", "Permanent contract (CDI)"),
    ("cdd", "Fixed-term contract (CDD)"),
    ("temporary", "Temporary work"),
    ("seasonal", "Seasonal"),
    ("apprenticeship", "Apprenticeship"),
    ("professionalisation", "Professionalisation contract"),
    ("internship", "Internship"),
    ("other", "Other"),
]


def normalise_rome_code(code):
    return (code or "").strip().upper()


def is_valid_rome_code(code):
    return bool(ROME_CODE_RE.match(code or ""))


class ForumJobOffer(models.Model):
    _name = "forum.job.offer"
    _description = "Forum Job Offer"
    _order = "event_id, exhibitor_id, rome_code, id"

    name = fields.Char(string="Title", required=True)
    exhibitor_id = fields.Many2one("forum.exhibitor", required=True, ondelete="cascade", index=True)
    event_id = fields.Many2one(
        related="exhibitor_id.event_id", string="Forum", store=True, index=True
    )
    partner_id = fields.Many2one(related="exhibitor_id.partner_id", string="Company")
    rome_code = fields.Char(
        string="ROME Code",
        required=True,
        size=5,
        help="Code of the job in France Travail's ROME: one letter (A to N) and 4 digits, "
        "e.g. H2913.",
    )
    rome_family = fields.Char(
        compute="_compute_rome_family",
        store=True,
        help="Letter of the ROME code: the large job family (H: industry, N: transport...).",
    )
    job_title = fields.Char(help="Job title (appellation) as named in the ROME.")
    contract_type = fields.Selection(CONTRACT_TYPES, required=True, default="cdi")
    positions = fields.Integer(default=1, required=True, help="Number of people to hire.")
    commune_id = fields.Many2one(
        "territory.commune", string="Workplace", ondelete="restrict", index="btree_not_null"
    )
    france_travail_ref = fields.Char(
        string="France Travail Reference", help="Identifier of the offer on France Travail."
    )
    description = fields.Text()
    hires_reported = fields.Integer(
        string="Hires",
        help="People hired on this offer, as reported by the recruiter in the questionnaire "
        "six weeks after the forum.",
    )

    _sql_constraints = [
        ("positions_positive", "CHECK(positions > 0)", "An offer has at least one position."),
        ("hires_positive", "CHECK(hires_reported >= 0)", "Hires cannot be negative."),
    ]

    @api.depends("rome_code")
    def _compute_rome_family(self):
        for offer in self:
            offer.rome_family = (offer.rome_code or "")[:1] or False

    @api.model
    def _rome_family_name(self, family):
        """The ROME's large job family of a letter, e.g. "H - Industry"."""
        _ = self.env._
        names = {
            "A": _("Agriculture, fishing, natural areas, animal care"),
            "B": _("Arts and crafts"),
            "C": _("Banking, insurance, real estate"),
            "D": _("Retail, sales and mass distribution"),
            "E": _("Communication, media and multimedia"),
            "F": _("Construction and public works"),
            "G": _("Hotels, restaurants, tourism and leisure"),
            "H": _("Industry"),
            "I": _("Installation and maintenance"),
            "J": _("Health"),
            "K": _("Personal and community services"),
            "L": _("Performing arts"),
            "M": _("Business support"),
            "N": _("Transport and logistics"),
        }
        return f"{family} - {names[family]}" if family in names else family or ""

    @api.constrains("rome_code")
    def _check_rome_code(self):
        for offer in self:
            if not is_valid_rome_code(offer.rome_code):
                raise ValidationError(self._rome_code_error(offer.rome_code))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "rome_code" in vals:
                vals["rome_code"] = self._normalised_rome_code(vals["rome_code"])
        return super().create(vals_list)

    def write(self, vals):
        if "rome_code" in vals:
            vals = {**vals, "rome_code": self._normalised_rome_code(vals["rome_code"])}
        return super().write(vals)

    @api.model
    def _normalised_rome_code(self, code):
        """The code as stored; refused before the field's size (5) would cut a longer one
        down to a valid-looking code (H29130 to H2913)."""
        code = normalise_rome_code(code)
        if len(code) > self._fields["rome_code"].size:
            raise ValidationError(self._rome_code_error(code))
        return code

    @api.model
    def _rome_code_error(self, code):
        return self.env._(
            "The ROME code %(code)s is not valid: it must be one letter from A to N "
            "followed by 4 digits, e.g. H2913.",
            code=code,
        )
