from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import lock_or_refuse


class StockLot(models.Model):
    _inherit = "stock.lot"

    def action_tradein_return(self):
        self.ensure_one()
        return self._tradein_wizard_action("tradein.serial.return.wizard", self.env._("Return"))

    @api.model
    def _tradein_default_location(self):
        """The stock location of the current company's first warehouse."""
        return self.env.company._tradein_warehouse().lot_stock_id

    def _tradein_lock(self):
        """Lock these serials while they change hands (receipt, return, swap):
        a second operation on the same serial at the same time gets an error
        instead of bringing it into stock twice."""
        lock_or_refuse(
            self,
            lambda busy: self.env._(
                "Serial %(serials)s is being received, returned or swapped by someone "
                "else right now: try again in a moment.",
                serials=", ".join(busy.mapped("name")),
            ),
        )

    def _tradein_check_returnable(self, partner=None):
        """Refuse to take back a serial that no customer holds (or another one does)."""
        self.ensure_one()
        if not self.tradein_owner_id:
            raise UserError(
                self.env._(
                    "Serial %(serial)s is not with a customer: it was never sold, or it has "
                    "already been returned.",
                    serial=self.name,
                )
            )
        if partner and self.tradein_owner_id != partner.commercial_partner_id:
            raise UserError(
                self.env._(
                    "Serial %(serial)s belongs to %(owner)s, not to %(partner)s.",
                    serial=self.name,
                    owner=self.tradein_owner_id.display_name,
                    partner=partner.display_name,
                )
            )

    def _tradein_last_delivery(self):
        """The done move line that delivered this serial to its owner."""
        self.ensure_one()
        return self.env["stock.move.line"].search(
            [
                ("lot_id", "=", self.id),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            order="date desc, id desc",
            limit=1,
        )

    def _tradein_return_wizard(self):
        """Odoo's Return wizard on the delivery of this serial, for this one unit."""
        self.ensure_one()
        delivery = self._tradein_last_delivery()
        if not delivery:
            raise UserError(
                self.env._("No delivery of serial %(serial)s to take back.", serial=self.name)
            )
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=delivery.picking_id.id, active_model="stock.picking")
            .create({})
        )
        for return_line in wizard.product_return_moves:
            return_line.quantity = 1 if return_line.move_id == delivery.move_id else 0
            return_line.to_refund = True
        return wizard

    def _tradein_take_back(self, location, reason, event_type="return", wizard=None):
        """Receive this serial back from its owner into `location`, through
        `wizard` (a :meth:`_tradein_return_wizard`, made here if not given).

        :return: the validated return transfer
        """
        self.ensure_one()
        wizard = wizard or self._tradein_return_wizard()
        returned = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        returned.location_dest_id = location
        for move in returned.move_ids:
            move.location_dest_id = location
            move._tradein_pick(self)
        returned.with_context(
            skip_backorder=True,
            tradein_event_type={"return": event_type},
            tradein_event_note=reason,
        ).button_validate()
        return returned

    def _tradein_invoice_line(self):
        """The posted customer invoice line that charged this serial."""
        self.ensure_one()
        delivery = self._tradein_last_delivery()
        sale_line = delivery.move_id.sale_line_id
        lines = sale_line.invoice_lines.filtered(
            lambda line: line.move_id.state == "posted" and line.move_id.move_type == "out_invoice"
        )
        # A line of several serials is invoiced one line per serial.
        lines = lines.filtered(lambda line: line.tradein_lot_sold_id == self) or lines
        return lines.sorted(
            lambda line: (line.move_id.invoice_date or fields.Date.today(), line.id)
        )[-1:]

    def _tradein_credit_note(self, invoice_line, reason, post):
        """A credit note of what `invoice_line` charged for one unit (this serial).

        Not ``_reverse_moves`` nor ``account.move.reversal``: they credit the
        whole invoice, and a return credits one serial of it, on one line.
        """
        self.ensure_one()
        invoice = invoice_line.move_id
        credit_note = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": invoice.partner_id.id,
                "reversed_entry_id": invoice.id,
                "invoice_origin": invoice.invoice_origin,
                "ref": self.env._(
                    "Return of %(serial)s: %(reason)s", serial=self.name, reason=reason
                ),
                "currency_id": invoice.currency_id.id,
                "fiscal_position_id": invoice.fiscal_position_id.id,
                "invoice_line_ids": [
                    fields.Command.create(
                        {
                            "product_id": invoice_line.product_id.id,
                            "name": f"{invoice_line.name} ({self.name})",
                            "quantity": 1,
                            "product_uom_id": invoice_line.product_uom_id.id,
                            "price_unit": invoice_line.price_unit,
                            "discount": invoice_line.discount,
                            "tax_ids": [fields.Command.set(invoice_line.tax_ids.ids)],
                            "account_id": invoice_line.account_id.id,
                            "sale_line_ids": [fields.Command.set(invoice_line.sale_line_ids.ids)],
                            "tradein_lot_sold_id": self.id,
                            **invoice_line._tradein_credit_note_line_values(),
                        }
                    )
                ],
            }
        )
        credit_note._tradein_log_invoice_events(self)
        if post:
            # sudo: the company posts return credit notes by itself (Settings),
            # also when the return is recorded by an Inventory user.
            credit_note.sudo().action_post()
        return credit_note

    def _tradein_return_credit_note_mode(self):
        """Hook: "off", "draft" or "posted" for the credit note of a return."""
        self.ensure_one()
        return self._tradein_company().tradein_return_credit_note

    def _tradein_return(self, location, reason, partner=None):
        """Take this sold serial back; credit what its invoice charged.

        :return: the credit note, if one was made
        """
        self.ensure_one()
        self._tradein_lock()
        self._tradein_check_returnable(partner)
        invoice_line = self._tradein_invoice_line()
        self._tradein_take_back(location, reason)
        mode = self._tradein_return_credit_note_mode()
        if not invoice_line or mode == "off":
            return self.env["account.move"]
        return self._tradein_credit_note(invoice_line, reason, post=mode == "posted")
