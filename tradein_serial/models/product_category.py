from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    tradein_requires_deposit = fields.Boolean(
        string="Requires a Deposit",
        help="Products of this category are sold against a deposit (Take Deposit on the "
        "sale order).",
    )
