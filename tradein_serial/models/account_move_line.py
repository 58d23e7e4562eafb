from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _eligible_for_stock_account(self):
        # A trade-in allowance is an acquisition booked on the customer's
        # invoice, not goods sold: no cost of goods sold for it.
        if any(self.sale_line_ids.mapped("is_tradein")):
            return False
        return super()._eligible_for_stock_account()
