from odoo import models

from ..tools import workflow_method


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def _tradein_sold_on_lots(self):
        """Serials received through these lines that have left our stock since."""
        lots = self.filtered(
            lambda line: line.tradein_state in ("in_inventory", "waiting_refurb", "refurbished")
        ).tradein_lot_id
        return lots - lots._tradein_in_stock()

    @workflow_method
    def _tradein_return_received(self):
        """Send back to the seller what these lines brought into stock."""
        done_moves = self.move_ids.filtered(
            lambda m: m.state == "done" and not m.origin_returned_move_id
        )
        for picking in done_moves.picking_id:
            wizard = (
                self.env["stock.return.picking"]
                .with_context(active_id=picking.id, active_model="stock.picking")
                .create({})
            )
            for return_line in wizard.product_return_moves:
                if return_line.move_id in done_moves:
                    return_line.quantity = return_line.move_id.quantity
                else:
                    return_line.quantity = 0
            action = wizard.action_create_returns()
            returned = self.env["stock.picking"].browse(action["res_id"])
            for move in returned.move_ids:
                # The serials received go back, whatever serials Odoo reserved.
                origin_lots = move.origin_returned_move_id.move_line_ids.lot_id
                move._tradein_pick(origin_lots, move.product_uom_qty)
            returned.with_context(skip_backorder=True).button_validate()
