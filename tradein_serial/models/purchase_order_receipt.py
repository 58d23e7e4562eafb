from odoo import api, fields, models
from odoo.exceptions import UserError


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    tradein_ready_count = fields.Integer(
        string="Items Ready for Inventory",
        compute="_compute_tradein_ready_count",
        help="Items paid out, in the catalogue and with their serial, not yet in inventory.",
    )

    @api.depends(
        "state",
        "payout_date",
        "order_line.tradein_state",
        "order_line.tradein_serial_name",
        "order_line.tradein_lot_id",
        "order_line.tradein_is_manual",
        "order_line.move_ids.state",
    )
    def _compute_tradein_ready_count(self):
        for order in self:
            order.tradein_ready_count = len(order.order_line._tradein_ready_to_receive())

    def action_tradein_add_all_to_inventory(self):
        """Add every item of these customer purchases that is ready to
        inventory, in one validation of their receipt."""
        lines = self.order_line._tradein_ready_to_receive()
        if not lines:
            raise UserError(
                self.env._(
                    "No item of %(names)s is ready for inventory: pay it out, create the "
                    "products of items not in the catalogue and enter the serial numbers first.",
                    names=", ".join(self.mapped("name")),
                )
            )
        lines._tradein_receive("in_inventory")
        return True
