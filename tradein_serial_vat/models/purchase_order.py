from odoo import models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    def _tradein_self_billed_without_vat(self):
        """Whether the receipt of this customer purchase is the self-billing
        document of goods bought without VAT under the margin scheme."""
        self.ensure_one()
        lines = self.order_line.filtered(lambda line: not line.display_type)
        return bool(
            self.is_customer_purchase
            and lines
            and all(
                line._tradein_margin_acquired()
                and not line.tax_ids.filtered(lambda tax: not tax.tradein_margin_purchase)
                for line in lines
            )
        )
