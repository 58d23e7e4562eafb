from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    tradein_margin_enabled = fields.Boolean(
        related="company_id.tradein_margin_enabled", readonly=False
    )
    tradein_margin_mention = fields.Text(
        related="company_id.tradein_margin_mention", readonly=False
    )
    tradein_margin_global = fields.Boolean(
        related="company_id.tradein_margin_global", readonly=False
    )
    tradein_margin_return_credit_note = fields.Boolean(
        related="company_id.tradein_margin_return_credit_note", readonly=False
    )
    tradein_margin_purchase_mention = fields.Text(
        related="company_id.tradein_margin_purchase_mention", readonly=False
    )
    tradein_global_margin_threshold = fields.Monetary(
        related="company_id.tradein_global_margin_threshold", readonly=False
    )
    tradein_margin_fiscal_position_id = fields.Many2one(
        related="company_id.tradein_margin_fiscal_position_id", readonly=False
    )

    def set_values(self):
        res = super().set_values()
        if self.tradein_margin_enabled:
            self.company_id._tradein_margin_setup()
        return res
