from odoo import fields, models


class TradeinRefurbStartWizard(models.TransientModel):
    _name = "tradein.refurb.start.wizard"
    _description = "Send a Bought Item to Refurbishment"

    purchase_line_id = fields.Many2one("purchase.order.line", required=True, ondelete="cascade")
    issue = fields.Text(required=True, help="What must be fixed before the item is sold.")

    def action_send_to_refurb(self):
        self.ensure_one()
        result = self.purchase_line_id._tradein_start_refurb(self.issue)
        if isinstance(result, dict):
            return result
        return {"type": "ir.actions.act_window_close"}
