from odoo import api, fields, models


class TradeinItemMixin(models.AbstractModel):
    """An item bought from a customer, on a customer purchase line or a
    sale's trade-in line: its typed serial, and the item not in the
    catalogue (the placeholder product, with its name and category until a
    product is created for it)."""

    _name = "tradein.item.mixin"
    _inherit = ["tradein.serial.input.mixin"]
    _description = "Item Bought from a Customer"
    _tradein_serial_fields = ("tradein_serial_name",)

    tradein_is_manual = fields.Boolean(
        string="Not in Catalogue",
        compute="_compute_tradein_is_manual",
        # Stored: the registers read it for every item of a year.
        store=True,
        help="A manual item: the product is created with Add Product.",
    )
    tradein_manual_name = fields.Char(string="Item Name")
    tradein_manual_categ_id = fields.Many2one("product.category", string="Item Category")
    tradein_manual_serialized = fields.Boolean(string="Serialized Item", default=True)

    @api.depends("product_id")
    def _compute_tradein_is_manual(self):
        # The xmlid lookup is cached: no query per line.
        placeholder_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "tradein_serial.product_unlisted_item", raise_if_not_found=False
        )
        for line in self:
            line.tradein_is_manual = bool(placeholder_id) and line.product_id.id == placeholder_id
