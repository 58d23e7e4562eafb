from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    group_customer_purchase = fields.Boolean(
        string="Purchasing from the public",
        implied_group="tradein_serial.group_customer_purchase",
        help="Buy used goods from customers (customer purchases, buy-backs).",
    )
    tradein_require_identification = fields.Boolean(
        related="company_id.tradein_require_identification", readonly=False
    )
    tradein_store_credit_journal_id = fields.Many2one(
        related="company_id.tradein_store_credit_journal_id", readonly=False
    )
