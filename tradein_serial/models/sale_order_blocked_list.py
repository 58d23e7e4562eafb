from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    tradein_blocked_warning = fields.Text(
        string="Blocked List", compute="_compute_tradein_blocked_warning"
    )

    @api.depends(
        "partner_id",
        "state",
        "order_line.is_tradein",
        "order_line.product_id",
        "order_line.tradein_product_id",
        "order_line.tradein_lot_id",
        "order_line.tradein_serial_name",
    )
    def _compute_tradein_blocked_warning(self):
        Attempt = self.env["tradein.blocked.attempt"]
        for order in self:
            order.tradein_blocked_warning = Attempt._tradein_warning(order)

    def _tradein_blocked_lines(self):
        return self.order_line.filtered(
            lambda line: line.is_tradein and not line.tradein_purchase_line_id
        )

    def _tradein_checks_blocked(self):
        """A quotation taking items in."""
        self.ensure_one()
        return self.state in ("draft", "sent") and bool(self._tradein_blocked_lines())

    def _tradein_blocked_offers(self):
        """What the trade-ins of this quotation offer that is on a blocked list."""
        self.ensure_one()
        lines_serials = [
            (
                line.product_id | line.tradein_product_id,
                [
                    line.tradein_lot_id.name or line.tradein_serial_name,
                    line.tradein_lot_id.tradein_imei2,
                ],
            )
            for line in self._tradein_blocked_lines()
            if line.tradein_lot_id or line.tradein_serial_name
        ]
        return self.env["tradein.blocked.attempt"]._tradein_offers(
            self,
            lines_serials,
            self.partner_id,
            # sudo: the ID number is compared with the list, not shown.
            self.partner_id.sudo().tradein_id_number,
        )
