from odoo import models
from odoo.exceptions import UserError


class StockLot(models.Model):
    _inherit = "stock.lot"

    def action_tradein_swap(self):
        self.ensure_one()
        return self._tradein_wizard_action("tradein.serial.swap.wizard", self.env._("Swap"))

    def _tradein_swap(self, new_lot, location, reason):
        """Return this serial and deliver `new_lot` of the same product instead,
        through Odoo's return and exchange."""
        self.ensure_one()
        (self | new_lot)._tradein_lock()
        self._tradein_check_returnable()
        self._tradein_check_swappable_for(new_lot)
        sale_line = self._tradein_last_delivery().move_id.sale_line_id
        self._tradein_check_swap(new_lot, sale_line)
        old_warranty = self.warranty_end_date
        wizard = self._tradein_return_wizard()
        returned = self._tradein_take_back(location, reason, event_type="swap_out", wizard=wizard)
        if (
            self._tradein_company().tradein_swap_warranty == "remainder"
            or not self.product_id.tradein_warranty_months
        ):
            warranty_end = old_warranty
        else:
            warranty_end = False  # computed from the delivery date
        picking = self._tradein_swap_picking(new_lot, wizard, returned)
        picking.with_context(
            skip_backorder=True,
            tradein_event_type={"delivery": "swap_in"},
            tradein_event_note=reason,
            tradein_warranty_end=warranty_end,
        ).button_validate()
        # The sale line sells the serial the customer now has.
        if sale_line:
            sale_line._tradein_rename_serial_sold(new_lot)
        return picking

    def _tradein_swap_picking(self, new_lot, wizard, returned):
        """The exchange of `returned` (Odoo's, from the Return `wizard`): the
        delivery of `new_lot` from where it is, picked, not yet validated."""
        picking = wizard._create_exchange(returned)
        source = new_lot.quant_ids.filtered(
            lambda q: q.location_id.usage == "internal" and q.quantity > 0
        )[:1].location_id
        picking.write(
            {
                "location_id": source.id,
                "origin": self.env._("Swap of %(serial)s", serial=self.name),
            }
        )
        picking.move_ids.write({"location_id": source.id, "tradein_lot_id": new_lot.id})
        picking.move_ids._tradein_pick(new_lot)
        return picking

    def _tradein_check_swappable_for(self, new_lot):
        if new_lot.product_id != self.product_id:
            raise UserError(
                self.env._(
                    "Swap %(serial)s for a serial of the same product (%(product)s).",
                    serial=self.name,
                    product=self.product_id.display_name,
                )
            )
        if not new_lot._tradein_in_stock():
            raise UserError(
                self.env._(
                    "Serial %(serial)s is not in stock to be delivered.", serial=new_lot.name
                )
            )

    def _tradein_check_swap(self, new_lot, sale_line):
        """Hook: refuse to swap this serial, sold on `sale_line`, for `new_lot`
        (the VAT add-on: a margin-scheme sale stays margin-scheme)."""
        return True
