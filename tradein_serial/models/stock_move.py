from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        moves._tradein_archive_sold_one_time_products()
        return moves

    def _tradein_archive_sold_one_time_products(self):
        """A one-time product is archived once its item has left our stock."""
        templates = self.filtered(
            lambda m: (
                m.state == "done"
                and m.product_id.tradein_one_time
                and m.location_dest_usage == "customer"
            )
        ).product_id.product_tmpl_id
        for template in templates:
            if template.qty_available <= 0:
                template.active = False
