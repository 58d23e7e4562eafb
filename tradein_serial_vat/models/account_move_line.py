from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    tradein_margin_scheme = fields.Boolean(
        string="Margin Scheme",
        compute="_compute_tradein_margin_scheme",
        store=True,
        readonly=False,
        precompute=True,
        copy=True,
    )
    tradein_margin_purchase_price = fields.Monetary(
        string="Margin Purchase Price",
        compute="_compute_tradein_margin_purchase_price",
        store=True,
        help="Purchase price of the serial sold under the margin scheme, per unit, in the "
        "document's currency.",
    )
    tradein_margin_taxable = fields.Monetary(
        string="Taxable Margin",
        compute="_compute_tradein_margin_taxable",
        store=True,
        help="Selling price (VAT included) minus purchase price, item by item, never below "
        "zero: what the margin VAT is charged on.",
    )
    tradein_margin_acquisition_id = fields.Many2one(
        "tradein.margin.acquisition",
        string="Stock Book Entry",
        compute="_compute_tradein_margin_acquisition_id",
        store=True,
        copy=True,
        index="btree_not_null",
        help="The margin-scheme acquisition of the serial sold: the stock book's line it "
        "closes. Kept once invoiced, also when the serial is bought back later.",
    )
    tradein_stock_number = fields.Char(
        related="tradein_margin_acquisition_id.stock_number", string="Stock Number"
    )

    @api.depends("tradein_lot_sold_id")
    def _compute_tradein_margin_acquisition_id(self):
        for line in self:
            # sudo: which acquisition a serial sold belongs to is the stock
            # book's fact, whoever invoices it.
            line.tradein_margin_acquisition_id = (
                line.tradein_lot_sold_id.sudo().tradein_margin_acquisition_id
            )

    @api.model
    def _tradein_margin_register_domain(self, company, date_from, date_to):
        """The lines a margin register holds: posted margin-scheme lines of
        customer invoices and credit notes of `company` in the dates."""
        return [
            ("company_id", "=", company.id),
            ("parent_state", "=", "posted"),
            ("move_id.move_type", "in", ("out_invoice", "out_refund")),
            ("tradein_margin_scheme", "=", True),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]

    @api.depends("tradein_lot_sold_id")
    def _compute_tradein_margin_scheme(self):
        # A new serial decides again (a copied or invoiced line brings its value).
        for line in self:
            lot = line.tradein_lot_sold_id
            line.tradein_margin_scheme = bool(lot) and lot._tradein_margin_eligible()

    @api.depends("tradein_lot_sold_id", "tradein_margin_scheme", "currency_id")
    def _compute_tradein_margin_purchase_price(self):
        for line in self:
            lot = line.tradein_lot_sold_id
            if not (line.tradein_margin_scheme and lot):
                line.tradein_margin_purchase_price = 0.0
                continue
            line.tradein_margin_purchase_price = lot._tradein_margin_purchase_price_in(
                line.currency_id, line.move_id.invoice_date or fields.Date.context_today(line)
            )

    @api.depends(
        "tradein_margin_scheme",
        "tradein_margin_purchase_price",
        "price_unit",
        "discount",
        "quantity",
    )
    def _compute_tradein_margin_taxable(self):
        Tax = self.env["account.tax"]
        for line in self:
            if not line.tradein_margin_scheme:
                line.tradein_margin_taxable = 0.0
                continue
            line.tradein_margin_taxable = Tax._tradein_taxable_margin(
                line.price_unit * (1 - (line.discount or 0.0) / 100.0),
                line.quantity,
                line.tradein_margin_purchase_price,
            )

    @api.constrains("tradein_margin_scheme", "tradein_lot_sold_id")
    def _check_tradein_margin_scheme(self):
        # A credit note credits the sale as it was made.
        lines = self.filtered(
            lambda line: (
                line.tradein_margin_scheme
                and line.display_type == "product"
                and line.move_id.move_type != "out_refund"
            )
        )
        lines.tradein_lot_sold_id._tradein_check_margin_allowed()
        if lines.filtered(lambda line: not line.tradein_lot_sold_id):
            raise ValidationError(
                self.env._("Choose the Serial Sold of a margin-scheme line: its margin needs it.")
            )

    def _tradein_credit_note_line_values(self):
        # A credit note credits the sale as it was made.
        values = super()._tradein_credit_note_line_values()
        values["tradein_margin_scheme"] = self.tradein_margin_scheme
        values["tradein_margin_acquisition_id"] = self.tradein_margin_acquisition_id.id
        return values

    @api.onchange("tradein_margin_scheme")
    def _onchange_tradein_margin_scheme(self):
        # See sale.order.line: the form does not cascade to the taxes by itself.
        self._compute_tax_ids()

    @api.depends("tradein_margin_scheme")
    def _compute_tax_ids(self):
        res = super()._compute_tax_ids()
        for line in self.filtered("tradein_margin_scheme"):
            company = line.company_id or line.move_id.company_id or self.env.company
            line.tax_ids = company._tradein_margin_taxes(line.tax_ids)
        return res
