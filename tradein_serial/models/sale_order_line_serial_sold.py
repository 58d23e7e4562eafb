from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    tradein_lot_sold_id = fields.Many2one(
        "stock.lot",
        string="Serial Sold",
        # Serials we may sell: in our stock.
        domain="[('product_id', '=', product_id), ('location_id.usage', '=', 'internal')]",
        copy=False,
        check_company=True,
        index="btree_not_null",
        help="The serial this line sells: its own retail price applies, and the "
        "serial's VAT scheme with the used-goods VAT add-on.",
    )

    @api.constrains("tradein_lot_sold_id", "product_id", "product_uom_qty")
    def _check_tradein_lot_sold(self):
        for line in self.filtered("tradein_lot_sold_id"):
            if line.product_uom_id.compare(line.product_uom_qty, 1.0) > 0:
                raise ValidationError(
                    self.env._(
                        "A line naming serial %(serial)s sells that one item. Sell more items "
                        "on a line without a Serial Sold: it sells the serials picked at "
                        "delivery.",
                        serial=line.tradein_lot_sold_id.name,
                    )
                )
            if line.tradein_lot_sold_id.product_id != line.product_id:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s is a serial of %(lot_product)s, not of %(product)s.",
                        serial=line.tradein_lot_sold_id.name,
                        lot_product=line.tradein_lot_sold_id.product_id.display_name,
                        product=line.product_id.display_name,
                    )
                )

    def _tradein_sell_delivered_serials(self, lots):
        """The line sells `lots`, picked at delivery. The delivery decides it, so
        a locked order takes them too (unlocked for this write only)."""
        self.ensure_one()
        order = self.order_id
        locked = order.locked
        if locked:
            order.locked = False
        try:
            self._tradein_write_delivered_serials(lots)
        finally:
            if locked:
                order.locked = True

    def _tradein_write_delivered_serials(self, lots):
        """Name the serial delivered on a line of one item; price and taxes
        agreed stay (the serial's own retail price applies when chosen on the
        quotation only). A line of several items keeps its serials on its
        deliveries (see `_tradein_sold_lots`).

        Hook: the VAT add-on applies the margin scheme the serials bring,
        keeping what the customer pays.
        """
        self.ensure_one()
        if len(lots) != 1:
            return
        kept = [self._fields[name] for name in ("price_unit", "technical_price_unit", "tax_ids")]
        with self.env.protecting(kept, self):
            self.write({"tradein_lot_sold_id": lots.id})

    def _tradein_sold_terms_fields(self):
        """Hook: the fields of a sold line that a later change of its serial
        (a swap) never changes: what the customer was charged, and how."""
        return ["price_unit", "technical_price_unit", "discount", "tax_ids"]

    def _tradein_rename_serial_sold(self, lot):
        """The line's item was swapped for `lot` after the sale: the line names
        it, and its price, taxes and scheme stay as sold (its invoice is kept)."""
        self.ensure_one()
        if not self.tradein_lot_sold_id or self.tradein_lot_sold_id == lot:
            return
        kept = [self._fields[name] for name in self._tradein_sold_terms_fields()]
        order = self.order_id
        locked = order.locked
        if locked:
            order.locked = False
        try:
            with self.env.protecting(kept, self):
                self.write({"tradein_lot_sold_id": lot.id})
        finally:
            if locked:
                order.locked = True

    def _tradein_delivered_lots(self):
        """The serials this line delivered that the customer still has (done
        deliveries minus done returns), in the order they left."""
        self.ensure_one()
        count = Counter()
        lots = self.env["stock.lot"]
        for move in self.move_ids.filtered(
            lambda m: m.state == "done" and m.product_id == self.product_id
        ).sorted("date"):
            sign = (
                1
                if move.location_dest_id.usage == "customer"
                else -1
                if move.location_id.usage == "customer"
                else 0
            )
            for lot in move.move_line_ids.lot_id:
                count[lot] += sign
                lots |= lot
        return lots.filtered(lambda lot: count[lot] > 0)

    def _tradein_sold_lots(self):
        """The serials this line sells: the one home of that answer for margin
        VAT, invoices and registers. The serials delivered once delivered,
        else the Serial Sold named on the line."""
        self.ensure_one()
        return self._tradein_delivered_lots() or self.tradein_lot_sold_id

    def _tradein_lots_to_invoice(self):
        """The serials sold by the line that no invoice of it names yet (a
        credit note gives its serial back)."""
        self.ensure_one()
        invoiced = Counter()
        for invoice_line in self.invoice_lines.filtered(
            lambda line: line.parent_state != "cancel" and line.tradein_lot_sold_id
        ):
            sign = -1 if invoice_line.move_id.move_type == "out_refund" else 1
            invoiced[invoice_line.tradein_lot_sold_id] += sign
        return self._tradein_sold_lots().filtered(lambda lot: invoiced[lot] <= 0)

    def _prepare_invoice_lines_vals_list(self, **optional_values):
        """One invoice line per serial when a line sells several: each item
        has its own purchase price, margin VAT, register row and credit note."""
        vals_list = super()._prepare_invoice_lines_vals_list(**optional_values)
        if (
            len(vals_list) != 1
            or self.display_type
            or self.is_tradein
            or self.is_downpayment
            or self.product_id.tracking != "serial"
            or self.product_uom_id != self.product_id.uom_id
        ):
            return vals_list
        [values] = vals_list
        quantity = values.get("quantity") or 0.0
        if self.product_uom_id.compare(quantity, 1.0) <= 0:
            return vals_list
        lots = self._tradein_lots_to_invoice()[: int(quantity)]
        if not lots:
            return vals_list
        result = []
        for lot in lots:
            serial_values = {**values, "quantity": 1.0, "tradein_lot_sold_id": lot.id}
            serial_values.update(self._tradein_invoice_serial_values(lot, serial_values))
            result.append(serial_values)
        rest = quantity - len(lots)
        if self.product_uom_id.compare(rest, 0.0) > 0:
            result.append({**values, "quantity": rest, "tradein_lot_sold_id": False})
        return result

    def _tradein_invoice_serial_values(self, lot, values):
        """Hook: what the invoice line of one serial of this line changes in
        `values` (the VAT add-on: the serial's own VAT scheme)."""
        return {}

    def _tradein_reserve_lot_sold(self):
        """The delivery not yet done follows a Serial Sold chosen or changed
        after confirmation."""
        for line in self:
            moves = line.move_ids.filtered(
                lambda m: m.state not in ("done", "cancel") and m.location_dest_usage == "customer"
            )
            if not moves or moves.tradein_lot_id == line.tradein_lot_sold_id:
                continue
            if moves.move_orig_ids or any(moves.mapped("picked")):
                raise UserError(
                    self.env._(
                        "The delivery of %(order)s is already being prepared: change the serial "
                        "sold there, or before it is picked.",
                        order=line.order_id.name,
                    )
                )
            moves._do_unreserve()
            moves.tradein_lot_id = line.tradein_lot_sold_id
            moves._action_assign()
