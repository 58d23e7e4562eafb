from odoo import api, fields, models
from odoo.exceptions import UserError


class TradeinRefurbStartWizard(models.TransientModel):
    _name = "tradein.refurb.start.wizard"
    _description = "Send a Bought Item to Refurbishment"

    purchase_line_id = fields.Many2one("purchase.order.line", ondelete="cascade")
    lot_id = fields.Many2one("stock.lot", string="Serial", ondelete="cascade")
    issue = fields.Text(required=True, help="What must be fixed before the item is sold.")

    @api.model
    def _tradein_action(self, purchase_line=None, lot=None):
        """The wizard opened for an item of a customer purchase or a serial."""
        context = {"default_purchase_line_id": purchase_line.id} if purchase_line else {}
        if lot:
            context["default_lot_id"] = lot.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Start Refurb"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

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
