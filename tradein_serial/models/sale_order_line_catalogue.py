from odoo import fields, models
from odoo.exceptions import ValidationError


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    tradein_manual_name = fields.Char(string="Trade-in Item Name")
    tradein_manual_categ_id = fields.Many2one("product.category", string="Trade-in Category")
    tradein_manual_one_time = fields.Boolean(string="One-Time Product")

    def _tradein_create_products(self):
        """Items not in the catalogue become products when the order is confirmed."""
        for line in self.filtered(lambda line: line.is_tradein and line.tradein_is_manual):
            if not line.tradein_manual_name:
                raise ValidationError(
                    self.env._("Name the traded-in item that is not in the catalogue.")
                )
            # sudo: the product of an item not in the catalogue is created by
            # the trade-in itself, for a counter clerk who may not manage the
            # catalogue (Trade-ins / User is not Product Creation); it is
            # returned without sudo.
            values = self.env["product.template"]._tradein_prepare_values(
                line.tradein_manual_name,
                line.tradein_manual_categ_id,
                line.tradein_manual_serialized,
                line.tradein_manual_one_time,
                line.tradein_allowance,
                line.tradein_allowance,
                line.company_id,
            )
            template = self.env["product.template"].sudo().create(values).sudo(False)
            # The new product's own defaults must not reset what was agreed.
            line.write(
                {
                    "product_id": template.product_variant_id.id,
                    "tradein_product_id": template.product_variant_id.id,
                    "tradein_allowance": line.tradein_allowance,
                }
            )

    def _tradein_purchase_line_values(self):
        self.ensure_one()
        product = self.tradein_product_id or self.product_id
        return {
            "product_id": product.id,
            "name": self.name,
            "product_qty": self.product_uom_qty,
            "product_uom_id": product.uom_id.id,
            "price_unit": self._tradein_allowance_amount(),
            "date_planned": fields.Datetime.now(),
            "tradein_lot_id": self.tradein_lot_id.id,
            "tradein_serial_name": self.tradein_serial_name,
            "tradein_condition": self.tradein_condition or "used",
            "tradein_grade": self.tradein_grade,
            "tradein_sale_line_id": self.id,
        }
