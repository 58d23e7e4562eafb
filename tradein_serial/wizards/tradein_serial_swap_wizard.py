from odoo import fields, models


class TradeinSerialSwapWizard(models.TransientModel):
    _name = "tradein.serial.swap.wizard"
    _description = "Swap a Sold Serial for Another"

    lot_id = fields.Many2one("stock.lot", string="Serial Returned", required=True)
    product_id = fields.Many2one(related="lot_id.product_id")
    partner_id = fields.Many2one(related="lot_id.tradein_owner_id", string="Customer")
    new_lot_id = fields.Many2one(
        "stock.lot",
        string="Replacement Serial",
        required=True,
        domain="[('product_id', '=', product_id), ('id', '!=', lot_id), ('product_qty', '>', 0)]",
    )
    location_id = fields.Many2one(
        "stock.location",
        string="Return To",
        required=True,
        domain="[('usage', '=', 'internal')]",
        default=lambda self: self.env["stock.lot"]._tradein_default_location(),
    )
    reason = fields.Char(required=True)

    def action_swap(self):
        self.ensure_one()
        self.lot_id._tradein_swap(self.new_lot_id, self.location_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
