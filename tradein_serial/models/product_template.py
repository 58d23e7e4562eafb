from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    tradein_one_time = fields.Boolean(
        string="One-Time Product",
        help="Created for a single item bought from a customer: the product is "
        "archived once that item is sold.",
    )
