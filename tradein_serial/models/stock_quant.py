from odoo import models
from odoo.exceptions import UserError


class StockQuant(models.Model):
    _inherit = "stock.quant"

    def _apply_inventory(self, date=None):
        self._tradein_check_serial_policy()
        return super()._apply_inventory(date=date)

    def _tradein_check_serial_policy(self):
        """With the serial stock policy, an adjustment cannot create a serial."""
        if self.env.context.get("tradein_serial_import"):
            return
        new_serials = self.filtered(
            lambda quant: (
                quant.company_id.tradein_serial_policy
                and quant.product_id.tracking == "serial"
                and quant.lot_id
                and quant.product_uom_id.compare(quant.inventory_diff_quantity, 0) > 0
            )
        ).lot_id
        if not new_serials:
            return
        known = self.env["stock.move.line"]._read_group(
            [("lot_id", "in", new_serials.ids), ("state", "=", "done")], ["lot_id"]
        )
        new_serials -= self.env["stock.lot"].union(*(lot for (lot,) in known))
        if new_serials:
            raise UserError(
                self.env._(
                    "Serial %(serials)s cannot be added by an inventory adjustment: serialized "
                    "products get stock only through a purchase, a customer purchase, a "
                    "trade-in, a return or the serial import (Inventory > Operations > Import "
                    "Serials).",
                    serials=", ".join(new_serials.mapped("name")),
                )
            )
