from odoo import api, fields, models


class TradeinSerialReturnWizard(models.TransientModel):
    _name = "tradein.serial.return.wizard"
    _description = "Return a Sold Serial"

    lot_id = fields.Many2one("stock.lot", string="Serial", required=True)
    product_id = fields.Many2one(related="lot_id.product_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        help="The customer returning the serial.",
    )
    company_id = fields.Many2one(related="lot_id.company_id")
    location_id = fields.Many2one(
        "stock.location",
        string="Return To",
        required=True,
        domain="[('usage', '=', 'internal')]",
        default=lambda self: self.env["stock.lot"]._tradein_default_location(),
    )
    reason = fields.Char(required=True)
    credit_note_mode = fields.Selection(
        related="lot_id.company_id.tradein_return_credit_note", string="Credit Note"
    )

    @api.depends("lot_id")
    def _compute_partner_id(self):
        for wizard in self:
            wizard.partner_id = wizard.partner_id or wizard.lot_id.tradein_owner_id

    def action_return(self):
        self.ensure_one()
        credit_note = self.lot_id._tradein_return(self.location_id, self.reason, self.partner_id)
        if credit_note:
            return {
                "type": "ir.actions.act_window",
                "res_model": "account.move",
                "res_id": credit_note.id,
                "view_mode": "form",
            }
        return {"type": "ir.actions.act_window_close"}
