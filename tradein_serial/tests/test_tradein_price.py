from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import TradeinCommon


@tagged("post_install", "-at_install")
class TestTradeinPrice(TradeinCommon):
    """The price of a trade-in line is minus its allowance on every path: the
    quotation form accepting the proposed allowance, the values the web client
    sends, later edits. Products keep the company's default taxes (the chart's
    15% sales tax) and Odoo's default valuation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_tax = cls.company.account_sale_tax_id
        cls.s20 = cls._create_serial_product("Smartphone S20", list_price=499.0)
        cls.company.tradein_allowance_percent = 50.0
        cls.company.tradein_tax_mode = "separate"

    def _order_form(self, order=None):
        env = self.env(user=self.clerk)
        return Form(
            order.with_env(env) if order else env["sale.order"], view="sale.view_order_form"
        )

    def _sell(self, form, product=None):
        """The product sold, at the price the form proposes."""
        with form.order_line.new() as line:
            line.product_id = product or self.s20

    def _trade_in(self, form, serial, product=None):
        """'Add a trade-in', the item and its serial; the allowance proposed is kept."""
        with form.order_line.new() as line:
            line.is_tradein = True
            line.product_id = product or self.s20
            line.tradein_serial_name = serial
            proposed = (line.tradein_allowance, line.price_unit)
        return proposed

    def _client_line_values(self, **values):
        """A new line as the web client sends it: every field of the line."""
        return {
            "product_id": self.s20.id,
            "product_uom_qty": 1.0,
            "product_uom_id": self.s20.uom_id.id,
            "name": "Smartphone S20",
            "price_unit": 499.0,
            "technical_price_unit": 499.0,
            "discount": 0.0,
            "tax_ids": [Command.set(self.sales_tax.ids)],
            "is_tradein": False,
            "tradein_serial_name": False,
            "tradein_condition": "used",
            "tradein_grade": False,
            **values,
        }

    # ------------------------------------------------------------------

    def test_default_taxes_are_the_company_defaults(self):
        # The fixture is what a new shop has: the product keeps its default taxes.
        self.assertEqual(self.sales_tax.amount, 15.0)
        self.assertEqual(self.s20.taxes_id._filter_taxes_by_company(self.company), self.sales_tax)
        self.assertFalse(self.s20.lot_valuated)

    def test_accepting_the_proposed_allowance_credits_the_customer(self):
        form = self._order_form()
        form.partner_id = self.seller
        self._sell(form)
        allowance, price = self._trade_in(form, "S20-7781")
        # The form shows the line as it will be saved: 50% of 499, negative.
        self.assertEqual((allowance, price), (249.5, -249.5))
        order = form.save()
        tradein = order.order_line.filtered("is_tradein")
        self.assertRecordValues(
            tradein,
            [
                {
                    "tradein_allowance": 249.5,
                    "price_unit": -249.5,
                    "price_subtotal": -249.5,
                    "price_total": -249.5,
                }
            ],
        )
        # A separate purchase: no sales tax on the trade-in, 15% on the full 499.
        self.assertFalse(tradein.tax_ids)
        self.assertRecordValues(
            order, [{"amount_untaxed": 249.5, "amount_tax": 74.85, "amount_total": 324.35}]
        )
        order.with_user(self.clerk).action_confirm()
        # The customer purchase behind it pays the same allowance, without tax.
        purchase_line = tradein.tradein_purchase_line_id
        self.assertRecordValues(
            purchase_line,
            [{"price_unit": 249.5, "price_total": 249.5, "tradein_state": "in_inventory"}],
        )
        self.assertEqual(purchase_line.tradein_lot_id.acquisition_price, 249.5)
        self.assertEqual(tradein.price_unit, -249.5)
        self.assertEqual(order.amount_total, 324.35)

    def test_trade_in_price_of_the_product_then_typed_then_other_product(self):
        self.s20.tradein_price = 150.0
        tablet = self.env["product.product"].create(
            {"name": "Tablet T9", "is_storable": True, "tracking": "serial", "list_price": 300.0}
        )
        form = self._order_form()
        form.partner_id = self.seller
        self._sell(form)
        self.assertEqual(self._trade_in(form, "S20-1"), (150.0, -150.0))
        with form.order_line.edit(1) as line:
            line.tradein_allowance = 120.0
            self.assertEqual(line.price_unit, -120.0)
        order = form.save()
        tradein = order.order_line.filtered("is_tradein")
        self.assertEqual(tradein.price_unit, -120.0)
        # Another item: its own proposed allowance, and the price follows it.
        form = self._order_form(order)
        with form.order_line.edit(1) as line:
            line.product_id = tablet
            self.assertEqual((line.tradein_allowance, line.price_unit), (150.0, -150.0))
        form.save()
        self.assertRecordValues(tradein, [{"tradein_allowance": 150.0, "price_unit": -150.0}])
        self.assertEqual(order.amount_total, 423.85)  # 499 + 15% - 150

    def test_allowance_reduces_the_taxable_price_with_the_product_taxes(self):
        self.company.tradein_tax_mode = "reduce"
        self.s20.tradein_price = 200.0
        form = self._order_form()
        form.partner_id = self.seller
        self._sell(form)
        self._trade_in(form, "S20-R")
        order = form.save()
        tradein = order.order_line.filtered("is_tradein")
        self.assertEqual(tradein.tax_ids, self.sales_tax)
        self.assertRecordValues(tradein, [{"price_unit": -200.0, "price_total": -230.0}])
        self.assertRecordValues(
            order, [{"amount_untaxed": 299.0, "amount_tax": 44.85, "amount_total": 343.85}]
        )

    def _create_order_as_the_client_sends(self):
        """A sale of the S20 and two trade-ins, one at the proposed allowance,
        one at an allowance typed in, created as the web client sends them."""
        return (
            self.env["sale.order"]
            .with_user(self.clerk)
            .create(
                {
                    "partner_id": self.seller.id,
                    "order_line": [
                        Command.create(self._client_line_values()),
                        # The client sends the price it showed before the
                        # allowance applied, and the product's taxes.
                        Command.create(
                            self._client_line_values(is_tradein=True, tradein_serial_name="S20-C1")
                        ),
                        Command.create(
                            self._client_line_values(
                                is_tradein=True,
                                tradein_serial_name="S20-C2",
                                tradein_allowance=100.0,
                            )
                        ),
                    ],
                }
            )
        )

    def test_create_with_the_values_the_client_sends(self):
        order = self._create_order_as_the_client_sends()
        sold, default, typed = order.order_line
        self.assertRecordValues(
            order.order_line,
            [
                {"price_unit": 499.0, "tradein_allowance": 0.0},
                {"price_unit": -249.5, "tradein_allowance": 249.5},
                {"price_unit": -100.0, "tradein_allowance": 100.0},
            ],
        )
        self.assertEqual(sold.tax_ids, self.sales_tax)
        self.assertFalse((default | typed).tax_ids)
        self.assertEqual(order.amount_total, 224.35)  # 499 + 15% - 249.50 - 100

        # A write of the price or taxes does not override the rule; the
        # allowance does move the price.
        (sold | default).with_user(self.clerk).write(
            {"price_unit": 450.0, "tax_ids": [Command.set(self.sales_tax.ids)]}
        )
        self.assertEqual(sold.price_unit, 450.0)
        self.assertRecordValues(default, [{"price_unit": -249.5, "tradein_allowance": 249.5}])
        self.assertFalse(default.tax_ids)
        typed.with_user(self.clerk).write({"tradein_allowance": 80.0, "price_unit": 499.0})
        self.assertEqual(typed.price_unit, -80.0)
        # No discount on an allowance: it is credited whole.
        typed.with_user(self.clerk).write({"discount": 10.0})
        self.assertRecordValues(typed, [{"discount": 0.0, "price_subtotal": -80.0}])
        # Odoo's Update Prices leaves the trade-ins at minus their allowance.
        order.with_user(self.clerk).action_update_prices()
        self.assertEqual(order.order_line.mapped("price_unit"), [499.0, -249.5, -80.0])

    def test_create_with_a_default_trade_in_from_the_context(self):
        # 'Add a trade-in' passes default_is_tradein: the client may not send it.
        order = self.env["sale.order"].with_user(self.clerk).create({"partner_id": self.seller.id})
        values = self._client_line_values(order_id=order.id, tradein_serial_name="S20-D")
        del values["is_tradein"]
        line = (
            self.env["sale.order.line"]
            .with_user(self.clerk)
            .with_context(default_is_tradein=True)
            .create(values)
        )
        self.assertRecordValues(line, [{"is_tradein": True, "price_unit": -249.5}])
        self.assertFalse(line.tax_ids)

    def test_the_allowance_of_a_confirmed_trade_in_cannot_change(self):
        form = self._order_form()
        form.partner_id = self.seller
        self._sell(form)
        self._trade_in(form, "S20-LOCK")
        order = form.save()
        order.with_user(self.clerk).action_confirm()
        tradein = order.order_line.filtered("is_tradein")
        purchase_line = tradein.tradein_purchase_line_id
        # Over RPC, as the clerk, a sales administrator and the add-on's administrator.
        managers = self.env["res.users"].create(
            [
                {
                    "name": name,
                    "login": login,
                    "company_id": self.company.id,
                    "company_ids": [Command.set(self.company.ids)],
                    "group_ids": [Command.set([self.env.ref(group).id])],
                }
                for name, login, group in (
                    ("Sales Boss", "tradein_price_sales_boss", "sales_team.group_sale_manager"),
                    ("Trade-in Boss", "tradein_price_boss", "tradein_serial.group_tradein_manager"),
                )
            ]
        )
        for user in self.clerk | managers:
            for values in (
                {"tradein_allowance": 10.0},
                {"is_tradein": False},
                {"tradein_allowance": 10.0, "price_unit": -10.0},
            ):
                with self.assertRefused(UserError, "taken in by .* for an allowance of"):
                    tradein.with_user(user).write(values)
        self.assertRecordValues(
            tradein, [{"is_tradein": True, "tradein_allowance": 249.5, "price_unit": -249.5}]
        )
        self.assertEqual(purchase_line.price_unit, 249.5)
        self.assertEqual(order.amount_total, 324.35)

    def test_item_not_in_catalogue_keeps_its_allowance_when_it_becomes_a_product(self):
        form = self._order_form()
        form.partner_id = self.seller
        self._sell(form)
        with form.order_line.new() as line:
            line.is_tradein = True
            line.product_id = self.env.ref("tradein_serial.product_unlisted_item")
            line.tradein_manual_name = "Cargo Bike"
            line.tradein_serial_name = "FRAME-7"
            line.tradein_allowance = 180.0
        order = form.save()
        order.with_user(self.clerk).action_confirm()
        tradein = order.order_line.filtered("is_tradein")
        self.assertEqual(tradein.product_id.name, "Cargo Bike")
        # The new product's own default (50% of its price) does not replace it.
        self.assertRecordValues(tradein, [{"tradein_allowance": 180.0, "price_unit": -180.0}])
        self.assertEqual(tradein.tradein_purchase_line_id.price_unit, 180.0)
        self.assertAlmostEqual(tradein.product_id.standard_price, 180.0)

    def test_serial_sold_proposes_its_retail_price_and_keeps_a_typed_one(self):
        lot = self._receive_from_vendor(self.s20, "S20-RETAIL", 300.0)
        lot.tradein_retail_price = 350.0
        form = self._order_form()
        form.partner_id = self.buyer
        with form.order_line.new() as line:
            line.product_id = self.s20
            self.assertEqual(line.price_unit, 499.0)
            line.tradein_lot_sold_id = lot
            self.assertEqual(line.price_unit, 350.0)
        order = form.save()
        sold = order.order_line
        self.assertEqual(sold.tax_ids, self.sales_tax)
        self.assertRecordValues(order, [{"amount_untaxed": 350.0, "amount_total": 402.5}])
        # A price typed by hand stays when the line changes otherwise.
        form = self._order_form(order)
        with form.order_line.edit(0) as line:
            line.price_unit = 330.0
            line.product_uom_qty = 2.0
            self.assertEqual(line.price_unit, 330.0)
            line.product_uom_qty = 1.0
        form.save()
        self.assertEqual(sold.price_unit, 330.0)
        # Update Prices proposes the serial's price again, not the product's.
        order.with_user(self.clerk).action_update_prices()
        self.assertEqual(sold.price_unit, 350.0)
        # Created as the client sends it (after its onchange): the retail price.
        order2 = (
            self.env["sale.order"]
            .with_user(self.clerk)
            .create(
                {
                    "partner_id": self.buyer.id,
                    "order_line": [
                        Command.create({"product_id": self.s20.id, "tradein_lot_sold_id": lot.id})
                    ],
                }
            )
        )
        self.assertEqual(order2.order_line.price_unit, 350.0)

    def test_deposit_proposed_is_what_is_left_to_pay(self):
        form = self._order_form()
        form.partner_id = self.buyer
        self._sell(form)
        order = form.save()
        self.assertEqual(order.amount_total, 573.85)
        env = self.env(user=self.clerk)
        action = order.with_env(env).action_tradein_take_deposit()
        wizard = Form(env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual(wizard.amount, 573.85)
        wizard.method = "percentage"
        wizard.percentage = 20.0
        self.assertEqual(wizard.amount, 114.77)
        wizard.journal_id = self.cash_journal
        wizard.save().action_take_deposit()
        deposit = order.invoice_ids
        self.assertRecordValues(
            deposit, [{"state": "posted", "amount_total": 114.77, "payment_state": "paid"}]
        )
        self.assertEqual(order.tradein_deposit_amount, 114.77)
        # The next one proposes the rest.
        wizard = Form(env[action["res_model"]].with_context(**action["context"]))
        self.assertAlmostEqual(wizard.amount, 573.85 - 114.77)
