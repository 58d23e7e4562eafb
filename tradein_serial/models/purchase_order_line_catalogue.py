from odoo import models
from odoo.exceptions import UserError

from ..tools import workflow_method


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def action_tradein_add_product(self):
        return self._tradein_create_product(one_time=False)

    def action_tradein_add_one_time_product(self):
        return self._tradein_create_product(one_time=True)

    def action_tradein_move_product(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Move to Another Product"),
            "res_model": "tradein.move.product.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_purchase_line_id": self.id},
        }

    @workflow_method
    def _tradein_create_product(self, one_time=False):
        """Turn a manual item into a product of the catalogue."""
        templates = self.env["product.template"]
        for line in self:
            if not line.tradein_is_manual:
                raise UserError(
                    self.env._(
                        "%(item)s is already a product of the catalogue.",
                        item=line._tradein_item_label(),
                    )
                )
            if not line.tradein_manual_name:
                raise UserError(self.env._("Enter the name of the item first."))
            # sudo: the product of the item is created by the purchase's own
            # action, for a counter clerk who may not manage the catalogue
            # (Trade-ins / User is not Product Creation).
            template = templates.sudo().create(line._tradein_product_values(one_time)).sudo(False)
            line._tradein_refile_product(template.product_variant_id)
            line.tradein_state = "product_created"
            templates |= template
        return True

    def _tradein_product_values(self, one_time):
        self.ensure_one()
        return self.env["product.template"]._tradein_prepare_values(
            self.tradein_manual_name,
            self.tradein_manual_categ_id,
            self.tradein_manual_serialized,
            one_time,
            self.tradein_retail_price or self.price_unit,
            self._tradein_company_price(),
            self.company_id,
        )

    @workflow_method
    def _tradein_refile_product(self, product):
        """File the line (and its pending receipt) under another product, same cost."""
        self.ensure_one()
        if not self._tradein_not_received():
            raise UserError(
                self.env._(
                    "%(item)s is already in inventory: it can no longer change product.",
                    item=self._tradein_item_label(),
                )
            )
        if self.tradein_lot_id and self.tradein_lot_id.product_id != product:
            raise UserError(
                self.env._(
                    "Serial %(serial)s is a serial of %(product)s: pick an item without a "
                    "known serial to move it.",
                    serial=self.tradein_lot_id.name,
                    product=self.tradein_lot_id.product_id.display_name,
                )
            )
        moves = self.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        moves._do_unreserve()
        price = self.price_unit
        self.write({"product_id": product.id, "name": product.display_name, "price_unit": price})
        moves.write({"product_id": product.id, "product_uom": product.uom_id.id})
        moves._action_assign()
