from odoo import fields, models
from odoo.exceptions import UserError

from ..tools import in_workflow
from ..tools import workflow_method


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def _tradein_check_ready_to_receive(self):
        for line in self:
            if line.order_id.state != "purchase" or not line.order_id.payout_date:
                raise UserError(
                    self.env._(
                        "Pay out %(name)s before adding its items to inventory.",
                        name=line.order_id.name,
                    )
                )
            if line.tradein_is_manual:
                raise UserError(
                    self.env._(
                        "Create the product of %(item)s first (Add Product or Add One-Time "
                        "Product).",
                        item=line._tradein_item_label(),
                    )
                )
            if line.tradein_state != "waiting_refurb" and not line._tradein_not_received():
                raise UserError(
                    self.env._("%(item)s is already in inventory.", item=line._tradein_item_label())
                )
            if line._tradein_is_serialized() and not line._tradein_serial():
                raise UserError(
                    self.env._(
                        "Enter the serial number of %(item)s first.",
                        item=line._tradein_item_label(),
                    )
                )

    def action_tradein_add_to_inventory(self):
        self._tradein_receive("in_inventory")
        return True

    def _tradein_company_price(self):
        """The unit price paid, in the company currency."""
        self.ensure_one()
        order = self.order_id
        return order.currency_id._convert(
            self.price_unit,
            order.company_id.currency_id,
            order.company_id,
            order.payout_date or fields.Date.context_today(self),
        )

    def _tradein_lot_values(self):
        """Values of the serial received through this line.

        Hook: the VAT add-on adds the serial's VAT scheme and margin price.
        """
        self.ensure_one()
        order = self.order_id
        values = {
            "acquisition_type": order._tradein_acquisition_type(),
            "acquisition_partner_id": order.partner_id.id,
            "acquisition_date": order.payout_date or fields.Date.context_today(self),
            "acquisition_price": self._tradein_company_price(),
            "acquisition_purchase_line_id": self.id,
        }
        if order.is_customer_purchase:
            values.update(
                {
                    "tradein_condition": self.tradein_condition or "used",
                    "tradein_grade": self.tradein_grade,
                    "tradein_retail_price": self.tradein_retail_price,
                }
            )
        return values

    def _tradein_paid_out(self):
        """Hook, in the workflow: the items of these lines are paid out (the
        self-billing bill is posted), before they are added to inventory.

        The VAT add-on gives each margin-scheme item its stock number here,
        so that the purchase receipt printed at the counter carries it.
        """
        return True

    def _tradein_ready_to_receive(self):
        """The lines of these whose item can be added to inventory now: paid
        out, in the catalogue, not yet received, with its serial if it needs one."""
        return self._tradein_not_received().filtered(
            lambda line: (
                not line.display_type
                and line.order_id.state == "purchase"
                and line.order_id.payout_date
                and not line.tradein_is_manual
                and (line._tradein_serial() or not line._tradein_is_serialized())
                and line.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
            )
        )

    def _tradein_receipt_lots(self):
        """{line: the serial it brings in, or no serial}; new serials are
        created together."""
        Lot = self.env["stock.lot"]
        index = Lot._tradein_serial_index(
            [(line.product_id, line._tradein_serial()) for line in self]
        )
        lots = {
            line: line._tradein_existing_lot(index) if line._tradein_is_serialized() else Lot
            for line in self
        }
        new = [line for line, lot in lots.items() if not lot and line._tradein_is_serialized()]
        created = Lot.create(
            [
                {
                    "name": line._tradein_serial(),
                    "product_id": line.product_id.id,
                    "company_id": line.company_id.id,
                }
                for line in new
            ]
        )
        lots.update(zip(new, created, strict=True))
        return lots

    def _tradein_receipt_picks(self, lots):
        """{pending receipt move: (serial, quantity)} of these lines, moved from
        and to where each item really comes and goes."""
        served = self.env["stock.lot"].union(*lots.values())
        customer_locations = served._tradein_customer_locations()
        picks = {}
        for line in self:
            moves = line.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
            if not moves:
                raise UserError(
                    self.env._("%(item)s has no pending receipt.", item=line._tradein_item_label())
                )
            lot = lots[line]
            if lot in customer_locations:
                # Bought back from a customer we sold it to: it leaves the
                # customer's location, or selling it again would count it
                # twice there (Odoo refuses a serial twice in one place).
                moves.location_id = customer_locations[lot]
            destination = line.order_id._tradein_receipt_location()
            if destination:
                moves.location_dest_id = destination
            picks.update({move: (lot, move.product_uom_qty) for move in moves})
        return picks

    @workflow_method
    def _tradein_receive(self, state):
        """Validate the receipt of these lines into stock, with their serials,
        one validation per receipt (the other items of a receipt wait in its
        backorder).

        :param state: the item status of the lines once received
        """
        self._tradein_check_ready_to_receive()
        self.tradein_lot_id._tradein_lock()
        self._tradein_check_serials()
        lots = self._tradein_receipt_lots()
        picks = self._tradein_receipt_picks(lots)
        moves = self.env["stock.move"].union(*picks)
        moves._tradein_pick_each(picks)
        pickings = moves.picking_id
        (pickings.move_ids - moves).filtered(
            lambda m: m.state not in ("done", "cancel")
        ).picked = False
        pickings.with_context(skip_backorder=True).button_validate()
        for line in self:
            line.write({"tradein_state": state, "tradein_lot_id": lots[line].id})
            if lots[line]:
                lots[line]._tradein_acquire(line)
        self._tradein_log_received(lots)
        return True

    def _tradein_log_received(self, lots):
        """One note per purchase naming the items received and their serials
        (in place of Odoo's note per line of the quantity received)."""
        for order in self.order_id:
            items = [
                f"{line._tradein_item_label()} ({lots[line].name})"
                if lots[line]
                else line._tradein_item_label()
                for line in self
                if line.order_id == order
            ]
            order._message_log(
                body=self.env._("Added to inventory: %(items)s", items=", ".join(items))
            )

    def _track_qty_received(self, new_qty):
        # An item of a customer purchase received by the workflow: the
        # workflow logs the items it received in one note (_tradein_log_received).
        if self.is_customer_purchase and in_workflow(self.env):
            return
        super()._track_qty_received(new_qty)
