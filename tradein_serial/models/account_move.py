from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(lambda m: m.is_sale_document())._tradein_log_invoice_events()
        # A deposit releases the purchase of what waited for it.
        deposits = posted.filtered(lambda m: m.move_type == "out_invoice").invoice_line_ids
        deposits.sale_line_ids.filtered(
            "is_downpayment"
        ).order_id._tradein_launch_deposit_procurements()
        return posted

    def _tradein_invoice_lots(self):
        """The serials delivered, or reserved, for the sale orders of this invoice."""
        self.ensure_one()
        sales = self.line_ids.sale_line_ids.order_id
        return sales.order_line.move_ids.filtered(
            lambda m: m.state != "cancel" and m.location_dest_id.usage == "customer"
        ).move_line_ids.lot_id

    def _tradein_lot_amount(self, lot):
        """What this invoice (or credit note) charges for serial `lot`: its
        line's total for one item, VAT included; the document's total if no
        line names it."""
        self.ensure_one()
        lines = self.invoice_line_ids.filtered(lambda line: line.tradein_lot_sold_id == lot)
        if not lines:
            lines = self.invoice_line_ids.filtered(
                lambda line: lot in line.sale_line_ids.move_ids.move_line_ids.lot_id
            )
        line = lines[:1]
        if not line:
            return self.amount_total
        return line.price_total / (line.quantity or 1.0)

    def _tradein_log_invoice_events(self, lots=None):
        """History events of these invoices for their serials (or `lots`)."""
        events = []
        if not self:
            return
        existing = (
            self.env["tradein.serial.event"]
            .sudo()
            .search_read(
                [("document_ref", "in", [f"account.move,{move.id}" for move in self])],
                ["lot_id", "document_ref"],
            )
        )
        seen = {(event["lot_id"][0], event["document_ref"]) for event in existing}
        for move in self:
            ref = f"account.move,{move.id}"
            if lots is not None:
                move_lots = lots
            elif move.move_type == "out_invoice":
                move_lots = move._tradein_invoice_lots()
            else:
                # A credit note names its serial when it is made (returns).
                continue
            for lot in move_lots:
                if (lot.id, ref) in seen:
                    continue
                events.append(
                    {
                        "lot_id": lot.id,
                        "company_id": move.company_id.id,
                        "date": fields.Datetime.now(),
                        "event_type": "credit_note"
                        if move.move_type == "out_refund"
                        else "invoice",
                        "partner_id": move.partner_id.id,
                        "document_ref": ref,
                        "amount": move._tradein_lot_amount(lot),
                        "currency_id": move.currency_id.id,
                    }
                )
        self.env["tradein.serial.event"]._tradein_log(events)
