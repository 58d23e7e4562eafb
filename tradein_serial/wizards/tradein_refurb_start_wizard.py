from odoo import fields, models
from odoo.exceptions import UserError


class TradeinRefurbStartWizard(models.TransientModel):
    _name = "tradein.refurb.start.wizard"
    _description = "Send a Bought Item to Refurbishment"

    purchase_line_id = fields.Many2one("purchase.order.line", ondelete="cascade")
    lot_id = fields.Many2one("stock.lot", string="Serial", ondelete="cascade")
    issue = fields.Text(required=True, help="What must be fixed before the item is sold.")

    def action_send_to_refurb(self):
        """The item of a customer purchase, or a serial in stock, goes to
        refurbishment; the action the refurbishment opens, if any, follows."""
        self.ensure_one()
        if not (self.purchase_line_id or self.lot_id):
            raise UserError(self.env._("Choose the item or the serial to send to refurbishment."))
        if self.purchase_line_id:
            action = self.purchase_line_id._tradein_start_refurb(self.issue)
        else:
            action = self.lot_id._tradein_send_to_refurb(self.issue)
        return action or {"type": "ir.actions.act_window_close"}
