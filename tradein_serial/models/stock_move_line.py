from odoo import api, models
from odoo.exceptions import ValidationError


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        # A serial typed at a receipt is spelt as everywhere else.
        Lot = self.env["stock.lot"]
        Product = self.env["product.product"]
        return super().create(
            [
                Lot._tradein_clean_serial_vals(
                    vals, "lot_name", Product.browse(vals.get("product_id"))
                )
                for vals in vals_list
            ]
        )

    def write(self, vals):
        if "lot_name" in vals and len(self.product_id) > 1:
            return all(move_line.write(vals) for move_line in self)
        product = self.env["product.product"].browse(vals.get("product_id")) or self.product_id
        return super().write(
            self.env["stock.lot"]._tradein_clean_serial_vals(vals, "lot_name", product[:1])
        )

    @api.constrains("lot_id", "move_id")
    def _check_tradein_lot_sold(self):
        for move_line in self.filtered(lambda ml: ml.lot_id and ml.move_id.tradein_lot_id):
            move = move_line.move_id
            if move_line.lot_id != move.tradein_lot_id:
                raise ValidationError(
                    self.env._(
                        "%(order)s sells serial %(serial)s, not %(other)s: deliver %(serial)s, "
                        "or change the Serial Sold on the order first.",
                        order=move.sale_line_id.order_id.name or move.reference,
                        serial=move.tradein_lot_id.name,
                        other=move_line.lot_id.name,
                    )
                )
