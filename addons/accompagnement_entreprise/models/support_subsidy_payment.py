from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import to_cents

PAYMENT_TYPES = [
    ("advance", "Advance"),
    ("balance", "Balance"),
    ("recovery", "Recovery of Overpayment"),
]


class SupportSubsidyPayment(models.Model):
    """A dated payment of a subsidy: an advance, the balance, or the recovery of an
    overpayment (titre de recette). Payments never exceed the amount granted."""

    _name = "support.subsidy.payment"
    _description = "Subsidy Payment"
    _order = "date desc, id desc"
    _check_company_auto = True

    subsidy_id = fields.Many2one(
        "support.subsidy", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="subsidy_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="subsidy_id.currency_id")
    funder_id = fields.Many2one(related="subsidy_id.funder_id", store=True, index=True)
    envelope_id = fields.Many2one(related="subsidy_id.envelope_id", store=True, index=True)
    partner_id = fields.Many2one(
        related="subsidy_id.partner_id", string="Beneficiary", store=True, index=True
    )
    epci_id = fields.Many2one(related="subsidy_id.epci_id", store=True, string="EPCI")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    payment_type = fields.Selection(PAYMENT_TYPES, string="Type", required=True)
    amount = fields.Monetary(
        required=True, help="Amount paid (or recovered, for a recovery), always positive."
    )
    signed_amount = fields.Monetary(
        compute="_compute_signed_amount",
        store=True,
        help="Positive when paid out, negative when recovered.",
    )
    reference = fields.Char(help="Payment order (mandat) or collection order number.")

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A payment amount must be positive."),
    ]

    @api.depends("amount", "payment_type")
    def _compute_signed_amount(self):
        for payment in self:
            sign = -1 if payment.payment_type == "recovery" else 1
            payment.signed_amount = sign * payment.amount

    @api.depends("subsidy_id", "payment_type", "date")
    def _compute_display_name(self):
        types = dict(self._fields["payment_type"]._description_selection(self.env))
        for payment in self:
            payment.display_name = (
                f"{payment.subsidy_id.name} - {types.get(payment.payment_type, '')}"
            )

    @api.model_create_multi
    def create(self, vals_list):
        subsidies = self.env["support.subsidy"].browse(
            [vals["subsidy_id"] for vals in vals_list if vals.get("subsidy_id")]
        )
        subsidies._check_manager()
        payments = super().create(vals_list)
        payments._check_against_subsidy()
        for payment in payments:
            payment.subsidy_id.message_post(
                body=self.env._(
                    "%(type)s of %(amount)s recorded on %(date)s.",
                    type=payment._type_label(),
                    amount=payment.subsidy_id._fmt(payment.amount),
                    date=payment.date,
                )
            )
        payments.subsidy_id._update_payment_state()
        return payments

    def write(self, vals):
        self.subsidy_id._check_manager()
        result = super().write(vals)
        if {"amount", "payment_type", "subsidy_id"} & set(vals):
            self._check_against_subsidy()
            self.subsidy_id._update_payment_state()
        return result

    def unlink(self):
        subsidies = self.subsidy_id
        subsidies._check_manager()
        result = super().unlink()
        subsidies._update_payment_state()
        return result

    def _type_label(self):
        """The type of the payment as the user reads it, in their language."""
        self.ensure_one()
        return dict(self._fields["payment_type"]._description_selection(self.env))[
            self.payment_type
        ]

    def _check_against_subsidy(self):
        """Refuse a payment the subsidy's status or amounts do not allow."""
        self.env.flush_all()
        for payment in self:
            subsidy = payment.subsidy_id
            subsidy.invalidate_recordset(["amount_paid", "amount_to_pay", "amount_to_recover"])
            allowed = {
                "advance": ("committed", "advance_paid"),
                "balance": ("service_done",),
                "recovery": ("service_done", "recovery", "lapsed", "closed"),
            }[payment.payment_type]
            if subsidy.state not in allowed:
                raise UserError(
                    self.env._(
                        "A payment of type %(type)s is not possible on the subsidy "
                        "%(subsidy)s in its current status: advances once committed, the "
                        "balance once the service is done.",
                        type=payment._type_label(),
                        subsidy=subsidy.name,
                    )
                )
            paid_out = sum(
                to_cents(p.amount) for p in subsidy.payment_ids if p.payment_type != "recovery"
            )
            recovered = sum(
                to_cents(p.amount) for p in subsidy.payment_ids if p.payment_type == "recovery"
            )
            limit = (
                subsidy.amount_granted
                if payment.payment_type == "advance"
                else subsidy.amount_final
            )
            if payment.payment_type != "recovery" and paid_out - recovered > to_cents(limit):
                raise ValidationError(
                    self.env._(
                        "Over-payment refused on %(subsidy)s: the payments would reach "
                        "%(paid)s, more than the %(limit)s due (%(granted)s granted).",
                        subsidy=subsidy.name,
                        paid=subsidy._fmt((paid_out - recovered) / 100),
                        limit=subsidy._fmt(limit),
                        granted=subsidy._fmt(subsidy.amount_granted),
                    )
                )
            if payment.payment_type == "recovery" and recovered > paid_out - min(
                paid_out, to_cents(subsidy.amount_final)
            ):
                raise ValidationError(
                    self.env._(
                        "The recovery on %(subsidy)s would take back more than was overpaid.",
                        subsidy=subsidy.name,
                    )
                )
