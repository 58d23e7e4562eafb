from odoo import fields, models


class TradeinMoveProductWizard(models.TransientModel):
    _name = "tradein.move.product.wizard"
    _description = "Move a Bought Item to Another Product"

    purchase_line_id = fields.Many2one("purchase.order.line", required=True, ondelete="cascade")
    current_product_id = fields.Many2one(related="purchase_line_id.product_id")
    product_id = fields.Many2one(
        "product.product",
        string="Move To",
        required=True,
        domain="[('is_storable', '=', True), ('id', '!=', current_product_id)]",
    )

    def action_move(self):
        self.ensure_one()
        self.purchase_line_id._tradein_refile_product(self.product_id)
        return {"type": "ir.actions.act_window_close"}
