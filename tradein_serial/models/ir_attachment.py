from odoo import api, models
from odoo.fields import Domain


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _tradein_sees_seller_files(self):
        """Whether this user may list and read the files of customer
        purchases (ID photos): the Seller identity group only."""
        return self.env.su or self.env.user.has_group(
            "tradein_serial.group_tradein_seller_identity"
        )

    @api.model
    def _tradein_seller_files_domain(self):
        """The attachments that are not files of a customer purchase."""
        # sudo: which purchases are customer purchases is no secret; only
        # their files are kept from this user.
        customer_purchases = (
            self.env["purchase.order"].sudo()._search([("is_customer_purchase", "=", True)])
        )
        return Domain("res_model", "!=", "purchase.order") | Domain(
            "res_id", "not in", customer_purchases
        )

    @api.model
    def _search(
        self, domain, offset=0, limit=None, order=None, *, active_test=True, bypass_access=False
    ):
        # Odoo's search of attachments filtered by model takes a fast path that
        # checks the purchase's record rules only, not the per-record check
        # below: the restriction goes into the search itself.
        if not (bypass_access or self._tradein_sees_seller_files()):
            domain = Domain(domain) & self._tradein_seller_files_domain()
        return super()._search(
            domain,
            offset=offset,
            limit=limit,
            order=order,
            active_test=active_test,
            bypass_access=bypass_access,
        )

    def _inaccessible_comodel_records(self, model_and_ids, operation):
        """Files of customer purchases (ID photos) follow the seller identity."""
        inaccessible = set(super()._inaccessible_comodel_records(model_and_ids, operation))
        purchase_ids = model_and_ids.get("purchase.order")
        if purchase_ids and not self._tradein_sees_seller_files():
            # sudo: whether a purchase is a customer purchase is no secret;
            # only its files are kept from this user.
            customer_purchases = (
                self.env["purchase.order"]
                .sudo()
                .search([("id", "in", list(purchase_ids)), ("is_customer_purchase", "=", True)])
            )
            inaccessible |= {("purchase.order", order_id) for order_id in customer_purchases.ids}
        return inaccessible
