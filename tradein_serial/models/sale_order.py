from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import check_workflow_create
from ..tools import check_workflow_fields
from ..tools import workflow_method

# Written by the workflow only (Approve Trade-in).
SALE_WORKFLOW_FIELDS = ("tradein_approved_by_id", "tradein_approved_amount")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    tradein_purchase_ids = fields.One2many(
        "purchase.order", "tradein_sale_id", string="Trade-in Purchases", readonly=True
    )
    tradein_count = fields.Integer(compute="_compute_tradein_count")
    tradein_has_lines = fields.Boolean(compute="_compute_tradein_has_lines")
    tradein_to_receive = fields.Boolean(compute="_compute_tradein_count")
    tradein_allowance_total = fields.Monetary(
        string="Trade-in Allowances",
        compute="_compute_tradein_allowance_total",
        help="What the customer is given for the items traded in on this order.",
    )

    @api.depends(
        "order_line.is_tradein",
        "order_line.tradein_allowance",
        "order_line.product_uom_qty",
        "tradein_approved_amount",
        "company_id.tradein_approval_amount",
        "state",
    )
    def _compute_tradein_allowance_total(self):
        for order in self:
            tradeins = order.order_line.filtered("is_tradein")
            total = sum(line.tradein_allowance * line.product_uom_qty for line in tradeins)
            order.tradein_allowance_total = total
            company = order.company_id or self.env.company
            order.tradein_needs_approval = bool(
                tradeins
                and order.state in ("draft", "sent")
                and company._tradein_needs_approval(
                    total,
                    order.currency_id,
                    order.date_order or fields.Date.context_today(order),
                    order.tradein_approved_amount,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, SALE_WORKFLOW_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        check_workflow_fields(self, vals, SALE_WORKFLOW_FIELDS)
        res = super().write(vals)
        if "partner_id" in vals:
            self.env["tradein.blocked.attempt"]._tradein_log_orders(self)
        return res

    def _confirmation_error_message(self):
        # Trade-ins above the limit wait for approval like a large customer
        # purchase: the order is not confirmed, nothing is received.
        message = super()._confirmation_error_message()
        if message:
            return message
        self.order_line.tradein_lot_sold_id._tradein_check_not_on_hold(self.env._("sold"))
        if self._tradein_checks_blocked():
            reasons = self.env["tradein.blocked.attempt"]._tradein_refusal(
                self, self._tradein_blocked_offers()
            )
            if reasons:
                return self.env._(
                    "The trade-in on %(order)s cannot be taken in. %(reasons)s Do not buy it: "
                    "a Trade-in Administrator decides.",
                    order=self.name,
                    reasons=reasons,
                )
        if self.order_line.filtered("is_tradein") and not self.env.user.has_group(
            "tradein_serial.group_tradein_user"
        ):
            # Taking an item in is a customer purchase (register, receipt):
            # a clear word instead of the access error it would meet.
            return self.env._(
                "%(order)s takes in a trade-in, which buys the item from the customer: a "
                "Trade-ins user confirms it (Trade-ins / User right).",
                order=self.name,
            )
        if not self.tradein_needs_approval:
            return message
        return self.env._(
            "The trade-ins of %(order)s (%(amount)s) are above %(limit)s: a Trade-in "
            "Administrator (%(approvers)s) must approve them first (Approve Trade-in).",
            order=self.name,
            amount=self.currency_id.format(self.tradein_allowance_total),
            limit=self.company_id.currency_id.format(self.company_id.tradein_approval_amount),
            approvers=", ".join(self.company_id._tradein_approvers().mapped("name"))
            or self.env._("none yet: see Settings > Users"),
        )

    @api.depends("tradein_purchase_ids.order_line.tradein_state")
    def _compute_tradein_count(self):
        for order in self:
            purchases = order.tradein_purchase_ids.filtered(lambda p: p.state != "cancel")
            order.tradein_count = len(purchases)
            order.tradein_to_receive = bool(purchases.order_line._tradein_not_received())

    def _tradein_lines(self):
        return self.order_line.filtered("is_tradein")

    @api.depends("order_line.is_tradein")
    def _compute_tradein_has_lines(self):
        for order in self:
            order.tradein_has_lines = bool(order._tradein_lines())

    def action_confirm(self):
        # A trade-in's seller without identification: the assistant enters it
        # at Confirm, then the order is confirmed (users who may see IDs).
        for order in self.filtered(lambda order: order.state in ("draft", "sent")):
            missing = order._tradein_missing_identification()
            # What stops the confirmation anyway (approval, a blocked item...)
            # is said first, by Odoo's own check.
            if not missing or order._confirmation_error_message():
                continue
            if len(self) == 1 and self.env.user.has_group(
                "tradein_serial.group_tradein_seller_identity"
            ):
                return order.action_tradein_identify(confirm_after=True)
            order._tradein_refuse_unidentified(missing)
        return super().action_confirm()

    def _action_confirm(self):
        for order in self.filtered(lambda order: order._tradein_blocked_lines()):
            self.env["tradein.blocked.attempt"]._tradein_accept(order)
        res = super()._action_confirm()
        self._tradein_create_purchases()
        return res

    def _action_cancel(self):
        for order in self:
            order._tradein_cancel_purchases()
        return super()._action_cancel()

    def _create_invoices(self, grouped=False, final=False, date=None):
        moves = super()._create_invoices(grouped=grouped, final=final, date=date)
        # Odoo would turn an invoice into a credit note when the deposit deducted
        # is more than what was delivered: refuse it, the customer owes more.
        refunds = moves.filtered(
            lambda move: (
                move.move_type == "out_refund"
                and any(move.invoice_line_ids.sale_line_ids.mapped("is_downpayment"))
            )
        )
        if refunds:
            orders = refunds.invoice_line_ids.sale_line_ids.order_id
            raise UserError(
                self.env._(
                    "The deposit of %(orders)s is more than what has been delivered so far: "
                    "deliver the rest before the final invoice, or invoice without deducting "
                    "the deposit.",
                    orders=", ".join(orders.mapped("name")),
                )
            )
        return moves

    def action_tradein_receive(self):
        lines = self.tradein_purchase_ids.order_line._tradein_not_received()
        if not lines:
            raise UserError(self.env._("There is no trade-in left to receive."))
        lines._tradein_receive("in_inventory")
        return True

    def action_view_tradein_purchases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tradein_serial.customer_purchase_action"
        )
        action["domain"] = [("tradein_sale_id", "=", self.id)]
        if len(self.tradein_purchase_ids) == 1:
            action.update(
                view_mode="form", res_id=self.tradein_purchase_ids.id, views=[(False, "form")]
            )
            action["views"] = [
                (self.env.ref("tradein_serial.customer_purchase_view_form").id, "form")
            ]
        return action

    @workflow_method
    def _tradein_create_purchases(self):
        """Behind the trade-in lines, the customer purchase of the items."""
        for order in self:
            lines = order.order_line.filtered(
                lambda line: line.is_tradein and not line.tradein_purchase_line_id
            )
            if not lines:
                continue
            lines._tradein_create_products()
            purchase = self.env["purchase.order"].create(
                {
                    "partner_id": order.partner_id.id,
                    "is_customer_purchase": True,
                    "tradein_sale_id": order.id,
                    "company_id": order.company_id.id,
                    "currency_id": order.currency_id.id,
                    "origin": order.name,
                    "user_id": order.user_id.id,
                    "order_line": [
                        fields.Command.create(line._tradein_purchase_line_values())
                        for line in lines
                    ],
                }
            )
            missing = purchase._tradein_missing_identification()
            if missing:
                order._tradein_refuse_unidentified(missing)
            purchase.button_confirm()
            purchase.write(
                {
                    "payout_method": "allowance",
                    "payout_date": fields.Date.context_today(self),
                }
            )
            for purchase_line in purchase.order_line:
                purchase_line.tradein_sale_line_id.tradein_purchase_line_id = purchase_line
            if order.company_id.tradein_receive_on_confirm:
                purchase.order_line._tradein_receive("in_inventory")

    @workflow_method
    def _tradein_cancel_purchases(self):
        self.ensure_one()
        purchases = self.tradein_purchase_ids.filtered(lambda p: p.state != "cancel")
        received = purchases.order_line - purchases.order_line._tradein_not_received()
        if received:
            raise UserError(
                self.env._(
                    "%(order)s cannot be cancelled: its trade-in %(items)s has been received. "
                    "Cancel the customer purchase %(purchase)s first, which returns the item.",
                    order=self.name,
                    items=", ".join(received.mapped("name")),
                    purchase=", ".join(received.order_id.mapped("name")),
                )
            )
        for purchase in purchases:
            purchase._tradein_cancel()
