from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    tradein_serial_is_imei = fields.Boolean(
        string="Serials Are IMEIs",
        help="Serial numbers of this category's products are IMEIs: 15 digits with a valid "
        "check digit (spaces and dashes are removed).",
    )
    tradein_requires_deposit = fields.Boolean(
        string="Requires a Deposit",
        help="Products of this category are sold against a deposit (Take Deposit on the "
        "sale order).",
    )
