from odoo import models
from odoo.exceptions import UserError

from ..tools import workflow_method


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    def action_tradein_cancel(self):
        for order in self:
            order._tradein_cancel()
        return True

    @workflow_method
    def _tradein_cancel(self):
        """Cancel a customer purchase; after pay-out, undo bill, payment and receipt."""
        self.ensure_one()
        if not self.is_customer_purchase:
            return self.button_cancel()
        self._tradein_lock()
        if self.state == "cancel":
            return True
        if self.payout_date:
            self._tradein_check_cancellable()
            self.order_line._tradein_return_received()
            # sudo: cancelling the purchase cancels its own pay-out documents,
            # for a clerk who may not post or cancel invoices (see pay-out).
            if self.payout_payment_id:
                self.payout_payment_id.sudo().action_draft()
                self.payout_payment_id.sudo().action_cancel()
            if self.payout_credit_move_id:
                self.payout_credit_move_id.sudo().button_draft()
                self.payout_credit_move_id.sudo().button_cancel()
            self.payout_bill_id.sudo().button_draft()
            self.payout_bill_id.sudo().button_cancel()
        self.button_cancel()
        self.message_post(body=self.env._("Customer purchase cancelled."))
        return True

    def _tradein_check_cancellable(self):
        self.ensure_one()
        sold = self.order_line._tradein_sold_on_lots()
        if sold:
            raise UserError(
                self.env._(
                    "%(name)s cannot be cancelled: serial %(serials)s has already been sold on.",
                    name=self.name,
                    serials=", ".join(sold.mapped("name")),
                )
            )
        credit = self.payout_credit_move_id.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        if credit and not credit.currency_id.is_zero(credit.amount_residual - credit.balance):
            raise UserError(
                self.env._(
                    "%(name)s cannot be cancelled: the customer has already spent part of the "
                    "store credit it gave.",
                    name=self.name,
                )
            )
