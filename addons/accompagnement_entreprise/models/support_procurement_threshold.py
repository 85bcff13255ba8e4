from odoo import api, fields, models
from odoo.exceptions import ValidationError

PROCEDURES = [
    ("no_publicity", "Without Publicity or Competition"),
    ("mapa", "Adapted Procedure (MAPA)"),
    ("mapa_publicity", "Adapted Procedure with Publicity (BOAMP or JAL)"),
    ("formalised", "Formalised Procedure"),
]
KINDS = [("supplies_services", "Supplies and Services"), ("works", "Works")]
BUYER_CATEGORIES = [
    ("state", "Central Government"),
    ("local", "Local Authorities and Other Buyers"),
    ("utility", "Utilities (Network Operators)"),
]


class SupportProcurementThreshold(models.Model):
    """A dated threshold of the French public procurement code.

    From ``amount`` (excluding VAT, included) upwards, a contract of this kind launched
    between ``date_from`` and ``date_to`` follows ``procedure``, until a higher threshold
    of the same period applies. Thresholds change by decree and by EU regulation: they are
    records, not constants.
    """

    _name = "support.procurement.threshold"
    _description = "Public Procurement Threshold"
    _order = "date_from desc, kind, amount, buyer_category"

    name = fields.Char(string="Label", required=True, translate=True)
    procedure = fields.Selection(PROCEDURES, required=True)
    kind = fields.Selection(KINDS, required=True, help="Kind of contract.")
    buyer_category = fields.Selection(
        BUYER_CATEGORIES,
        help="Public buyers it applies to; empty for every buyer.",
    )
    amount = fields.Monetary(
        required=True,
        help="Estimated value excluding VAT from which (included) the procedure applies.",
    )
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.ref("base.EUR")
    )
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid Until", help="Empty while in force.")
    legal_basis = fields.Char(help="Article, decree or regulation setting the threshold.")
    active = fields.Boolean(default=True)

    @api.constrains("date_from", "date_to", "amount")
    def _check_dates(self):
        for threshold in self:
            if threshold.date_to and threshold.date_to < threshold.date_from:
                raise ValidationError(
                    self.env._(
                        "The threshold %(threshold)s ends before it starts.",
                        threshold=threshold.name,
                    )
                )
            if threshold.amount < 0:
                raise ValidationError(self.env._("A threshold cannot be negative."))

    @api.constrains("date_from", "date_to", "kind", "buyer_category", "amount", "active")
    def _check_overlap(self):
        for threshold in self.filtered("active"):
            domain = [
                ("id", "!=", threshold.id),
                ("kind", "=", threshold.kind),
                ("buyer_category", "=", threshold.buyer_category),
                ("amount", "=", threshold.amount),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", threshold.date_from),
            ]
            if threshold.date_to:
                domain.append(("date_from", "<=", threshold.date_to))
            overlapping = self.search(domain, limit=1)
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "The threshold %(threshold)s overlaps %(other)s over the same "
                        "period: close the older one first (Valid Until).",
                        threshold=threshold.name,
                        other=overlapping.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        thresholds = super().create(vals_list)
        self.env["support.tender"]._recompute_procedures()
        return thresholds

    def write(self, vals):
        result = super().write(vals)
        self.env["support.tender"]._recompute_procedures()
        return result

    def unlink(self):
        result = super().unlink()
        self.env["support.tender"]._recompute_procedures()
        return result

    @api.model
    def _find(self, day, kind, buyer_category, amount, thresholds=None):
        """The threshold that applies to a contract, or an empty recordset.

        ``thresholds`` lets a batch reuse the same preloaded records.
        """
        if thresholds is None:
            thresholds = self.search([])
        if not (day and kind):
            return self.browse()
        candidates = thresholds.filtered(
            lambda t: (
                t.kind == kind
                and t.date_from <= day
                and (not t.date_to or day <= t.date_to)
                and (not t.buyer_category or t.buyer_category == buyer_category)
                and t.amount <= amount
            )
        )
        return candidates.sorted(lambda t: (t.amount, bool(t.buyer_category)))[-1:]
