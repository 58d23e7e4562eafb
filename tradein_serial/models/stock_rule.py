from odoo import models


class StockRule(models.Model):
    _inherit = "stock.rule"

    def _get_custom_move_fields(self):
        # The serial a sale line names travels with its delivery moves.
        return [*super()._get_custom_move_fields(), "tradein_lot_id"]
