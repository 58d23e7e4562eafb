from odoo import fields, models

from ..tools import record_approval


class SaleOrder(models.Model):
    _inherit = "sale.order"

    tradein_approved_by_id = fields.Many2one(
        "res.users", string="Trade-in Approved By", readonly=True, copy=False, tracking=True
    )
    tradein_approved_amount = fields.Monetary(
        string="Trade-in Approved Amount", readonly=True, copy=False
    )
    tradein_needs_approval = fields.Boolean(
        compute="_compute_tradein_allowance_total",
        help="The trade-ins are above the company's approval limit: a Trade-in "
        "Administrator approves them before the order is confirmed.",
    )

    def action_tradein_approve(self):
        """A Trade-in Administrator approves the trade-ins of these quotations."""
        return record_approval(
            self,
            lambda order: order.tradein_allowance_total,
            self.env._("Only a Trade-in Administrator can approve a trade-in."),
            lambda order, amount: self.env._(
                "Trade-ins of %(amount)s approved.", amount=order.currency_id.format(amount)
            ),
        )
