from odoo import api, fields, models

EXCLUSIONS = [
    ("price", "Bought above the threshold"),
    ("category", "Excluded category"),
]


class TradeinMarginAcquisition(models.Model):
    """One item bought under the margin scheme: a line of the stock book.

    Each margin-scheme acquisition gets a stock number, per company, in
    numerical sequence, when it is paid out or received (whichever comes
    first). A serial bought back later is a new acquisition with a new stock
    number; the sale of an item keeps the acquisition it sold.
    Only the workflow creates them: users read them.
    """

    _name = "tradein.margin.acquisition"
    _description = "Margin Scheme Acquisition"
    _order = "date desc, id desc"
    _rec_name = "stock_number"
    _check_company_auto = True

    stock_number = fields.Char(required=True, readonly=True, copy=False, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="Purchase Date", required=True, readonly=True, index=True)
    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Received",
        readonly=True,
        index="btree_not_null",
        check_company=True,
        help="The serial as received into inventory (Add to Inventory), sold since or not.",
    )
    serial = fields.Char(
        string="Serial Number", readonly=True, help="The serial number given at purchase."
    )
    product_id = fields.Many2one("product.product", readonly=True, check_company=True)
    description = fields.Char(readonly=True)
    purchase_line_id = fields.Many2one(
        "purchase.order.line", readonly=True, index="btree_not_null", check_company=True
    )
    purchase_order_id = fields.Many2one(
        related="purchase_line_id.order_id", string="Purchase Document", store=True
    )
    seller_id = fields.Many2one("res.partner", readonly=True)
    purchase_price = fields.Monetary(
        readonly=True, help="What was paid for the item, in the company's currency."
    )
    global_exclusion = fields.Selection(
        EXCLUSIONS,
        string="Excluded from Global Margin",
        compute="_compute_global_exclusion",
        store=True,
        help="With the global margin, this item's margin is still taxed item by item: "
        "its category is excluded, or it was bought above the company's threshold.",
    )
    invoice_line_ids = fields.One2many("account.move.line", "tradein_margin_acquisition_id")

    _stock_number_unique = models.Constraint(
        "UNIQUE(company_id, stock_number)", "A stock number is given once per company."
    )

    @api.depends(
        "purchase_price",
        "product_id.categ_id",
        "company_id.tradein_global_margin_threshold",
    )
    def _compute_global_exclusion(self):
        for acquisition in self:
            category = acquisition.product_id.categ_id
            threshold = acquisition.company_id.tradein_global_margin_threshold
            if category._tradein_global_margin_excluded():
                acquisition.global_exclusion = "category"
            elif threshold and acquisition.purchase_price > threshold:
                acquisition.global_exclusion = "price"
            else:
                acquisition.global_exclusion = False

    @api.model
    def _tradein_record(self, purchase_line, lot=None):
        """The acquisition of `lot` (or of the line's item) through
        `purchase_line`: the one given at pay-out, or a new one."""
        acquisition = self.search(
            [
                ("purchase_line_id", "=", purchase_line.id),
                ("lot_id", "in", (lot.id, False) if lot else (False,)),
            ],
            order="lot_id, id",
            limit=1,
        )
        if acquisition:
            if lot and not acquisition.lot_id:
                acquisition.write({"lot_id": lot.id, "serial": lot.name})
            return acquisition
        number = purchase_line.company_id._tradein_next_stock_numbers(1)[0]
        return self.create(self._tradein_record_values(purchase_line, lot, number))

    @api.model
    def _tradein_record_paid_out(self, purchase_lines):
        """The acquisitions of the items of `purchase_lines` at pay-out (as
        :meth:`_tradein_record` without a serial), the new ones numbered in
        one draw of the stock book per company."""
        existing = self.search(
            [("purchase_line_id", "in", purchase_lines.ids), ("lot_id", "=", False)]
        )
        missing = purchase_lines - existing.purchase_line_id
        values = []
        for company in missing.company_id:
            lines = missing.filtered(lambda line, company=company: line.company_id == company)
            numbers = company._tradein_next_stock_numbers(len(lines))
            values += [
                self._tradein_record_values(line, None, number)
                for line, number in zip(lines, numbers, strict=True)
            ]
        return existing | self.create(values)

    @api.model
    def _tradein_record_values(self, purchase_line, lot, stock_number):
        order = purchase_line.order_id
        return {
            "stock_number": stock_number,
            "company_id": purchase_line.company_id.id,
            "date": order.payout_date or fields.Date.context_today(self),
            "lot_id": lot.id if lot else False,
            "serial": lot.name if lot else purchase_line._tradein_serial() or False,
            "product_id": purchase_line.product_id.id,
            "description": purchase_line._tradein_item_label(),
            "purchase_line_id": purchase_line.id,
            "seller_id": order.partner_id.id,
            "purchase_price": purchase_line._tradein_company_price(),
        }
