from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    tradein_global_margin_excluded = fields.Boolean(
        string="Excluded from Global Margin",
        help="Items of this category (and its subcategories) may not go through the "
        "global margin: their margin is taxed item by item (in the UK: motor vehicles, "
        "motorcycles, caravans, motor-homes, aircraft, boats, outboard motors, horses).",
    )

    def _tradein_global_margin_excluded(self):
        """Whether this category or one of its parents is excluded."""
        category = self
        while category:
            if category.tradein_global_margin_excluded:
                return True
            category = category.parent_id
        return False
