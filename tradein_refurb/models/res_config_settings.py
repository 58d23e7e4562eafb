from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    tradein_refurb_hour_cost = fields.Monetary(
        related="company_id.tradein_refurb_hour_cost",
        readonly=False,
        currency_field="company_currency_id",
    )
    tradein_refurb_require_grade = fields.Boolean(
        related="company_id.tradein_refurb_require_grade", readonly=False
    )
    tradein_refurb_labour_account_id = fields.Many2one(
        related="company_id.tradein_refurb_labour_account_id", readonly=False
    )
