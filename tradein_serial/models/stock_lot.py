from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import ValidationError

CONDITIONS = [
    ("new", "New"),
    ("used", "Used"),
    ("refurbished", "Refurbished"),
]
GRADES = [
    ("a", "A - as new"),
    ("b", "B - light wear"),
    ("c", "C - heavy wear"),
]
ACQUISITIONS = [
    ("vendor_purchase", "Vendor purchase"),
    ("customer_purchase", "Customer purchase"),
    ("trade_in", "Trade-in"),
    ("import", "Import"),
]


class StockLot(models.Model):
    _inherit = "stock.lot"

    acquisition_type = fields.Selection(ACQUISITIONS, tracking=True)
    acquisition_partner_id = fields.Many2one(
        "res.partner", string="Acquired From", tracking=True, index="btree_not_null"
    )
    acquisition_date = fields.Date(tracking=True)
    acquisition_price = fields.Monetary(
        currency_field="company_currency_id",
        tracking=True,
        help="What we paid for this serial, in the company currency.",
    )
    acquisition_purchase_line_id = fields.Many2one(
        "purchase.order.line", string="Acquisition Line", index="btree_not_null", copy=False
    )
    tradein_condition = fields.Selection(
        CONDITIONS, string="Condition", default="new", required=True, tracking=True
    )
    tradein_grade = fields.Selection(GRADES, string="Grade", tracking=True)
    is_used = fields.Boolean(compute="_compute_is_used", store=True)
    tradein_retail_price = fields.Monetary(
        string="Retail Price",
        currency_field="company_currency_id",
        tracking=True,
        help="Price of this very serial when sold; empty means the product's sales price.",
    )
    last_customer_id = fields.Many2one(
        "res.partner",
        compute="_compute_last_customer_id",
        string="Last Sold To",
        help="The customer this serial was last delivered to.",
    )

    @api.depends("tradein_condition")
    def _compute_is_used(self):
        for lot in self:
            lot.is_used = lot.tradein_condition != "new"

    def _compute_last_customer_id(self):
        move_lines = self.env["stock.move.line"].search(
            [
                ("lot_id", "in", self.ids),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            order="date desc, id desc",
        )
        last = {}
        for move_line in move_lines:
            last.setdefault(move_line.lot_id.id, move_line)
        for lot in self:
            move_line = last.get(lot.id)
            lot.last_customer_id = move_line and (
                move_line.picking_id.partner_id or move_line.move_id.partner_id
            )

    def _tradein_in_stock(self):
        """Return the serials of `self` that sit in an internal location."""
        quants = self.env["stock.quant"]._read_group(
            [
                ("lot_id", "in", self.ids),
                ("location_id.usage", "=", "internal"),
                ("quantity", ">", 0),
            ],
            ["lot_id"],
        )
        return self.browse([lot.id for (lot,) in quants])

    @api.model
    def _tradein_find(self, product, serial, company):
        """The serial `serial` of `product` in `company`, if we know it."""
        if not product or not serial:
            return self.browse()
        return self.search(
            [
                ("product_id", "=", product.id),
                ("name", "=", serial.strip()),
                *self._check_company_domain(company),
            ],
            limit=1,
        )

    @api.model
    def _tradein_check_acquirable(self, products, company, lot=None, serial=None):
        """Refuse to buy or take in a serial that is not the customer's to sell.

        :param products: the products the item may be filed under (the
            product and its used twin)
        :param lot: the serial picked, if any; else ``serial``, the number typed
        """
        if lot and products and lot.product_id not in products:
            raise ValidationError(
                self.env._(
                    "Serial %(serial)s belongs to %(lot_product)s, not to %(product)s.",
                    serial=lot.name,
                    lot_product=lot.product_id.display_name,
                    product=products[:1].display_name,
                )
            )
        if not lot:
            for product in products:
                lot = self._tradein_find(product, serial, company)
                if lot:
                    break
        if lot and lot._tradein_in_stock():
            raise ValidationError(
                self.env._(
                    "Serial %(serial)s of %(product)s is already in our stock: it cannot "
                    "be bought again.",
                    serial=lot.name,
                    product=lot.product_id.display_name,
                )
            )
