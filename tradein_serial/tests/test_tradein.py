from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import TradeinCommon


@tagged("post_install", "-at_install")
class TestTradein(TradeinCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_phone = cls._create_serial_product("Phone Z (new)", list_price=100.0)
        cls.sales_tax = cls.env["account.tax"].create(
            {
                "name": "Sales tax 8.25%",
                "amount": 8.25,
                "type_tax_use": "sale",
                "company_id": cls.company.id,
            }
        )
        cls.laptop = cls.env["product.product"].create(
            {
                "name": "Laptop",
                "is_storable": True,
                "list_price": 1000.0,
                "categ_id": cls.category_avco.id,
                "taxes_id": [Command.set(cls.sales_tax.ids)],
            }
        )
        cls.old_laptop = cls.env["product.product"].create(
            {
                "name": "Old Laptop",
                "is_storable": True,
                "list_price": 400.0,
                "categ_id": cls.category_avco.id,
                "taxes_id": [Command.set(cls.sales_tax.ids)],
            }
        )
        # The shop owns one new phone to sell.
        cls.stocked_lot = cls._receive_from_vendor_cls(cls.new_phone, "NEW-1", 60.0)

    @classmethod
    def _receive_from_vendor_cls(cls, product, serial, price):
        return cls._receive_from_vendor(cls, product, serial, price)

    # ------------------------------------------------------------------

    def _quotation(self, sold=None, tradeins=(), partner=None):
        """A quotation with `sold` products (product, price) and trade-in lines."""
        form = Form(self.env(user=self.clerk)["sale.order"])
        form.partner_id = partner or self.seller
        for product, price in sold or [(self.new_phone, 100.0)]:
            with form.order_line.new() as line:
                line.product_id = product
                line.price_unit = price
        for item in tradeins:
            with form.order_line.new() as line:
                line.is_tradein = True
                if item.get("lot"):
                    line.tradein_lot_id = item["lot"]
                line.product_id = item.get("product", self.phone)
                for field in (
                    "tradein_serial_name",
                    "tradein_condition",
                    "tradein_grade",
                    "tradein_product_id",
                    "tradein_manual_name",
                    "tradein_manual_categ_id",
                    "tradein_manual_serialized",
                    "tradein_manual_one_time",
                ):
                    if field in item:
                        line[field] = item[field]
                if "allowance" in item:
                    line.tradein_allowance = item["allowance"]
        return form.save()

    # ------------------------------------------------------------------

    def test_tradein_line_is_negative_and_order_shows_net(self):
        order = self._quotation(tradeins=[{"tradein_serial_name": "OLD-1", "allowance": 25.0}])
        tradein = order.order_line.filtered("is_tradein")
        self.assertEqual(tradein.price_unit, -25.0)
        self.assertEqual(tradein.price_subtotal, -25.0)
        self.assertEqual(tradein.name, "Phone X\nTrade-in (serial OLD-1)")
        # 100 + the company's default 15 % sales tax - the allowance (no tax
        # on it in the default separate-purchase mode).
        self.assertEqual(order.amount_tax, 15.0)
        self.assertEqual(order.amount_total, 90.0)
        html = self.env["ir.actions.report"]._render_qweb_html("sale.report_saleorder", order.ids)[
            0
        ]
        self.assertIn("Trade-in (serial OLD-1)", html.decode())

    def test_allowance_defaults_from_trade_in_price_or_percentage(self):
        self.company.tradein_allowance_percent = 40.0
        order = self._quotation(tradeins=[{"tradein_serial_name": "PCT-1"}])
        self.assertEqual(
            order.order_line.filtered("is_tradein").tradein_allowance, 30.0
        )  # 40% of 75
        self.phone.tradein_price = 33.0
        order = self._quotation(tradeins=[{"tradein_serial_name": "PCT-2"}])
        line = order.order_line.filtered("is_tradein")
        self.assertEqual(line.tradein_allowance, 33.0)
        with Form(order) as form, form.order_line.edit(1) as edited:
            edited.tradein_allowance = 20.0
        self.assertEqual(line.price_unit, -20.0)

    def test_confirmation_takes_the_item_in_as_a_customer_purchase(self):
        # One used phone on hand at an average cost of 40 (seed 002).
        self._receive_from_vendor(self.phone, "PHX-ON-HAND", 40.0)
        self.assertAlmostEqual(self.phone.avg_cost, 40.0)
        order = self._quotation(
            tradeins=[{"tradein_serial_name": "TRADE-65", "allowance": 65.0, "tradein_grade": "b"}]
        )
        order.with_user(self.clerk).action_confirm()

        purchase = order.tradein_purchase_ids
        self.assertEqual(len(purchase), 1)
        self.assertTrue(purchase.is_customer_purchase)
        self.assertEqual(purchase.state, "purchase")
        self.assertEqual(purchase.partner_id, self.seller)
        self.assertEqual(purchase.payout_method, "allowance")
        self.assertEqual(purchase.customer_purchase_state, "completed")
        self.assertFalse(purchase.invoice_ids, "a trade-in is not billed by the customer")
        self.assertEqual(purchase.order_line.qty_to_invoice, 0)
        lot = purchase.order_line.tradein_lot_id
        self.assertRecordValues(
            lot,
            [
                {
                    "name": "TRADE-65",
                    "acquisition_type": "trade_in",
                    "acquisition_partner_id": self.seller.id,
                    "acquisition_price": 65.0,
                    "tradein_condition": "used",
                    "tradein_grade": "b",
                }
            ],
        )
        self.assertEqual(lot.location_id, self.stock_location)
        self.phone.invalidate_recordset()
        self.assertEqual(self.phone.qty_available, 2)
        self.assertAlmostEqual(self.phone.avg_cost, 52.5)
        # The last price paid to a vendor stays 40.
        self.assertEqual(self.phone.seller_ids.mapped("price"), [40.0])
        # No delivery of the traded-in item.
        self.assertFalse(order.picking_ids.move_ids.filtered(lambda m: m.product_id == self.phone))

    def test_receive_by_button_into_a_tradein_location(self):
        tradein_location = self.env["stock.location"].create(
            {
                "name": "Trade-ins",
                "usage": "internal",
                "location_id": self.warehouse.view_location_id.id,
            }
        )
        self.company.write(
            {"tradein_receive_on_confirm": False, "tradein_location_id": tradein_location.id}
        )
        order = self._quotation(tradeins=[{"tradein_serial_name": "LOC-1", "allowance": 30.0}])
        order.action_confirm()
        self.assertTrue(order.tradein_to_receive)
        self.assertEqual(self.phone.qty_available, 0)
        order.with_user(self.clerk).action_tradein_receive()
        lot = order.tradein_purchase_ids.order_line.tradein_lot_id
        self.assertEqual(lot.location_id, tradein_location)
        self.assertFalse(order.tradein_to_receive)
        with self.assertRaisesRegex(UserError, "no trade-in left"):
            order.action_tradein_receive()

    def test_invoice_books_allowance_in_stock_not_revenue(self):
        order = self._quotation(tradeins=[{"tradein_serial_name": "INV-25", "allowance": 25.0}])
        order.action_confirm()
        delivery = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        delivery.move_ids.quantity = 1
        delivery.move_ids.picked = True
        delivery.button_validate()
        invoice = self._invoice(order)

        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.amount_total, 90.0)  # 100 + 15 % - 25
        tradein_line = invoice.invoice_line_ids.filtered(lambda line: line.price_unit < 0)
        self.assertEqual(tradein_line.price_subtotal, -25.0)
        stock_account = self.phone.product_tmpl_id.get_product_accounts()["stock_valuation"]
        income_account = self.new_phone.product_tmpl_id.get_product_accounts()["income"]
        self.assertEqual(tradein_line.account_id, stock_account)
        receivable = invoice.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        self.assertEqual(receivable.debit, 90.0)
        revenue = invoice.line_ids.filtered(lambda line: line.account_id == income_account)
        self.assertEqual(sum(revenue.mapped("credit")) - sum(revenue.mapped("debit")), 100.0)
        self.assertEqual(tradein_line.debit, 25.0)
        cogs = invoice.line_ids.filtered(lambda line: line.display_type == "cogs")
        self.assertFalse(cogs.filtered(lambda line: line.product_id == self.phone))
        self.assertFalse(
            invoice.line_ids.filtered(
                lambda line: "discount" in (line.account_id.name or "").lower()
            )
        )

    def _tax_order(self, mode):
        self.company.tradein_tax_mode = mode
        order = self._quotation(
            sold=[(self.laptop, 1000.0)],
            tradeins=[{"product": self.old_laptop, "allowance": 200.0}],
        )
        order.action_confirm()
        return order

    def test_tax_mode_separate_purchase_taxes_the_full_price(self):
        order = self._tax_order("separate")
        self.assertEqual(order.amount_tax, 82.50)
        self.assertEqual(order.amount_total, 882.50)
        self.assertFalse(order.order_line.filtered("is_tradein").tax_ids)
        delivery = order.picking_ids
        delivery.move_ids.quantity = 1
        delivery.move_ids.picked = True
        delivery.button_validate()
        invoice = self._invoice(order)
        tax_line = invoice.line_ids.filtered(lambda line: line.tax_line_id == self.sales_tax)
        self.assertEqual(tax_line.credit, 82.50)

    def test_tax_mode_allowance_reduces_the_taxable_price(self):
        order = self._tax_order("reduce")
        self.assertEqual(order.amount_tax, 66.00)
        self.assertEqual(order.amount_total, 866.00)
        delivery = order.picking_ids
        delivery.move_ids.quantity = 1
        delivery.move_ids.picked = True
        delivery.button_validate()
        invoice = self._invoice(order)
        tax_lines = invoice.line_ids.filtered(lambda line: line.tax_line_id == self.sales_tax)
        tax = sum(tax_lines.mapped("credit")) - sum(tax_lines.mapped("debit"))
        self.assertAlmostEqual(tax, 66.00)

    def test_used_twin_receives_the_item_unless_user_picks_otherwise(self):
        twin = self._create_serial_product("Phone X (used)", list_price=55.0)
        self.phone.used_product_id = twin
        order = self._quotation(
            tradeins=[
                {"tradein_serial_name": "TWIN-1", "allowance": 30.0},
                {
                    "tradein_serial_name": "TWIN-2",
                    "allowance": 30.0,
                    "tradein_product_id": self.phone,
                },
            ]
        )
        first, second = order.order_line.filtered("is_tradein")
        self.assertEqual(first.tradein_product_id, twin)
        order.action_confirm()
        self.assertEqual(first.tradein_purchase_line_id.tradein_lot_id.product_id, twin)
        self.assertEqual(second.tradein_purchase_line_id.tradein_lot_id.product_id, self.phone)
        self.assertEqual(twin.qty_available, 1)
        self.assertEqual(self.phone.qty_available, 1)
        self.assertTrue(first.tradein_purchase_line_id.tradein_lot_id.is_used)

    def test_item_not_in_catalogue_becomes_a_product(self):
        category = self.env["product.category"].create({"name": "Bikes"})
        order = self._quotation(
            tradeins=[
                {
                    "product": self.env.ref("tradein_serial.product_unlisted_item"),
                    "tradein_manual_name": "Cargo Bike",
                    "tradein_manual_categ_id": category,
                    "tradein_manual_serialized": True,
                    "tradein_manual_one_time": True,
                    "tradein_serial_name": "FRAME-42",
                    "allowance": 150.0,
                }
            ]
        )
        self.assertIn("Cargo Bike", order.order_line.filtered("is_tradein").name)
        order.action_confirm()
        line = order.order_line.filtered("is_tradein")
        product = line.product_id
        self.assertRecordValues(
            product,
            [
                {
                    "name": "Cargo Bike",
                    "categ_id": category.id,
                    "tracking": "serial",
                    "tradein_one_time": True,
                }
            ],
        )
        self.assertEqual(product.qty_available, 1)
        self.assertEqual(line.tradein_purchase_line_id.tradein_lot_id.name, "FRAME-42")
        self.assertAlmostEqual(product.avg_cost, 150.0)

    def test_allowance_above_the_sale_is_paid_out(self):
        order = self._quotation(
            sold=[(self.new_phone, 50.0)],
            tradeins=[{"tradein_serial_name": "BIG-80", "allowance": 80.0}],
        )
        self.assertEqual(order.amount_total, -22.5)  # 50 + 15 % - 80
        order.action_confirm()
        delivery = order.picking_ids
        delivery.move_ids.quantity = 1
        delivery.move_ids.picked = True
        delivery.button_validate()
        credit_note = self._invoice(order)
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.amount_total, 22.5)
        # Left open, it is store credit; paid from the till, it is cash.
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=credit_note.ids
        ).create({"journal_id": self.cash_journal.id})._create_payments()
        self.assertIn(credit_note.payment_state, ("paid", "in_payment"))

    def test_cancel_before_receipt_cancels_the_purchase(self):
        self.company.tradein_receive_on_confirm = False
        order = self._quotation(tradeins=[{"tradein_serial_name": "CXL-1", "allowance": 30.0}])
        order.action_confirm()
        purchase = order.tradein_purchase_ids
        order.with_user(self.clerk)._action_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(purchase.state, "cancel")
        self.assertEqual(purchase.customer_purchase_state, "cancel")
        self.assertEqual(purchase.picking_ids.state, "cancel")

    def test_cancel_after_receipt_is_refused(self):
        order = self._quotation(tradeins=[{"tradein_serial_name": "CXL-2", "allowance": 30.0}])
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "has been received"):
            order._action_cancel()
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.phone.qty_available, 1)
        # Returning the item through its customer purchase lets the order go.
        order.tradein_purchase_ids.action_tradein_cancel()
        self.assertEqual(self.phone.qty_available, 0)
        order._action_cancel()
        self.assertEqual(order.state, "cancel")

    # ------------------------------------------------------------------
    # Wrong paths
    # ------------------------------------------------------------------

    def test_negative_allowance_is_refused(self):
        with self.assertRefused(ValidationError, "must be more than zero"):
            self._quotation(tradeins=[{"tradein_serial_name": "NEG", "allowance": -5.0}])

    def test_serial_in_stock_or_reserved_is_refused(self):
        with self.assertRefused(ValidationError, "already in our stock"):
            self._quotation(tradeins=[{"product": self.new_phone, "tradein_serial_name": "NEW-1"}])
        # Reserved for a delivery: still ours.
        sale = self.env["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "order_line": [
                    Command.create({"product_id": self.new_phone.id, "product_uom_qty": 1})
                ],
            }
        )
        sale.action_confirm()
        self.assertEqual(sale.picking_ids.move_line_ids.lot_id, self.stocked_lot)
        with self.assertRefused(ValidationError, "already in our stock"):
            self._quotation(tradeins=[{"lot": self.stocked_lot, "product": self.new_phone}])

    def test_serial_of_another_product_is_refused(self):
        lot = self._receive_from_vendor(self.tablet, "TAB-9", 50.0)
        self._deliver_lot(lot, self.seller)
        order = self._quotation(tradeins=[{"tradein_serial_name": "OK-1", "allowance": 10.0}])
        with self.assertRefused(ValidationError, "belongs to Tablet Y"):
            order.order_line.filtered("is_tradein").write(
                {"tradein_lot_id": lot.id, "tradein_product_id": self.phone.id}
            )

    def test_seller_identification_from_the_quotation(self):
        """Confirm with a customer not yet identified: the assistant enters the
        ID in the wizard Confirm opens (warned that the number is Sam's), and
        Save and Confirm takes the trade-in in with it."""
        newcomer = self.env["res.partner"].create({"name": "Nora New"})
        order = self._quotation(
            tradeins=[{"tradein_serial_name": "ID-TI-1", "allowance": 20.0}], partner=newcomer
        )
        clerk_order = order.with_user(self.clerk)
        action = clerk_order.action_confirm()
        self.assertEqual(action["res_model"], "tradein.seller.identification.wizard")
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.tradein_purchase_ids)
        Wizard = self.env(user=self.clerk)[action["res_model"]].with_context(**action["context"])
        form = Form(Wizard, view="tradein_serial.tradein_seller_identification_wizard_view_form")
        self.assertEqual(form.partner_id, newcomer)
        form.id_type = "passport"
        form.id_number = " p1234567 "
        self.assertIn("already belongs to Sam Seller", form.duplicate_warning)
        form.id_number = "N7654321"
        self.assertFalse(form.duplicate_warning)
        form.birthdate = "1985-02-03"
        form.save().action_save()
        self.assertEqual(order.state, "sale")
        self.assertRecordValues(
            newcomer.sudo(),
            [{"tradein_id_type": "passport", "tradein_id_number": "N7654321"}],
        )
        purchase = order.tradein_purchase_ids
        self.assertEqual(purchase.sudo().seller_id_number, "N7654321")
        self.assertEqual(purchase.order_line.tradein_serial_name, "ID-TI-1")

    def test_seller_identification_needs_the_identity_group(self):
        """A salesperson without the Seller identity group never sees an ID:
        Confirm says what is missing and nothing is confirmed."""
        newcomer = self.env["res.partner"].create({"name": "Nils New"})
        order = self._quotation(
            tradeins=[{"tradein_serial_name": "ID-TI-2", "allowance": 20.0}], partner=newcomer
        )
        salesman = self._create_user(
            "tradein_plain_sales",
            "sales_team.group_sale_salesman_all_leads",
            "tradein_serial.group_tradein_user",
            "stock.group_stock_user",
        )
        with self.assertRaisesRegex(UserError, "Identify Nils New.*ID Type"):
            order.with_user(salesman).action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.tradein_purchase_ids)
        with self.assertRaises(AccessError):
            self.env(user=salesman)["tradein.seller.identification.wizard"].create(
                {"sale_id": order.id, "id_number": "X1"}
            )
