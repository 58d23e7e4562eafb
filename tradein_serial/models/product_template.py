from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    tradein_one_time = fields.Boolean(
        string="One-Time Product",
        help="Created for a single item bought from a customer: the product is "
        "archived once that item is sold.",
    )
    tradein_price = fields.Monetary(
        string="Trade-in Price",
        help="Allowance offered when a customer trades this product in; empty: a "
        "percentage of the sales price (Settings).",
    )
    tradein_requires_deposit = fields.Boolean(
        string="Requires a Deposit",
        help="Sold against a deposit (Take Deposit on the sale order); the category can "
        "require it too.",
    )
    tradein_warranty_months = fields.Integer(
        string="Warranty (months)",
        help="Warranty given with each serial sold, from its delivery date; 0: none.",
    )
    used_product_id = fields.Many2one(
        "product.product",
        string="Used Twin",
        domain="[('is_storable', '=', True), ('product_tmpl_id', '!=', id)]",
        help="Trade-ins and buy-backs of this product enter stock as this product, "
        "so used items stay apart from new ones.",
    )

    def _tradein_deposit_required(self):
        """Whether this product is sold against a deposit (product or category)."""
        self.ensure_one()
        return self.tradein_requires_deposit or self.categ_id.tradein_requires_deposit

    @api.model
    def _tradein_prepare_values(self, name, category, serialized, one_time, price, cost, company):
        """Values of a product created on the fly for an item bought from a customer."""
        return {
            "name": name,
            "categ_id": (category or self.env.ref("product.product_category_goods")).id,
            "type": "consu",
            "is_storable": True,
            "tracking": "serial" if serialized else "none",
            "list_price": price,
            # The first cost of the product is what we paid for this item.
            "standard_price": cost,
            "purchase_ok": True,
            "sale_ok": True,
            "tradein_one_time": one_time,
            "company_id": company.id if one_time else False,
        }
