from odoo import models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _inaccessible_comodel_records(self, model_and_ids, operation):
        """Files of customer purchases (ID photos) follow the seller identity."""
        inaccessible = set(super()._inaccessible_comodel_records(model_and_ids, operation))
        purchase_ids = model_and_ids.get("purchase.order")
        if (
            purchase_ids
            and not self.env.su
            and not self.env.user.has_group("tradein_serial.group_tradein_seller_identity")
        ):
            # sudo: whether a purchase is a customer purchase is no secret;
            # only its files are kept from this user.
            customer_purchases = (
                self.env["purchase.order"]
                .sudo()
                .search([("id", "in", list(purchase_ids)), ("is_customer_purchase", "=", True)])
            )
            inaccessible |= {("purchase.order", order_id) for order_id in customer_purchases.ids}
        return inaccessible
