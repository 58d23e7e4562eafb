from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class StockLot(models.Model):
    _inherit = "stock.lot"

    tradein_vat_scheme = fields.Selection(
        [("standard", "Standard VAT"), ("margin", "Margin scheme")],
        string="VAT Scheme",
        default="standard",
        tracking=True,
        help="Margin scheme: bought without deductible VAT, it may be sold with VAT on the "
        "margin only.",
    )
    tradein_input_vat_deducted = fields.Boolean(
        string="Input VAT Deducted",
        readonly=True,
        help="Bought with deductible VAT: the serial can never be sold under the margin scheme.",
    )
    tradein_margin_purchase_price = fields.Monetary(
        string="Margin Purchase Price",
        currency_field="company_currency_id",
        help="Purchase price for the margin (what we paid; refurbishment never adds to it).",
    )

    tradein_margin_acquisition_ids = fields.One2many(
        "tradein.margin.acquisition", "lot_id", string="Margin Scheme Acquisitions"
    )
    tradein_margin_acquisition_id = fields.Many2one(
        "tradein.margin.acquisition",
        string="Stock Book Entry",
        compute="_compute_tradein_margin_acquisition_id",
        help="The serial's latest margin-scheme acquisition (its line of the stock book).",
    )
    tradein_stock_number = fields.Char(
        string="Stock Number", compute="_compute_tradein_margin_acquisition_id"
    )

    @api.depends(
        "tradein_margin_acquisition_ids.date", "tradein_margin_acquisition_ids.stock_number"
    )
    def _compute_tradein_margin_acquisition_id(self):
        for lot in self:
            acquisition = lot.tradein_margin_acquisition_ids.sorted(
                lambda acquisition: (acquisition.date, acquisition.id)
            )[-1:]
            lot.tradein_margin_acquisition_id = acquisition
            lot.tradein_stock_number = acquisition.stock_number

    def _tradein_acquire(self, purchase_line):
        res = super()._tradein_acquire(purchase_line)
        if self.tradein_vat_scheme == "margin":
            # sudo: the stock book is the workflow's; users only read it.
            self.env["tradein.margin.acquisition"].sudo()._tradein_record(purchase_line, self)
        return res

    @api.model
    def _tradein_workflow_fields(self):
        return (
            *super()._tradein_workflow_fields(),
            "tradein_vat_scheme",
            "tradein_input_vat_deducted",
            "tradein_margin_purchase_price",
        )

    @api.constrains("tradein_vat_scheme", "tradein_input_vat_deducted")
    def _check_tradein_vat_scheme(self):
        for lot in self:
            if lot.tradein_vat_scheme == "margin" and lot.tradein_input_vat_deducted:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s was bought with deductible VAT: it cannot be sold "
                        "under the margin scheme.",
                        serial=lot.name,
                    )
                )

    # ------------------------------------------------------------------
    # The margin service: the one home of the margin rules of a serial
    # ------------------------------------------------------------------

    def _tradein_margin_eligible(self):
        """Whether a new sale of this serial goes under the margin scheme: it
        was acquired without deductible VAT and the company uses the scheme."""
        self.ensure_one()
        company = self._tradein_company()
        return company.tradein_margin_enabled and self.tradein_vat_scheme == "margin"

    def _tradein_check_margin_allowed(self):
        """Refuse a margin-scheme line for a serial acquired with deductible
        VAT or under standard VAT, whoever writes it (form or RPC). Credit
        notes of earlier margin sales stay allowed when the company has since
        turned the scheme off: what counts is how the serial was acquired."""
        for lot in self:
            if lot.tradein_vat_scheme != "margin":
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s was bought under standard VAT (or with deductible "
                        "VAT): it cannot be sold under the margin scheme.",
                        serial=lot.name,
                    )
                )

    def _tradein_margin_purchase_price_in(self, currency, date):
        """The purchase price of the margin, per item, in `currency` at `date`
        (the document's date: the order's for a quotation, the invoice's for
        an invoice). The price is kept in the company's currency."""
        self.ensure_one()
        company = self._tradein_company()
        return company.currency_id._convert(
            self.tradein_margin_purchase_price, currency or company.currency_id, company, date
        )

    def _tradein_check_swap(self, new_lot, sale_line):
        # The invoice of a margin-scheme sale is kept by a swap: the serial
        # the customer takes instead must be a margin-scheme serial too.
        res = super()._tradein_check_swap(new_lot, sale_line)
        if sale_line.tradein_margin_scheme and new_lot.tradein_vat_scheme != "margin":
            raise UserError(
                self.env._(
                    "Serial %(serial)s was sold under the margin scheme and %(new)s was bought "
                    "under standard VAT: swap it for a margin-scheme serial, or take it back "
                    "with a credit note and sell %(new)s on a new order.",
                    serial=self.name,
                    new=new_lot.name,
                )
            )
        return res

    def _tradein_return_credit_note_mode(self):
        mode = super()._tradein_return_credit_note_mode()
        company = self._tradein_company()
        if self.tradein_vat_scheme == "margin" and not company.tradein_margin_return_credit_note:
            return "off"
        return mode
