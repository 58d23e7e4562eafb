from odoo import api, models
from odoo.exceptions import ValidationError


class StockMoveLine(models.Model):
    _name = "stock.move.line"
    _inherit = ["stock.move.line", "tradein.serial.input.mixin"]
    # A serial typed at a receipt is spelt as everywhere else.
    _tradein_serial_fields = ("lot_name",)

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
