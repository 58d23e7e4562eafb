from odoo import fields, models


class TradeinRefurbStartWizard(models.TransientModel):
    _inherit = "tradein.refurb.start.wizard"

    purchase_line_id = fields.Many2one(required=False)
    lot_id = fields.Many2one("stock.lot", string="Serial")

    def action_send_to_refurb(self):
        self.ensure_one()
        if self.purchase_line_id:
            return super().action_send_to_refurb()
        repair = self.lot_id._tradein_refurb_create(self.issue)
        return self.lot_id._tradein_refurb_action(repair)
