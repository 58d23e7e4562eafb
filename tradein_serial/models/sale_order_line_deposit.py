from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _action_launch_stock_rule(self, **kwargs):
        # The trade-in comes in through its customer purchase, never goes out;
        # a line waiting for its deposit is procured once the deposit is posted.
        ready = self.filtered(
            lambda line: not line.is_tradein and not line._tradein_waits_for_deposit()
        )
        return super(SaleOrderLine, ready)._action_launch_stock_rule(**kwargs)

    def _tradein_waits_for_deposit(self):
        self.ensure_one()
        return (
            self.company_id.tradein_deposit_wait
            and self.product_id
            and self.product_id.product_tmpl_id._tradein_deposit_required()
            and not self.order_id._tradein_deposit_posted()
        )

    def _prepare_procurement_values(self):
        values = super()._prepare_procurement_values()
        if self.tradein_lot_sold_id:
            values["tradein_lot_id"] = self.tradein_lot_sold_id.id
        return values
