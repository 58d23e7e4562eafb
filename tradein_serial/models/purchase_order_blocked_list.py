from odoo import api, fields, models
from odoo.exceptions import UserError


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    tradein_blocked_warning = fields.Text(
        string="Blocked List", compute="_compute_tradein_blocked_warning"
    )

    @api.depends(
        "partner_id",
        "state",
        "order_line.product_id",
        "order_line.tradein_lot_id",
        "order_line.tradein_serial_name",
    )
    def _compute_tradein_blocked_warning(self):
        Attempt = self.env["tradein.blocked.attempt"]
        for order in self:
            order.tradein_blocked_warning = Attempt._tradein_warning(order)

    def _tradein_checks_blocked(self):
        """A customer purchase of its own not paid out yet (a trade-in's is
        checked on its sale)."""
        self.ensure_one()
        return (
            self.is_customer_purchase
            and not self.tradein_sale_id
            and not self.payout_date
            and self.state != "cancel"
        )

    def _tradein_blocked_offers(self):
        """What this purchase offers that is on a blocked list."""
        self.ensure_one()
        lines_serials = [
            (line.product_id, [line._tradein_serial(), line.tradein_lot_id.tradein_imei2])
            for line in self.order_line
            if not line.display_type and line._tradein_serial()
        ]
        return self.env["tradein.blocked.attempt"]._tradein_offers(
            self,
            lines_serials,
            self.partner_id,
            # sudo: the ID number is compared with the list, not shown.
            self.sudo().seller_id_number,
        )

    def _tradein_check_not_blocked(self):
        """Only a Trade-in Administrator buys a blocked item or from a blocked
        seller (flagged at pay-out on the purchase, the seller and the register)."""
        self.ensure_one()
        reasons = self.env["tradein.blocked.attempt"]._tradein_refusal(
            self, self._tradein_blocked_offers()
        )
        if reasons:
            raise UserError(
                self.env._(
                    "%(name)s cannot be paid out. %(reasons)s Do not buy it: a Trade-in "
                    "Administrator decides.",
                    name=self.name,
                    reasons=reasons,
                )
            )
