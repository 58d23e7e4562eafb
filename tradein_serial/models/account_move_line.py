from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    tradein_lot_sold_id = fields.Many2one(
        "stock.lot", string="Serial Sold", index="btree_not_null", copy=True, check_company=True
    )

    def _eligible_for_stock_account(self):
        # A trade-in allowance is an acquisition booked on the customer's
        # invoice, not goods sold: no cost of goods sold for it.
        if any(self.sale_line_ids.mapped("is_tradein")):
            return False
        return super()._eligible_for_stock_account()

    def _tradein_credit_note_line_values(self):
        """Hook: what a credit note line of one serial of this line keeps of it
        (the VAT add-on: its VAT scheme)."""
        self.ensure_one()
        return {}
