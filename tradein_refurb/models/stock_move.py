from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _refurb_part_cost(self):
        """What a part costs its refurbishment, in the company's currency: what
        it was worth in stock when consumed (its move's value), an estimate at
        its current cost before that."""
        self.ensure_one()
        if self.state == "done" and self.is_valued:
            return self.value
        return self.product_id.standard_price * (self.quantity or self.product_uom_qty)
