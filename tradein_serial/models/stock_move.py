from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..tools import workflow_method


class StockMove(models.Model):
    _inherit = "stock.move"

    tradein_lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Sold",
        index="btree_not_null",
        copy=False,
        check_company=True,
        help="The serial the sale line sells: the only one this move reserves and delivers.",
    )

    @api.constrains("tradein_lot_id")
    def _check_tradein_company(self):
        self._check_company(["tradein_lot_id"])

    def _prepare_procurement_values(self):
        # Through every step of a multi-step delivery.
        values = super()._prepare_procurement_values()
        if self.tradein_lot_id:
            values["tradein_lot_id"] = self.tradein_lot_id.id
        return values

    def _update_reserved_quantity(
        self, need, location_id, lot_id=None, package_id=None, owner_id=None, strict=True
    ):
        # Reserve the serial sold, never another one.
        if self.tradein_lot_id:
            lot_id = self.tradein_lot_id
        return super()._update_reserved_quantity(
            need,
            location_id,
            lot_id=lot_id,
            package_id=package_id,
            owner_id=owner_id,
            strict=strict,
        )

    def _action_done(self, cancel_backorder=False):
        # A serial on hold leaves for no customer (refurbishment is internal).
        self.filtered(lambda m: m.location_dest_id.usage == "customer").move_line_ids.filtered(
            "picked"
        ).lot_id._tradein_check_not_on_hold(self.env._("delivered"))
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        done = moves.filtered(lambda m: m.state == "done")
        done._tradein_archive_sold_one_time_products()
        done._tradein_follow_delivered_serial()
        done._tradein_update_serials()
        return moves

    def _tradein_follow_delivered_serial(self):
        """A sale line that named no serial sells the ones picked at delivery:
        margin VAT, owner, warranty and history then follow those serials.
        A line of several items follows once all of them are delivered."""
        lines = self.filtered(
            lambda m: (
                m.sale_line_id
                and m.location_dest_id.usage == "customer"
                # not the component of a kit sold on the line
                and m.product_id == m.sale_line_id.product_id
                and m.product_id.tracking == "serial"
            )
        ).sale_line_id
        for line in lines:
            if line.tradein_lot_sold_id or line.qty_invoiced:
                continue
            lots = line._tradein_delivered_lots()
            if len(lots) and line.product_uom_id.compare(line.product_uom_qty, len(lots)) == 0:
                line._tradein_sell_delivered_serials(lots)

    def _tradein_archive_sold_one_time_products(self):
        """A one-time product is archived once its item has left our stock."""
        templates = self.filtered(
            lambda m: m.product_id.tradein_one_time and m.location_dest_usage == "customer"
        ).product_id.product_tmpl_id
        for template in templates:
            if template.qty_available <= 0:
                template.active = False

    def _tradein_event_info(self):
        """(event type, partner, document) of a done move of serials, or Nones."""
        self.ensure_one()
        source = self.location_id.usage
        destination = self.location_dest_id.usage
        partner = self.picking_id.partner_id or self.partner_id
        sale = self.sale_line_id.order_id or self.origin_returned_move_id.sale_line_id.order_id
        purchase = (
            self.purchase_line_id.order_id or self.origin_returned_move_id.purchase_line_id.order_id
        )
        if destination == "customer":
            return "delivery", partner, sale
        # A serial bought back from the customer who had it comes from the
        # customer's location: still a trade-in or a customer purchase.
        if source in ("customer", "supplier") and self.purchase_line_id:
            if purchase.tradein_sale_id:
                return "trade_in", purchase.partner_id, purchase
            if purchase.is_customer_purchase:
                return "customer_purchase", purchase.partner_id, purchase
        if source == "customer":
            return "return", partner, sale
        if source == "supplier":
            return "purchase", purchase.partner_id or partner, purchase
        if destination == "supplier":
            return "return_to_vendor", purchase.partner_id or partner, purchase
        if source == "inventory":
            kind = "import" if self.env.context.get("tradein_serial_import") else "adjustment"
            return kind, self.env["res.partner"], self.env["stock.picking"]
        return None, None, None

    def _tradein_pick(self, lots, quantity=1.0):
        """Move exactly `lots` (or, without serials, `quantity`) with these
        moves, picked, between their own locations, through Odoo's own serial
        assignment (the moves' Serial Numbers)."""
        self._tradein_pick_each(dict.fromkeys(self, (lots, quantity)))

    def _tradein_pick_each(self, picks):
        """Pick each move of `picks` ({move: (lots, quantity)}) as
        :meth:`_tradein_pick` does, in one pass. Moves whose locations changed
        since they were reserved are reserved again first."""
        moves = self.browse([move.id for move in picks])
        moved = moves.filtered(
            lambda move: any(
                not line.location_id._child_of(move.location_id)
                or not line.location_dest_id._child_of(move.location_dest_id)
                for line in move.move_line_ids
            )
        )
        if moved:
            moved._do_unreserve()
            moved._action_assign()
        for move, (lots, quantity) in picks.items():
            if lots:
                move.lot_ids = lots
            else:
                move.quantity = quantity
        moves.picked = True

    @workflow_method
    def _tradein_update_serials(self):
        """Owner, warranty and history of the serials these moves carried."""
        events = []
        lots_by_sale = defaultdict(lambda: self.env["stock.lot"])
        for move in self.filtered(lambda m: m.product_id.tracking != "none"):
            event_type, partner, document = move._tradein_event_info()
            if not event_type:
                continue
            event_type = self.env.context.get("tradein_event_type", {}).get(event_type, event_type)
            # Received for a customer's order (make to order): reserved for it.
            reserved_for = move.move_dest_ids.sale_line_id.order_id[:1]
            for move_line in move.move_line_ids.filtered("lot_id"):
                lot = move_line.lot_id
                events += move._tradein_lot_events(move_line, event_type, partner, document)
                move._tradein_update_lot(lot, event_type, partner)
                if reserved_for and move.location_dest_id.usage == "internal":
                    events.append(move._tradein_reserved_event(move_line, reserved_for))
                    lots_by_sale[reserved_for] |= lot
                if move.location_dest_id.usage == "customer" and move.sale_line_id:
                    lots_by_sale[move.sale_line_id.order_id] |= lot
        self.env["tradein.serial.event"]._tradein_log(events)
        # Invoices posted before the serial was known (deposits, invoicing on
        # order) belong to its history too.
        for sale, lots in lots_by_sale.items():
            invoices = sale.invoice_ids.filtered(
                lambda inv: inv.state == "posted" and inv.move_type == "out_invoice"
            )
            invoices._tradein_log_invoice_events(lots)

    def _tradein_event_common(self, move_line):
        return {
            "lot_id": move_line.lot_id.id,
            "company_id": self.company_id.id,
            "date": move_line.date or self.date,
            "picking_id": self.picking_id.id,
        }

    def _tradein_lot_events(self, move_line, event_type, partner, document):
        """The history event of the serial of `move_line`, as a list of values."""
        event = {
            **self._tradein_event_common(move_line),
            "event_type": event_type,
            "partner_id": partner.id if partner else False,
            "document_ref": f"{document._name},{document.id}" if document else False,
            "note": self.env.context.get("tradein_event_note"),
        }
        purchase_line = self.purchase_line_id
        if purchase_line and event_type in ("purchase", "customer_purchase", "trade_in"):
            # What the serial cost: the price paid, or the allowance.
            event["amount"] = purchase_line.price_unit
            event["currency_id"] = purchase_line.currency_id.id
        return [event]

    def _tradein_reserved_event(self, move_line, sale):
        return {
            **self._tradein_event_common(move_line),
            "event_type": "reserved",
            "partner_id": sale.partner_id.id,
            "document_ref": f"sale.order,{sale.id}",
        }

    def _tradein_update_lot(self, lot, event_type, partner):
        """Acquisition, owner and warranty of `lot` after this move."""
        if event_type == "purchase" and self.purchase_line_id:
            # A vendor purchase: the serial remembers it like any acquisition.
            lot._tradein_acquire(self.purchase_line_id)
        elif event_type == "adjustment" and not lot.acquisition_type:
            # Counted into stock, bought nowhere we know: the serial says so,
            # as its history does.
            lot.write({"acquisition_type": "adjustment", "acquisition_date": self.date.date()})
        if self.location_dest_id.usage == "customer":
            months = self.product_id.tradein_warranty_months
            warranty_end = self.env.context.get("tradein_warranty_end") or (
                months and self.date.date() + relativedelta(months=months)
            )
            owner = partner.commercial_partner_id if partner else partner
            lot.write(
                {"tradein_owner_id": owner.id or False, "warranty_end_date": warranty_end or False}
            )
        elif self.location_id.usage == "customer":
            today = fields.Date.context_today(self)
            values = {"tradein_owner_id": False}
            if lot.warranty_end_date and lot.warranty_end_date > today:
                values["warranty_end_date"] = today
            lot.write(values)
