from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.territoire_industrie.models.territory_establishment import HEADCOUNT_BRACKETS
from odoo.addons.territoire_industrie.tools.naf import naf_section

HEADCOUNT_ORDER = [code for code, _label in HEADCOUNT_BRACKETS]


def _tokens(text):
    """The comma-separated codes of ``text``, without dots or spaces, upper case."""
    return [t.replace(".", "").strip().upper() for t in (text or "").split(",") if t.strip()]


class SupportProgramme(models.Model):
    """A support scheme companies are followed in (business transfer, RH+ audit...).

    Programmes are data, not code: a manager adds a new one from the configuration menu.
    """

    _name = "support.programme"
    _description = "Support Programme"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short technical code, unique, used in imports and reports.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Html(
        translate=True,
        help="What the programme offers and to whom, shown to advisors.",
    )
    confidential = fields.Boolean(
        help="Territory partners do not see the cases of this programme: an owner's intent "
        "to sell a business, for instance, stays between the company and its advisors.",
    )
    stage_ids = fields.Many2many(
        "support.case.stage",
        string="Own Stages",
        default=lambda self: self.env.ref(
            "accompagnement_entreprise.support_case_stage_progress", raise_if_not_found=False
        ),
        help="Stages of this programme; stages without programme are shared by all.",
    )
    case_ids = fields.One2many("support.case", "programme_id", string="Cases")
    case_count = fields.Integer(compute="_compute_case_count")
    # Eligibility: empty rules accept every company.
    eligibility_naf_codes = fields.Char(
        string="Eligible Activities",
        help="NAF sections (one letter) or code prefixes, separated by commas, e.g. "
        '"C, 47.11, 10". Empty: every activity.',
    )
    eligibility_headcount_min = fields.Selection(
        HEADCOUNT_BRACKETS,
        string="Headcount From",
        help="Smallest SIRENE headcount bracket accepted. Empty: no minimum.",
    )
    eligibility_headcount_max = fields.Selection(
        HEADCOUNT_BRACKETS,
        string="Headcount Up To",
        help="Largest SIRENE headcount bracket accepted. Empty: no maximum.",
    )
    eligibility_age_min = fields.Integer(
        string="Minimum Age (Years)",
        help="The establishment must have been created at least this many years ago. "
        "0: no minimum.",
    )
    eligibility_age_max = fields.Integer(
        string="Younger Than (Years)",
        help="The establishment must have been created less than this many years ago. "
        "0: no maximum.",
    )
    eligibility_legal_categories = fields.Char(
        string="Eligible Legal Categories",
        help="Prefixes of the SIRENE legal category, separated by commas, e.g. "
        '"5" for commercial companies, "1" for sole traders. Empty: every category.',
    )
    eligibility_craft_only = fields.Boolean(
        string="Craft Companies Only",
        help="Only establishments registered in the craft register (with an APRM code).",
    )
    has_eligibility_rules = fields.Boolean(compute="_compute_has_eligibility_rules")
    # Reminders while a case waits to be taken in charge.
    reminder_days = fields.Integer(
        string="Reminder After (Days)",
        default=9,
        help="Days after its opening when a case not taken in charge is reminded.",
    )
    last_chance_days = fields.Integer(
        string="Last Chance After (Days)",
        default=21,
        help="Days after its opening when a case not taken in charge gets a last reminder.",
    )
    abandon_days = fields.Integer(
        string="Abandon Proposed After (Days)",
        default=45,
        help="Days after its opening when closing a case never taken in charge is proposed.",
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Another programme already uses this code."),
    ]

    @api.depends(
        "eligibility_naf_codes",
        "eligibility_headcount_min",
        "eligibility_headcount_max",
        "eligibility_age_min",
        "eligibility_age_max",
        "eligibility_legal_categories",
        "eligibility_craft_only",
    )
    def _compute_has_eligibility_rules(self):
        for programme in self:
            programme.has_eligibility_rules = bool(
                programme.eligibility_naf_codes
                or programme.eligibility_headcount_min
                or programme.eligibility_headcount_max
                or programme.eligibility_age_min
                or programme.eligibility_age_max
                or programme.eligibility_legal_categories
                or programme.eligibility_craft_only
            )

    def _compute_case_count(self):
        counts = dict(
            self.env["support.case"]._read_group(
                [("programme_id", "in", self.ids)], ["programme_id"], ["__count"]
            )
        )
        for programme in self:
            programme.case_count = counts.get(programme, 0)

    @api.constrains("eligibility_naf_codes")
    def _check_eligibility_naf_codes(self):
        for programme in self:
            for token in _tokens(programme.eligibility_naf_codes):
                if not (token.isalpha() and len(token) == 1) and not naf_section(token):
                    raise ValidationError(
                        self.env._(
                            "%(code)s is neither a NAF section (a letter) nor a NAF code prefix "
                            "(e.g. 47.11).",
                            code=token,
                        )
                    )

    @api.constrains("eligibility_headcount_min", "eligibility_headcount_max")
    def _check_eligibility_headcount(self):
        for programme in self:
            low, high = programme.eligibility_headcount_min, programme.eligibility_headcount_max
            if low and high and HEADCOUNT_ORDER.index(low) > HEADCOUNT_ORDER.index(high):
                raise ValidationError(
                    self.env._("The smallest headcount bracket is above the largest one.")
                )

    @api.constrains("eligibility_age_min", "eligibility_age_max")
    def _check_eligibility_age(self):
        for programme in self:
            low, high = programme.eligibility_age_min, programme.eligibility_age_max
            if low < 0 or high < 0 or (high and low >= high):
                raise ValidationError(
                    self.env._(
                        "The company ages must be positive and the minimum age below the "
                        "maximum age."
                    )
                )

    @api.constrains("reminder_days", "last_chance_days", "abandon_days")
    def _check_reminder_days(self):
        for programme in self:
            if (
                not 0
                < programme.reminder_days
                < programme.last_chance_days
                < (programme.abandon_days)
            ):
                raise ValidationError(
                    self.env._(
                        "The reminder delays of %(programme)s must be positive and increasing: "
                        "reminder, then last chance, then abandon.",
                        programme=programme.name,
                    )
                )

    def _stages(self):
        """The stages of this programme, its own and the shared ones, in order.

        Without programme (a case being created), only the shared stages.
        """
        if len(self) > 1:
            self.ensure_one()
        return self.env["support.case.stage"].search(
            ["|", ("programme_ids", "=", False), ("programme_ids", "in", self.ids)]
        )

    def _ineligibility_reasons(self, establishment, date=None):
        """Why the company of ``establishment`` may not enter this programme.

        Returns one sentence per failed rule, an empty list when eligible. A rule whose data
        SIRENE does not give (no headcount, no creation date...) is not held against the
        company.
        """
        if not self or not establishment:
            return []
        self.ensure_one()
        reasons = []
        naf = (establishment.naf_code or "").replace(".", "").upper()
        tokens = _tokens(self.eligibility_naf_codes)
        if tokens and naf:
            section = naf_section(naf[:2])
            if not any(naf.startswith(t) if t[0].isdigit() else t == section for t in tokens):
                reasons.append(
                    self.env._(
                        "The company's activity (NAF %(naf)s) is not among the activities of "
                        "the programme (%(codes)s).",
                        naf=establishment.naf_code,
                        codes=self.eligibility_naf_codes,
                    )
                )
        bracket = establishment.headcount_bracket
        if bracket and (self.eligibility_headcount_min or self.eligibility_headcount_max):
            labels = dict(
                establishment._fields["headcount_bracket"]._description_selection(self.env)
            )
            rank = HEADCOUNT_ORDER.index(bracket)
            low, high = self.eligibility_headcount_min, self.eligibility_headcount_max
            if low and rank < HEADCOUNT_ORDER.index(low):
                reasons.append(
                    self.env._(
                        "The company has %(headcount)s; the programme starts at %(minimum)s.",
                        headcount=labels[bracket],
                        minimum=labels[low],
                    )
                )
            if high and rank > HEADCOUNT_ORDER.index(high):
                reasons.append(
                    self.env._(
                        "The company has %(headcount)s; the programme is limited to %(maximum)s.",
                        headcount=labels[bracket],
                        maximum=labels[high],
                    )
                )
        if establishment.creation_date and (self.eligibility_age_min or self.eligibility_age_max):
            age = relativedelta(date or fields.Date.today(), establishment.creation_date).years
            if self.eligibility_age_max and age >= self.eligibility_age_max:
                reasons.append(
                    self.env._(
                        "The company is %(age)s years old; the programme is reserved for "
                        "companies under %(maximum)s years old.",
                        age=age,
                        maximum=self.eligibility_age_max,
                    )
                )
            if age < self.eligibility_age_min:
                reasons.append(
                    self.env._(
                        "The company is %(age)s years old; the programme is reserved for "
                        "companies at least %(minimum)s years old.",
                        age=age,
                        minimum=self.eligibility_age_min,
                    )
                )
        categories = _tokens(self.eligibility_legal_categories)
        legal = establishment.legal_category
        if categories and legal and not any(legal.startswith(c) for c in categories):
            reasons.append(
                self.env._(
                    "The company's legal category (%(category)s) is not among the categories "
                    "of the programme (%(categories)s).",
                    category=legal,
                    categories=self.eligibility_legal_categories,
                )
            )
        if self.eligibility_craft_only and not establishment.craft_code:
            reasons.append(
                self.env._(
                    "The company is not registered in the craft register; the programme is "
                    "reserved for craft companies."
                )
            )
        return reasons
