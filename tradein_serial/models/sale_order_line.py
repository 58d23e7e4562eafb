from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import check_amount_values
from ..tools import check_workflow_create
from ..tools import check_workflow_fields
from .stock_lot import CONDITIONS
from .stock_lot import GRADES

# Every field that a trade-in line's computes own (see _tradein_derived_fields).
TRADEIN_DERIVED_FIELDS = {"price_unit", "technical_price_unit", "discount", "tax_ids"}
# Amounts a client may send: numbers only.
AMOUNT_FIELDS = ("tradein_allowance", "price_unit", "product_uom_qty", "discount")


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "tradein.item.mixin"]
    _tradein_serial_product_fields = ("tradein_product_id", "product_id")

    is_tradein = fields.Boolean(
        string="Trade-in",
        help="An item the customer hands in: its allowance reduces what they pay.",
    )
    tradein_allowance = fields.Monetary(
        string="Allowance",
        compute="_compute_tradein_allowance",
        store=True,
        readonly=False,
        precompute=True,
        help="What the customer is given for the item (defaults from the trade-in "
        "price of the product or a percentage of its sales price).",
    )
    tradein_product_id = fields.Many2one(
        "product.product",
        string="Enters Stock As",
        check_company=True,
        compute="_compute_tradein_product_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The product the item is received as: the used twin of the product, "
        "unless you pick another one.",
    )
    tradein_lot_id = fields.Many2one(
        "stock.lot",
        string="Known Serial",
        # Serials we may take in: not in our stock.
        domain="[('product_id', 'in', (product_id, tradein_product_id)), '|', "
        "('location_id', '=', False), ('location_id.usage', 'not in', ('internal', 'transit'))]",
        copy=False,
        check_company=True,
    )
    tradein_serial_name = fields.Char(string="Trade-in Serial", copy=False)
    tradein_condition = fields.Selection(CONDITIONS, string="Trade-in Condition", default="used")
    tradein_grade = fields.Selection(GRADES, string="Trade-in Grade")
    tradein_purchase_line_id = fields.Many2one(
        "purchase.order.line",
        string="Customer Purchase Line",
        readonly=True,
        copy=False,
        check_company=True,
    )

    @api.depends("product_id", "is_tradein")
    def _compute_tradein_allowance(self):
        for line in self:
            if not line.is_tradein or not line.product_id:
                line.tradein_allowance = 0.0
                continue
            product = line.product_id
            company = line._tradein_company()
            amount = product.tradein_price or (
                product.list_price * company.tradein_allowance_percent / 100.0
            )
            # The product's prices are in the company's currency, the line's in
            # the order's (its pricelist).
            currency = line.currency_id or company.currency_id
            line.tradein_allowance = product.currency_id._convert(
                amount,
                currency,
                company,
                line.order_id.date_order or fields.Date.context_today(line),
                round=False,
            )

    @api.depends("product_id", "is_tradein", "tradein_lot_id")
    def _compute_tradein_product_id(self):
        for line in self:
            if not line.is_tradein:
                line.tradein_product_id = False
            elif line.tradein_lot_id:
                line.tradein_product_id = line.tradein_lot_id.product_id
            else:
                line.tradein_product_id = line.product_id.used_product_id or line.product_id

    @api.depends("is_tradein", "tradein_allowance", "tradein_lot_sold_id")
    def _compute_price_unit(self):
        tradeins = self.filtered("is_tradein")
        res = super(SaleOrderLine, self - tradeins)._compute_price_unit()
        # A trade-in has no price of its own to keep: it is always minus its
        # allowance, however the allowance was set (default, typed, changed).
        for line in tradeins:
            if not line.qty_invoiced:
                line._tradein_apply_allowance_price()
        return res

    @api.depends("is_tradein")
    def _compute_discount(self):
        # The allowance is credited whole: no pricelist discount on it.
        res = super()._compute_discount()
        self.filtered("is_tradein").discount = 0.0
        return res

    def _reset_price_unit(self):
        # Odoo resets the price from the product when the product changes (its
        # onchange) or prices are updated: a trade-in's price is its allowance.
        if self.is_tradein:
            return self._tradein_apply_allowance_price()
        return super()._reset_price_unit()

    def _get_display_price(self):
        # The serial sold has its own retail price (in the company's currency):
        # it replaces the product's price as the price Odoo proposes, so a price
        # typed by hand afterwards stays, as with any product.
        retail = self.tradein_lot_sold_id.tradein_retail_price
        if not retail or self.is_tradein:
            return super()._get_display_price()
        company = self.company_id or self.order_id.company_id
        return self.tradein_lot_sold_id.company_currency_id._convert(
            retail,
            self.currency_id or company.currency_id,
            company,
            self._get_order_date() or fields.Date.context_today(self),
            round=False,
        )

    @api.depends("is_tradein")
    def _compute_tax_ids(self):
        res = super()._compute_tax_ids()
        for line in self.filtered("is_tradein"):
            # A separate purchase carries no sales tax; otherwise the allowance
            # reduces the taxable amount with the product's own sales taxes.
            if line._tradein_company().tradein_tax_mode == "separate":
                line.tax_ids = False
        return res

    @api.depends("is_tradein", "tradein_serial_name", "tradein_lot_id", "tradein_manual_name")
    def _compute_name(self):
        res = super()._compute_name()
        for line in self.filtered("is_tradein"):
            item = (
                line.tradein_manual_name if line.tradein_is_manual else line.product_id.display_name
            )
            serial = line.tradein_lot_id.name or line.tradein_serial_name
            label = (
                self.env._("Trade-in (serial %(serial)s)", serial=serial)
                if serial
                else self.env._("Trade-in")
            )
            # As Odoo's own lines: the item, then the description under it
            # (the order form shows the product and the description apart).
            line.name = f"{item}\n{label}" if item else label
        return res

    @api.depends("is_tradein")
    def _compute_qty_to_invoice(self):
        # The allowance is granted with the order, whatever the product's policy.
        res = super()._compute_qty_to_invoice()
        for line in self.filtered("is_tradein"):
            if line.state == "sale":
                line.qty_to_invoice = line.product_uom_qty - line.qty_invoiced
        return res

    @api.constrains("is_tradein", "tradein_allowance", "product_uom_qty")
    def _check_tradein_allowance(self):
        for line in self.filtered("is_tradein"):
            line._tradein_company()._tradein_check_item_amount(
                line.tradein_allowance,
                line.currency_id,
                line.order_id.date_order or fields.Date.context_today(line),
                line.name,
            )
            if line.currency_id.compare_amounts(line.tradein_allowance, 0.0) <= 0:
                raise ValidationError(
                    self.env._(
                        "The allowance for the trade-in %(item)s must be more than zero.",
                        item=line.name,
                    )
                )
            if line.product_uom_qty <= 0:
                raise ValidationError(
                    self.env._("Trade-in %(item)s needs a quantity.", item=line.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, ("tradein_purchase_line_id",))
        for vals in vals_list:
            check_amount_values(self, vals, AMOUNT_FIELDS)
        for vals in vals_list:
            is_tradein = vals.get("is_tradein")
            if "is_tradein" not in vals and TRADEIN_DERIVED_FIELDS & vals.keys():
                is_tradein = self.default_get(["is_tradein"]).get("is_tradein")
            if is_tradein:
                # The web client sends every field of a new line, the price it
                # showed too: a trade-in's price and taxes come from its computes.
                order = self.env["sale.order"].browse(vals.get("order_id"))
                for name in self._tradein_derived_fields(order.company_id or self.env.company):
                    vals.pop(name, None)
        lines = super().create(vals_list)
        self.env["tradein.blocked.attempt"]._tradein_log_orders(
            lines.filtered("is_tradein").order_id
        )
        return lines

    def write(self, vals):
        check_workflow_fields(self, vals, ("tradein_purchase_line_id",))
        check_amount_values(self, vals, AMOUNT_FIELDS)
        self._tradein_check_allowance_change(vals)
        if not TRADEIN_DERIVED_FIELDS & vals.keys():
            res = super().write(vals)
        else:
            tradeins = self.filtered(lambda line: vals.get("is_tradein", line.is_tradein))
            res = super(SaleOrderLine, self - tradeins).write(vals)
            for company, lines in tradeins.grouped(lambda line: line._tradein_company()).items():
                derived = self._tradein_derived_fields(company)
                super(SaleOrderLine, lines).write(
                    {name: value for name, value in vals.items() if name not in derived}
                )
        if "tradein_lot_sold_id" in vals:
            self._tradein_reserve_lot_sold()
        if {
            "is_tradein",
            "product_id",
            "tradein_product_id",
            "tradein_lot_id",
            "tradein_serial_name",
        } & vals.keys():
            self.env["tradein.blocked.attempt"]._tradein_log_orders(
                self.filtered("is_tradein").order_id
            )
        return res

    @api.constrains("is_tradein", "tradein_lot_id", "tradein_serial_name", "tradein_product_id")
    def _check_tradein_serial(self):
        for line in self.filtered(
            lambda line: line.is_tradein and not line.tradein_purchase_line_id
        ):
            if line.tradein_is_manual:
                continue
            self.env["stock.lot"]._tradein_check_product(line.product_id)
            serial = line.tradein_lot_id.name or line.tradein_serial_name
            if line._tradein_is_serialized() and serial and line.product_uom_qty != 1:
                raise ValidationError(
                    self.env._(
                        "A trade-in with serial %(serial)s is for exactly one item.",
                        serial=serial,
                    )
                )
            self.env["stock.lot"]._tradein_check_acquirable(
                line.product_id | line.tradein_product_id,
                line.company_id,
                lot=line.tradein_lot_id,
                serial=line.tradein_serial_name,
            )

    def _tradein_company(self):
        """The company whose settings apply (set on a new line in a form too)."""
        self.ensure_one()
        return self.company_id or self.order_id.company_id or self.env.company

    @api.model
    def _tradein_derived_fields(self, company):
        """Fields of a trade-in line that only its computes write."""
        names = {"price_unit", "technical_price_unit", "discount"}
        if company.tradein_tax_mode == "separate":
            names.add("tax_ids")
        return names

    def _tradein_apply_allowance_price(self):
        """A trade-in line's price: minus its allowance (the one home of this rule)."""
        self.ensure_one()
        price = -self._tradein_allowance_amount()
        self.update({"price_unit": price, "technical_price_unit": price})

    def _tradein_check_allowance_change(self, vals):
        """Once taken in, the item was paid for with its allowance: it stays."""
        if not {"is_tradein", "tradein_allowance"} & vals.keys():
            return
        for line in self.filtered("tradein_purchase_line_id"):
            currency = line.currency_id
            if ("is_tradein" in vals and not vals["is_tradein"]) or (
                "tradein_allowance" in vals
                and currency.compare_amounts(vals["tradein_allowance"], line.tradein_allowance)
            ):
                raise UserError(
                    self.env._(
                        "The trade-in %(item)s was taken in by %(purchase)s for an allowance "
                        "of %(amount)s: it cannot change. Cancel the customer purchase to "
                        "take it back.",
                        item=line.name.replace("\n", " "),
                        # sudo: only the purchase's reference, for the message to a
                        # salesperson who may not read purchases.
                        purchase=line.tradein_purchase_line_id.sudo().order_id.name,
                        amount=currency.format(line.tradein_allowance),
                    )
                )

    def _tradein_allowance_amount(self):
        """The allowance as charged and paid: in the order's currency, rounded."""
        self.ensure_one()
        currency = self.currency_id or self._tradein_company().currency_id
        return currency.round(self.tradein_allowance)

    def _tradein_is_serialized(self):
        self.ensure_one()
        if self.tradein_is_manual:
            return self.tradein_manual_serialized
        return (self.tradein_product_id or self.product_id).tracking == "serial"

    # ------------------------------------------------------------------
    # Hooks of the sale flow
    # ------------------------------------------------------------------

    def _prepare_invoice_line(self, **optional_values):
        values = super()._prepare_invoice_line(**optional_values)
        if self.tradein_lot_sold_id:
            values["tradein_lot_sold_id"] = self.tradein_lot_sold_id.id
        if self.is_tradein:
            values["account_id"] = self._tradein_allowance_account().id
        return values

    def _tradein_allowance_account(self):
        """The allowance is booked where a vendor bill of the item would book it:
        stock valuation (perpetual) or the purchase expense account (periodic)."""
        self.ensure_one()
        product = (self.tradein_product_id or self.product_id).with_company(self.company_id)
        accounts = product.product_tmpl_id.get_product_accounts(
            fiscal_pos=self.order_id.fiscal_position_id
        )
        if product.valuation == "real_time" and accounts.get("stock_valuation"):
            return accounts["stock_valuation"]
        return accounts["expense"]
