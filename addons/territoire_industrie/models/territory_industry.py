import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

TI_CODE_RE = re.compile(r"^ti-\d{4}$")


class TerritoryIndustry(models.Model):
    """A Territoire d'industrie of the national programme, keyed on its code (ti-NNNN)."""

    _name = "territory.industry"
    _description = "Territoire d'industrie"
    _order = "name"
    # The names of its phases too: a renamed territory is still known by its former name
    # (Haut-Doubs Horloger became Alliances Luxe & Précision Doubs).
    _rec_names_search = ["name", "code", "phase_ids.name"]

    code = fields.Char(required=True, index=True, help="Programme code, e.g. ti-8418.")
    name = fields.Char(required=True, help="Current name of the territory.")
    active = fields.Boolean(default=True)
    label_date = fields.Date(help="Date the territory was labelled by the State.")
    phase_ids = fields.One2many(
        "territory.industry.phase", "industry_id", string="Phases", copy=True
    )
    current_phase_id = fields.Many2one(
        "territory.industry.phase",
        compute="_compute_current_phase_id",
        help="Latest phase of the programme for this territory.",
    )
    epci_ids = fields.Many2many(
        "territory.epci",
        string="EPCIs",
        compute="_compute_epci_ids",
        store=True,
        readonly=False,
        help="Current perimeter: the EPCIs of the latest phase.",
    )
    commune_ids = fields.Many2many(
        "territory.commune",
        compute="_compute_commune_ids",
        search="_search_commune_ids",
        help="Communes of the EPCIs of the current perimeter.",
    )
    epci_count = fields.Integer(string="EPCI Count", compute="_compute_epci_ids_count")
    commune_count = fields.Integer(compute="_compute_commune_ids")
    convention_ids = fields.Many2many(
        "territory.convention",
        compute="_compute_convention_ids",
        help="Conventions whose territorial scope names this territory or one of its EPCIs.",
    )
    convention_count = fields.Integer(compute="_compute_convention_ids")
    action_count = fields.Integer(compute="_compute_convention_ids")
    governance_ids = fields.One2many("territory.industry.governance", "industry_id")
    region_ids = fields.Many2many(
        "territory.region",
        string="Regions",
        compute="_compute_region_ids",
        help="Regions the communes of the current perimeter belong to.",
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A Territoire d'industrie with this code already exists.")
    ]

    @api.depends("phase_ids.phase")
    def _compute_current_phase_id(self):
        for industry in self:
            phases = industry.phase_ids.sorted("phase")
            industry.current_phase_id = phases[-1:] if phases else False

    @api.depends("phase_ids.phase", "phase_ids.epci_ids")
    def _compute_epci_ids(self):
        for industry in self:
            phases = industry.phase_ids.sorted("phase")
            if phases:
                industry.epci_ids = phases[-1].epci_ids
            else:
                industry.epci_ids = industry.epci_ids

    @api.depends("epci_ids")
    def _compute_epci_ids_count(self):
        for industry in self:
            industry.epci_count = len(industry.epci_ids)

    @api.depends("epci_ids.commune_ids")
    def _compute_commune_ids(self):
        for industry in self:
            industry.commune_ids = industry.epci_ids.commune_ids
            industry.commune_count = len(industry.commune_ids)

    def _search_commune_ids(self, operator, value):
        if operator not in ("in", "=", "any"):
            raise NotImplementedError(
                self.env._("Unsupported operator %(operator)s.", operator=operator)
            )
        # The SQL of a many2many condition does not recompute a pending stored compute.
        self.flush_model(["epci_ids"])
        if operator == "any":
            return [("epci_ids.commune_ids", "any", value)]
        return [("epci_ids.commune_ids", "in", value)]

    @api.depends("commune_ids.region_id")
    def _compute_region_ids(self):
        for industry in self:
            industry.region_ids = industry.commune_ids.region_id

    @api.constrains("code")
    def _check_code(self):
        for industry in self:
            if not TI_CODE_RE.match(industry.code or ""):
                raise ValidationError(
                    self.env._(
                        "The code %(code)s of the Territoire d'industrie is invalid: "
                        "it must look like ti-8418 ('ti-' followed by four digits).",
                        code=industry.code,
                    )
                )

    def _action_open(self, model, records, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("id", "in", records.ids)],
            "context": {"create": False},
        }

    def _compute_convention_ids(self):
        Convention = self.env["territory.convention"]
        Action = self.env["territory.action"]
        for industry in self:
            conventions = (
                Convention.search(
                    [
                        "|",
                        ("industry_ids", "in", industry.ids),
                        ("epci_ids", "in", industry.epci_ids.ids),
                    ]
                )
                if industry.id
                else Convention
            )
            industry.convention_ids = conventions
            industry.convention_count = len(conventions)
            industry.action_count = Action.search_count([("convention_id", "in", conventions.ids)])

    def action_open_conventions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "territoire_industrie.territory_convention_action"
        )
        action["domain"] = [("id", "in", self.convention_ids.ids)]
        return action

    def action_open_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "territoire_industrie.territory_action_action"
        )
        action["domain"] = [("convention_id", "in", self.convention_ids.ids)]
        return action

    def action_open_epcis(self):
        return self._action_open("territory.epci", self.epci_ids, self.env._("EPCIs"))

    def action_open_communes(self):
        return self._action_open("territory.commune", self.commune_ids, self.env._("Communes"))
