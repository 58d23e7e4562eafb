from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    tradein_margin_scheme = fields.Boolean(
        string="Margin Scheme",
        compute="_compute_tradein_margin_scheme",
        store=True,
        readonly=False,
        precompute=True,
        help="VAT on the margin only. Untick to sell this serial with standard VAT.",
    )

    @api.depends("tradein_lot_sold_id")
    def _compute_tradein_margin_scheme(self):
        for line in self:
            lot = line.tradein_lot_sold_id
            line.tradein_margin_scheme = bool(lot) and lot._tradein_margin_eligible()

    @api.constrains("tradein_margin_scheme", "tradein_lot_sold_id")
    def _check_tradein_margin_scheme(self):
        for line in self.filtered("tradein_margin_scheme"):
            lots = line._tradein_sold_lots()
            if not lots:
                raise ValidationError(
                    self.env._(
                        "Choose the Serial Sold of a margin-scheme line: its margin needs it."
                    )
                )
            lots._tradein_check_margin_allowed()

    @api.depends("tradein_margin_scheme")
    def _compute_tax_ids(self):
        res = super()._compute_tax_ids()
        for line in self.filtered("tradein_margin_scheme"):
            line.tax_ids = line._tradein_company()._tradein_margin_taxes(line.tax_ids)
        for line in self.filtered("is_tradein"):
            # A trade-in taken in as a separate purchase without VAT (margin
            # scheme) goes to the VAT return where it reports such purchases
            # (UK: Box 7, at the allowance).
            company = line._tradein_company()
            seller = line.order_id.partner_id.commercial_partner_id
            if company.tradein_tax_mode == "separate" and seller.tradein_seller_type != (
                "vat_business"
            ):
                line.tax_ids = company._tradein_margin_purchase_tax()
        return res

    @api.onchange("tradein_margin_scheme")
    def _onchange_tradein_margin_scheme(self):
        # The form's onchange does not cascade from this field to the taxes
        # computed from the product; recompute them explicitly.
        self._compute_tax_ids()

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered("tradein_lot_sold_id")._tradein_apply_margin_taxes()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if {"tradein_lot_sold_id", "tradein_margin_scheme"} & vals.keys():
            self._tradein_apply_margin_taxes()
        return res

    def _tradein_apply_margin_taxes(self):
        """Taxes of the line as its scheme says, whatever the form sent."""
        for line in self.filtered(lambda line: line.state in ("draft", "sent")):
            line._compute_tax_ids()

    @api.depends("tradein_lot_sold_id")
    def _compute_amount(self):
        return super()._compute_amount()

    def _tradein_write_delivered_serials(self, lots):
        # Margin-scheme serials turn the line margin-scheme: its margin tax,
        # and the price that keeps what the customer was quoted (a margin
        # price includes its VAT). Several serials: only if each of them is
        # eligible (one line has one VAT scheme).
        total = self.price_total
        res = super()._tradein_write_delivered_serials(lots)
        if len(lots) > 1 and all(lot._tradein_margin_eligible() for lot in lots):
            self.tradein_margin_scheme = True
        if self.tradein_margin_scheme:
            self.write(
                {
                    "tax_ids": [
                        Command.set(self._tradein_company()._tradein_margin_taxes(self.tax_ids).ids)
                    ],
                    **self._tradein_margin_price_values(total / (self.product_uom_qty or 1.0)),
                }
            )
        return res

    def _tradein_sold_terms_fields(self):
        return [*super()._tradein_sold_terms_fields(), "tradein_margin_scheme"]

    def _tradein_margin_price_values(self, unit_total):
        """Price of the line that keeps `unit_total` (what one item costs the
        customer, VAT included) under the margin scheme."""
        factor = 1 - (self.discount or 0.0) / 100.0
        price = unit_total / factor if factor else self.price_unit
        return {"price_unit": price, "technical_price_unit": price}

    def _tradein_margin_purchase_prices(self):
        """Purchase price of each serial sold, in the order's currency at its date."""
        self.ensure_one()
        date = self.order_id.date_order or fields.Date.context_today(self)
        return [
            lot._tradein_margin_purchase_price_in(self.order_id.currency_id, date)
            for lot in self._tradein_sold_lots()
        ]

    def _prepare_base_line_for_taxes_computation(self, **kwargs):
        base_line = super()._prepare_base_line_for_taxes_computation(**kwargs)
        costs = self.tradein_margin_scheme and self._tradein_margin_purchase_prices()
        if costs:
            base_line.update(
                self.env["account.tax"]._tradein_margin_base_line_values(base_line, costs)
            )
        return base_line

    def _tradein_invoice_serial_values(self, lot, values):
        # Each serial of a line of several items is invoiced under its own
        # scheme, at what the customer was quoted for one item.
        res = super()._tradein_invoice_serial_values(lot, values)
        margin = lot._tradein_margin_eligible()
        res["tradein_margin_scheme"] = margin
        if margin and not self.tradein_margin_scheme:
            taxes = self._tradein_company()._tradein_margin_taxes(self.tax_ids)
            unit_total = self.price_total / (self.product_uom_qty or 1.0)
            res["tax_ids"] = [Command.set(taxes.ids)]
            res["price_unit"] = self._tradein_margin_price_values(unit_total)["price_unit"]
        return res

    def _prepare_invoice_line(self, **optional_values):
        values = super()._prepare_invoice_line(**optional_values)
        if self.tradein_lot_sold_id:
            values["tradein_margin_scheme"] = self.tradein_margin_scheme
        return values
