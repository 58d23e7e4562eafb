from odoo import api, fields, models

from ..tools import record_approval


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    tradein_approved_by_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False, tracking=True
    )
    tradein_approved_amount = fields.Monetary(readonly=True, copy=False)
    tradein_needs_approval = fields.Boolean(compute="_compute_tradein_needs_approval")

    @api.depends(
        "is_customer_purchase",
        "payout_date",
        "amount_total",
        "tradein_approved_amount",
        "company_id.tradein_approval_amount",
        "currency_id",
        "date_order",
    )
    def _compute_tradein_needs_approval(self):
        for order in self:
            order.tradein_needs_approval = bool(
                order.is_customer_purchase
                and not order.payout_date
                and not order.tradein_sale_id
                and order.company_id._tradein_needs_approval(
                    order.amount_total,
                    order.currency_id,
                    order.date_order or fields.Date.context_today(order),
                    order.tradein_approved_amount,
                )
            )

    def _approval_allowed(self):
        # One approval for a customer purchase: a Trade-in Administrator's
        # Approve above the company's limit (Odoo's own two-step validation
        # of vendor orders does not apply to buying from the public).
        if self.is_customer_purchase:
            return not self.tradein_needs_approval
        return super()._approval_allowed()

    def action_tradein_approve(self):
        """A Trade-in Administrator approves the pay-out of a large purchase."""
        return record_approval(
            self,
            lambda order: order.amount_total,
            self.env._("Only a Trade-in Administrator can approve a purchase."),
            lambda order, amount: self.env._(
                "Pay-out of %(amount)s approved.", amount=order.currency_id.format(amount)
            ),
        )
