from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    tradein_purchase_ids = fields.One2many(
        "purchase.order", "tradein_sale_id", string="Trade-in Purchases", readonly=True
    )
    tradein_count = fields.Integer(compute="_compute_tradein_count")
    tradein_to_receive = fields.Boolean(compute="_compute_tradein_count")

    @api.depends("tradein_purchase_ids.order_line.tradein_state")
    def _compute_tradein_count(self):
        for order in self:
            purchases = order.tradein_purchase_ids.filtered(lambda p: p.state != "cancel")
            order.tradein_count = len(purchases)
            order.tradein_to_receive = any(
                line.tradein_state in ("pending", "product_created")
                for line in purchases.order_line
            )

    def _action_confirm(self):
        res = super()._action_confirm()
        self._tradein_create_purchases()
        return res

    def _action_cancel(self):
        for order in self:
            order._tradein_cancel_purchases()
        return super()._action_cancel()

    def action_tradein_receive(self):
        lines = self.tradein_purchase_ids.order_line.filtered(
            lambda line: line.tradein_state in ("pending", "product_created")
        )
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
                raise UserError(
                    self.env._(
                        "Identify %(customer)s before taking in a trade-in on %(order)s: "
                        "%(fields)s missing (customer's form, tab Identification).",
                        customer=order.partner_id.display_name,
                        order=order.name,
                        fields=", ".join(missing),
                    )
                )
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

    def _tradein_cancel_purchases(self):
        self.ensure_one()
        purchases = self.tradein_purchase_ids.filtered(lambda p: p.state != "cancel")
        received = purchases.order_line.filtered(
            lambda line: line.tradein_state not in ("pending", "product_created")
        )
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
