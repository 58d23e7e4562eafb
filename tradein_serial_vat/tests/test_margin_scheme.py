import datetime
from contextlib import contextmanager

from odoo import Command
from odoo.addons.base.tests.common import BaseCommon
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MarginInvoiceMixin
from .common import UkCompanyCase


@tagged("post_install", "-at_install")
class TestMarginScheme(MarginInvoiceMixin, UkCompanyCase):
    """Used-goods VAT with the UK chart of accounts (20 %)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._tradein_margin_setup()
        cls.vat20 = cls.company.account_sale_tax_id
        cls.margin20 = cls.company.tradein_margin_fiscal_position_id.map_tax(cls.vat20)
        cls.phone = cls._create_used_phone(cls.vat20)
        cls.bought_product = cls.phone
        cls.charger = cls.env["product.product"].create(
            {"name": "Charger", "list_price": 100.0, "taxes_id": [Command.set(cls.vat20.ids)]}
        )
        cls.private = cls.env["res.partner"].create({"name": "Pat Private"})
        cls.business = cls.env["res.partner"].create(
            {"name": "Biz Ltd", "is_company": True, "vat": "GB123456789"}
        )
        cls.buyer = cls.env["res.partner"].create({"name": "Bob Buyer"})

    def _tax_balance(self, move, tax):
        lines = move.line_ids.filtered(lambda line: line.tax_line_id == tax)
        return -sum(lines.mapped("balance"))

    # ------------------------------------------------------------------

    def test_setup_maps_each_sales_rate_to_a_margin_tax(self):
        self.assertTrue(self.margin20.tradein_margin)
        self.assertEqual(self.margin20.amount, 20.0)
        self.assertTrue(self.margin20.price_include)
        self.assertNotEqual(self.margin20.tax_group_id, self.vat20.tax_group_id)
        self.assertEqual(
            self.margin20.invoice_repartition_line_ids.account_id,
            self.vat20.invoice_repartition_line_ids.account_id,
        )
        self.company._tradein_margin_setup()
        self.assertEqual(
            len(
                self.env["account.tax"].search(
                    [
                        ("tradein_margin", "=", True),
                        ("company_id", "=", self.company.id),
                        ("amount", "=", 20.0),
                    ]
                )
            ),
            1,
            "setting up twice creates nothing more",
        )
        # A margin tax the company archived is not created again either.
        self.margin20.active = False
        self.company._tradein_margin_setup()
        self.assertFalse(
            self.env["account.tax"].search(
                [
                    ("tradein_margin", "=", True),
                    ("company_id", "=", self.company.id),
                    ("amount", "=", 20.0),
                ]
            )
        )

    def test_private_seller_gives_a_margin_scheme_serial(self):
        lot = self._buy(self.private, "PRIV-1", 400.0)
        self.assertEqual(self.private.tradein_seller_type, "private")
        self.assertRecordValues(
            lot,
            [
                {
                    "tradein_vat_scheme": "margin",
                    "tradein_input_vat_deducted": False,
                    "tradein_margin_purchase_price": 400.0,
                    "is_used": True,
                }
            ],
        )

    def test_business_seller_with_or_without_deductible_vat(self):
        self.assertEqual(self.business.tradein_seller_type, "vat_business")
        with_vat = self._buy(self.business, "BIZ-1", 400.0)
        self.assertEqual(with_vat.tradein_vat_scheme, "standard")
        self.assertTrue(with_vat.tradein_input_vat_deducted)
        with self.assertRaisesRegex(ValidationError, "cannot be sold under the margin scheme"):
            with_vat.tradein_vat_scheme = "margin"
        without_vat = self._buy(self.business, "BIZ-2", 400.0, input_vat="none")
        self.assertEqual(without_vat.tradein_vat_scheme, "margin")
        # "Used" can be switched off later.
        without_vat.tradein_condition = "new"
        self.assertFalse(without_vat.is_used)

    def test_private_seller_cannot_sell_with_deductible_vat(self):
        with self.assertRaises(ValidationError) as caught:
            self._buy(self.private, "PRIV-X", 400.0, input_vat="deductible")
        self.assertIn("not a VAT-registered business", str(caught.exception))

    def test_margin_vat_on_positive_and_negative_margins(self):
        lot_a = self._buy(self.private, "M-400", 400.0)
        lot_b = self._buy(self.private, "M-1200", 1200.0)
        order = self._sell([(self.phone, 700.0, lot_a), (self.phone, 950.0, lot_b)])
        line_a, line_b = order.order_line
        self.assertTrue(line_a.tradein_margin_scheme)
        self.assertEqual(line_a.tax_ids, self.margin20)
        self.assertRecordValues(
            line_a, [{"price_total": 700.0, "price_tax": 50.0, "price_subtotal": 650.0}]
        )
        self.assertRecordValues(
            line_b, [{"price_total": 950.0, "price_tax": 0.0, "price_subtotal": 950.0}]
        )
        invoice = self._invoice(order)
        self.assertEqual(invoice.amount_total, 1650.0)
        self.assertEqual(invoice.amount_tax, 50.0)
        self.assertAlmostEqual(self._tax_balance(invoice, self.margin20), 50.0)
        # A price change recomputes through the tax engine.
        order2 = self._sell([(self.phone, 700.0, self._buy(self.private, "M-RE", 400.0))])
        with Form(order2) as form, form.order_line.edit(0) as line:
            line.price_unit = 1000.0
        self.assertEqual(order2.order_line.price_tax, 100.0)

    def test_deductible_purchase_sold_with_standard_vat(self):
        lot = self._buy(self.business, "STD-1", 400.0)
        order = self._sell([(self.phone, 700.0, lot)])
        line = order.order_line
        self.assertFalse(line.tradein_margin_scheme)
        self.assertEqual(line.tax_ids, self.vat20)
        self.assertEqual(line.price_tax, 140.0)

    def test_mixed_invoice_and_credit_note(self):
        lot = self._buy(self.private, "MIX-1", 400.0)
        order = self._sell([(self.phone, 700.0, lot), (self.charger, 100.0, None)])
        invoice = self._invoice(order)
        self.assertEqual(invoice.amount_tax, 70.0)
        self.assertAlmostEqual(self._tax_balance(invoice, self.margin20), 50.0)
        self.assertAlmostEqual(self._tax_balance(invoice, self.vat20), 20.0)
        self.assertEqual(invoice.amount_total, 820.0)
        # Printed: no VAT shown for the margin line, the mention is there.
        printed = invoice._tradein_printed_tax_totals()
        group_names = [g["group_name"] for s in printed["subtotals"] for g in s["tax_groups"]]
        self.assertEqual(len(group_names), 1)
        self.assertEqual(printed["tax_amount_currency"], 20.0)
        self.assertEqual(printed["total_amount_currency"], 820.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.report_invoice", invoice.ids)[0]
            .decode()
        )
        self.assertIn("Margin scheme - second-hand goods", html)
        # A credit note reverses exactly.
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id})
        )
        credit_note = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        credit_note.action_post()
        self.assertEqual(credit_note.amount_total, 820.0)
        self.assertAlmostEqual(self._tax_balance(credit_note, self.margin20), -50.0)
        self.assertAlmostEqual(self._tax_balance(credit_note, self.vat20), -20.0)

    def _sell_charger_with_trade_in(self, serial, allowance):
        """Pat Private buys a charger and trades in a phone, through the form."""
        form = Form(self.env["sale.order"])
        form.partner_id = self.private
        with form.order_line.new() as line:
            line.product_id = self.charger
        with form.order_line.new() as line:
            line.is_tradein = True
            line.product_id = self.phone
            line.tradein_serial_name = serial
            line.tradein_allowance = allowance
        order = form.save()
        order.action_confirm()
        return order

    def test_trade_in_allowance_is_the_purchase_price(self):
        self.company.tradein_receive_on_confirm = True
        order = self._sell_charger_with_trade_in("TI-300", 300.0)
        lot = order.tradein_purchase_ids.order_line.tradein_lot_id
        self.assertEqual(lot.acquisition_type, "trade_in")
        self.assertEqual(lot.tradein_vat_scheme, "margin")
        self.assertEqual(lot.tradein_margin_purchase_price, 300.0)
        sale = self._sell([(self.phone, 500.0, lot)])
        self.assertAlmostEqual(sale.order_line.price_tax, 33.33)

    def test_switching_the_scheme_off_sells_with_standard_vat(self):
        lot = self._buy(self.private, "OFF-1", 400.0)
        self.company.tradein_margin_enabled = False
        order = self._sell([(self.phone, 700.0, lot)])
        self.assertFalse(order.order_line.tradein_margin_scheme)
        self.assertEqual(order.order_line.price_tax, 140.0)

    def test_line_option_uses_the_normal_scheme(self):
        lot = self._buy(self.private, "OPT-1", 400.0)
        form = Form(self.env["sale.order"])
        form.partner_id = self.buyer
        with form.order_line.new() as line:
            line.product_id = self.phone
            line.tradein_lot_sold_id = lot
            line.tradein_margin_scheme = False
            line.price_unit = 700.0
        order = form.save()
        self.assertEqual(order.order_line.tax_ids, self.vat20)
        self.assertEqual(order.order_line.price_tax, 140.0)

    def test_the_margin_purchase_price_is_what_was_paid(self):
        # (With a refurbishment too: tests/test_addons_together.py.)
        lot = self._buy(self.private, "REF-1", 400.0)
        self.assertEqual(lot.tradein_margin_purchase_price, 400.0)
        order = self._sell([(self.phone, 700.0, lot)])
        self.assertEqual(order.order_line.price_tax, 50.0)

    def test_margin_sale_cannot_be_deleted(self):
        lot = self._buy(self.private, "KEEP-1", 400.0)
        invoice = self._invoice(self._sell([(self.phone, 700.0, lot)]))
        with self.assertRaisesRegex(UserError, "margin register must keep it"):
            invoice.unlink()
        invoice.button_draft()
        with self.assertRaisesRegex(UserError, "margin register must keep it"):
            invoice.unlink()
        self.assertTrue(invoice.exists())

    def test_register_rows(self):
        lot = self._buy(self.private, "REG-1", 400.0)
        invoice = self._invoice(self._sell([(self.phone, 700.0, lot)]))
        wizard = self.env["tradein.margin.register.wizard"].create(
            {"date_from": invoice.date, "date_to": invoice.date}
        )
        rows = wizard._register_rows()
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(row["serial"], "REG-1")
        self.assertEqual(row["seller"], "Pat Private")
        self.assertEqual(row["buyer"], "Bob Buyer")
        self.assertEqual(row["purchase_price"], 400.0)
        self.assertEqual(row["selling_price"], 700.0)
        self.assertEqual(row["margin"], 300.0)
        self.assertEqual(row["vat"], 50.0)
        self.assertTrue(row["purchase_document"].startswith("CP"))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("tradein_serial_vat.report_margin_register", wizard.ids)[0]
            .decode()
        )
        self.assertIn("REG-1", html)
        wizard.action_export_xlsx()
        self.assertTrue(wizard.xlsx_file)

    def test_register_and_period_queries_do_not_grow_with_sales(self):
        """Flat paths: the register and the period read their lines in bulk."""
        Period = self.env["tradein.margin.period"]

        def sell(tags):
            for tag in tags:
                lot = self._buy(self.private, f"FLAT-{tag}", 100.0)
                invoice = self._invoice(self._sell([(self.phone, 300.0, lot)]))
            return invoice.date

        def queries(date):
            register = self.env["tradein.margin.register.wizard"].create(
                {"date_from": date, "date_to": date}
            )
            period = Period.create({"date_from": date, "date_to": date, "rate": 20.0})
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            rows = register._register_rows()
            period.action_update_figures()
            counted = self.env.cr.sql_log_count - before
            period.unlink()
            return len(rows), counted

        date = sell(["A"])
        queries(date)  # warms the caches (the own-use scrap reason's XML id)
        few_rows, few_queries = queries(date)
        sell(["B", "C", "D"])
        many_rows, many_queries = queries(date)
        self.assertEqual((few_rows, many_rows), (1, 4))
        self.assertEqual(few_queries, many_queries)

    def _period_user(self, login, group):
        return self.env["res.users"].create(
            {
                "name": login,
                "login": login,
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                "group_ids": [Command.set([self.env.ref(group).id])],
            }
        )

    def test_a_closed_period_keeps_its_filed_figures(self):
        """A new period is named by its dates at the company's rate (20 %);
        closed, its figures are what was filed: March, phone bought 300 sold
        420, margin VAT 120/6 = 20.00."""
        manager = self._period_user("uk_vat_manager", "account.group_account_manager")
        clerk = self._period_user("uk_vat_clerk", "account.group_account_invoice")
        form = Form(self.env(user=manager)["tradein.margin.period"])
        self.assertEqual(form.rate, 20.0)
        self.assertEqual(form.name, "New period")
        form.date_from = "2026-03-01"
        form.date_to = "2026-03-31"
        period = form.save()
        self.assertEqual(period.name, "03/01/2026 to 03/31/2026 (20%)")
        lot = self._buy(self.private, "CLOSE-1", 300.0)
        self._invoice(self._sell([(self.phone, 420.0, lot)]), date=datetime.date(2026, 3, 10))
        period.action_close()
        self.assertRecordValues(period, [{"state": "closed", "item_margin_vat": 20.0}])
        # A sale booked afterwards in March does not change what was filed.
        late = self._buy(self.private, "CLOSE-2", 300.0)
        self._invoice(self._sell([(self.phone, 420.0, late)]), date=datetime.date(2026, 3, 20))
        with self.assertRaisesRegex(UserError, "is closed"):
            period.action_update_figures()
        with self.assertRaisesRegex(UserError, "is closed"):
            period.write({"date_to": "2026-04-30"})
        # Over RPC, as the manager: the figures change only through Compute.
        with self.assertRaisesRegex(UserError, "change only through their actions"):
            period.write({"item_margin_vat": 0.0})
        with self.assertRaisesRegex(UserError, "change only through their actions"):
            period.write({"state": "open"})
        with self.assertRaisesRegex(UserError, "Reopen it first"):
            period.unlink()
        with self.assertRaisesRegex(UserError, "accounting manager"):
            period.with_user(clerk).action_reopen()
        self.assertRecordValues(
            period,
            [{"state": "closed", "item_margin_vat": 20.0, "date_to": datetime.date(2026, 3, 31)}],
        )
        period.action_reopen()
        period.action_update_figures()
        self.assertRecordValues(period, [{"state": "open", "item_margin_vat": 40.0}])

    def test_global_margin_carries_a_loss_forward(self):
        """January: bought at 450, sold at 300: period margin -150, carried
        forward. February: bought at 100, sold at 500 (item margin 400, item
        VAT 400/6 = 66.67): period margin 500 - 100 - 150 = 250, global VAT
        250/6 = 41.67. (Both below the UK's 500 threshold, so both go through
        the global margin.)"""
        self.company.tradein_margin_global = True
        jan, feb = datetime.date(2026, 1, 15), datetime.date(2026, 2, 15)
        expensive = self._buy(self.private, "G-450", 450.0)
        expensive.tradein_margin_acquisition_id.date = jan
        invoice = self._invoice(self._sell([(self.phone, 300.0, expensive)]), date=jan)
        cheap = self._buy(self.private, "G-100", 100.0)
        cheap.tradein_margin_acquisition_id.date = feb
        self._invoice(self._sell([(self.phone, 500.0, cheap)]), date=feb)
        self.assertEqual(invoice.amount_tax, 0.0, "item by item, a loss gives no VAT")
        Period = self.env["tradein.margin.period"]
        january = Period.create({"date_from": "2026-01-01", "date_to": "2026-01-31", "rate": 20.0})
        february = Period.create({"date_from": "2026-02-01", "date_to": "2026-02-28", "rate": 20.0})
        (january | february).action_update_figures()
        self.assertRecordValues(
            january,
            [
                {
                    "sales_amount": 300.0,
                    "purchases_amount": 450.0,
                    "item_taxable_margin": 0.0,
                    "item_margin_vat": 0.0,
                    "result": -150.0,
                    "margin_vat": 0.0,
                    "carried_out": 150.0,
                }
            ],
        )
        self.assertRecordValues(
            february,
            [
                {
                    "sales_amount": 500.0,
                    "purchases_amount": 100.0,
                    "item_taxable_margin": 400.0,
                    "item_margin_vat": 66.67,
                    "carried_in": 150.0,
                    "result": 250.0,
                    "margin_vat": 41.67,
                    "carried_out": 0.0,
                }
            ],
        )

    def _create_category_excluded_from_the_global_margin(self, name):
        """A product category flagged "excluded" from the global margin, through its form."""
        with Form(self.env["product.category"]) as category_form:
            category_form.name = name
            category_form.tradein_global_margin_excluded = True
        return category_form.record

    def _create_serial_product_of_category(self, name, category):
        """A serial-tracked product of `category`, sold with 20 % VAT."""
        return self.env["product.product"].create(
            {
                "name": name,
                "is_storable": True,
                "tracking": "serial",
                "categ_id": category.id,
                "taxes_id": [Command.set(self.vat20.ids)],
            }
        )

    def _buy_phones_a_laptop_and_a_motorbike(self, date):
        """Bought from Pat Private on `date`: phones GX-A at 200 and GX-B at
        100, laptop GX-LAPTOP at 800 (in the phones' category) and motorbike
        GX-BIKE at 300 (in the excluded category "Motorcycles"). Returns the
        lots by serial, in that order."""
        motorcycles = self._create_category_excluded_from_the_global_margin("Motorcycles")
        laptop = self._create_serial_product_of_category("Laptop", self.phone.categ_id)
        motorbike = self._create_serial_product_of_category("Motorbike", motorcycles)
        lots = {}
        for product, serial, cost in (
            (self.phone, "GX-A", 200.0),
            (self.phone, "GX-B", 100.0),
            (laptop, "GX-LAPTOP", 800.0),
            (motorbike, "GX-BIKE", 300.0),
        ):
            self.bought_product = product
            lots[serial] = self._buy(self.private, serial, cost)
            lots[serial].tradein_margin_acquisition_id.date = date
        return lots

    def test_global_margin_exclusions_uk(self):
        """HMRC global accounting: items bought for more than 500 and motor
        vehicles (a category flagged "excluded") go item by item. March:

        phone A   bought 200, sold 500   (in the global margin)
        phone B   bought 100, unsold     (in the global margin)
        laptop    bought 800, sold 600   (excluded: above 500; margin -200, VAT 0)
        motorbike bought 300, sold 420   (excluded category; margin 120, VAT 20.00)

        Global: sales 500 - purchases 300 = 200, VAT 200/6 = 33.33.
        Excluded: sales 1020, purchases 1100, VAT 0 + 20.00 = 20.00.
        Due: 53.33 (without the exclusions the loss on the laptop would
        offset the rest: 1520 - 1400 = 120, VAT 20.00)."""
        self.company.tradein_margin_global = True
        self.assertEqual(self.company.tradein_global_margin_threshold, 500.0)
        march = datetime.date(2026, 3, 10)
        lots = self._buy_phones_a_laptop_and_a_motorbike(march)
        self.assertEqual(
            [lots[serial].tradein_margin_acquisition_id.global_exclusion for serial in lots],
            [False, False, "price", "category"],
        )
        for serial, price in (("GX-A", 500.0), ("GX-LAPTOP", 600.0), ("GX-BIKE", 420.0)):
            lot = lots[serial]
            self._invoice(self._sell([(lot.product_id, price, lot)]), date=march)
        period = self.env["tradein.margin.period"].create(
            {"date_from": "2026-03-01", "date_to": "2026-03-31", "rate": 20.0}
        )
        period.action_update_figures()
        self.assertRecordValues(
            period,
            [
                {
                    "sales_amount": 500.0,
                    "purchases_amount": 300.0,
                    "result": 200.0,
                    "margin_vat": 33.33,
                    "excluded_sales_amount": 1020.0,
                    "excluded_purchases_amount": 1100.0,
                    "excluded_margin_vat": 20.0,
                    "total_margin_vat": 53.33,
                    "carried_out": 0.0,
                }
            ],
        )

    def test_uk_vat_return_boxes(self):
        """HMRC (Notice 718, filling in the VAT return): Box 1 holds the VAT
        due on the margin, Box 6 the full selling price less that VAT.
        April:

        used phone  bought 300, sold 420: margin VAT 120/6 = 20.00, Box 6 400
        used phone  bought 450, sold 300: a loss, no VAT,          Box 6 300
        charger     new, 100 + 20 % VAT:  VAT 20.00,              Box 6 100

        Box 1 = 40.00, Box 6 = 800.00."""
        april = datetime.date(2026, 4, 20)
        gain = self._buy(self.private, "RET-GAIN", 300.0)
        loss = self._buy(self.private, "RET-LOSS", 450.0)
        invoice = self._invoice(
            self._sell([(self.phone, 420.0, gain), (self.phone, 300.0, loss)]), date=april
        )
        self.assertEqual(invoice.amount_tax, 20.0)
        self._invoice(self._sell([(self.charger, 100.0, None)]), date=april)
        boxes = {
            code: self._vat_return_amount("l10n_uk.tax_report", code, "2026-04-01", "2026-04-30")
            for code in ("UKTAX_1", "UKTAX_6")
        }
        self.assertEqual(boxes, {"UKTAX_1": 40.0, "UKTAX_6": 800.0})

    def test_uk_box_7_holds_the_margin_purchases(self):
        """HMRC (Notice 718, filling in the VAT return): Box 7 includes the
        purchase price of the margin-scheme goods bought, though they carry
        no VAT.

        phone bought from Pat Private for 300 (customer purchase, self-billed)
        phone traded in for 50 on a sale of a charger (100 + 20 % VAT)

        Box 7 = 300 + 50 = 350.00; Box 6 = 100.00 and Box 1 = 20.00 (the
        charger: a trade-in is a separate purchase, it does not reduce the
        sale); Box 4 = 0 (no VAT charged to us)."""
        self.company.tradein_receive_on_confirm = True
        bought = self._buy(self.private, "BOX7-1", 300.0)
        purchase = bought.acquisition_purchase_line_id.order_id
        self.assertTrue(purchase._tradein_self_billed_without_vat())
        bill = purchase.invoice_ids
        self.assertEqual((bill.amount_total, bill.amount_tax), (300.0, 0.0))
        order = self._sell_charger_with_trade_in("BOX7-2", 50.0)
        invoice = self._invoice(order)
        self.assertEqual((invoice.amount_total, invoice.amount_tax), (70.0, 20.0))
        boxes = {
            code: self._vat_return_amount("l10n_uk.tax_report", code, "2000-01-01", "2100-12-31")
            for code in ("UKTAX_1", "UKTAX_4", "UKTAX_6", "UKTAX_7")
        }
        self.assertEqual(
            boxes, {"UKTAX_1": 20.0, "UKTAX_4": 0.0, "UKTAX_6": 100.0, "UKTAX_7": 350.0}
        )

    def test_new_goods_from_a_vendor_are_standard(self):
        vendor = self.env["res.partner"].create(
            {"name": "Distributor", "is_company": True, "vat": "GB987654321"}
        )
        order = self.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.phone.id, "product_qty": 1, "price_unit": 500.0}
                    )
                ],
            }
        )
        order.button_confirm()
        order.picking_ids.move_ids.move_line_ids.write(
            {"lot_name": "NEW-1", "quantity": 1, "picked": True}
        )
        order.picking_ids.button_validate()
        lot = order.picking_ids.move_line_ids.lot_id
        self.assertRecordValues(
            lot,
            [
                {
                    "acquisition_type": "vendor_purchase",
                    "acquisition_partner_id": vendor.id,
                    "acquisition_price": 500.0,
                    "tradein_condition": "new",
                    "tradein_vat_scheme": "standard",
                    "tradein_input_vat_deducted": True,
                }
            ],
        )
        sale = self._sell([(self.phone, 700.0, lot)])
        self.assertFalse(sale.order_line.tradein_margin_scheme)
        self.assertEqual(sale.order_line.price_tax, 140.0)

    def test_margin_return_credit_note_setting(self):
        self.company.tradein_return_credit_note = "posted"
        lot = self._buy(self.private, "RET-1", 400.0)
        invoice = self._invoice(self._sell([(self.phone, 700.0, lot)]))
        self.company.tradein_margin_return_credit_note = False
        stock = self.env["stock.warehouse"].search([("company_id", "=", self.company.id)], limit=1)
        self.assertFalse(lot._tradein_return(stock.lot_stock_id, "Unwanted"))
        self.assertFalse(lot.tradein_owner_id)
        # Back in stock, and the margin sale's invoice stands: no credit note.
        self.assertEqual(lot.product_qty, 1)
        self.assertFalse(self.env["account.move"].search([("reversed_entry_id", "=", invoice.id)]))
        self.assertEqual(invoice.state, "posted")
        # Other returns keep their automatic credit note.
        self.company.tradein_margin_return_credit_note = True
        lot2 = self._buy(self.private, "RET-2", 400.0)
        invoice2 = self._invoice(self._sell([(self.phone, 700.0, lot2)]))
        credit_note = lot2._tradein_return(stock.lot_stock_id, "Unwanted")
        self.assertEqual(credit_note.amount_total, 700.0)
        self.assertEqual(credit_note.reversed_entry_id, invoice2)

    def test_serial_picked_only_at_delivery_is_sold_under_the_margin_scheme(self):
        lot = self._buy(self.private, "PICK-1", 400.0)
        # No Serial Sold on the quotation: standard VAT on 700, 840 to pay.
        order = self._sell([(self.phone, 700.0, None)])
        line = order.order_line
        self.assertFalse(line.tradein_margin_scheme)
        self.assertEqual(order.amount_total, 840.0)
        # The serial is picked at delivery, the way Odoo does it by default.
        picking = order.picking_ids
        self.assertEqual(picking.move_line_ids.lot_id, lot)
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(line.tradein_lot_sold_id, lot)
        self.assertTrue(line.tradein_margin_scheme)
        self.assertEqual(line.tax_ids, self.margin20)
        # The customer pays what was quoted; VAT on the margin only.
        self.assertEqual(order.amount_total, 840.0)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertRecordValues(
            invoice.invoice_line_ids,
            [{"tradein_lot_sold_id": lot.id, "tradein_margin_scheme": True}],
        )
        self.assertEqual(invoice.amount_total, 840.0)
        # (840 - 400) x 1/6
        self.assertAlmostEqual(self._tax_balance(invoice, self.margin20), 73.33)
        self.assertEqual(self._tax_balance(invoice, self.vat20), 0.0)
        self.assertEqual(lot.tradein_owner_id, self.buyer)

    @contextmanager
    def _refused(self, text):
        """Like a refused request: the error, and everything rolled back."""
        with self.assertRaises(ValidationError) as caught:
            yield
        self.assertIn(text, str(caught.exception))

    def _sales_user(self):
        """A UK salesman who also invoices and delivers, no manager."""
        return self.env["res.users"].create(
            {
                "name": "UK Sales",
                "login": "uk_margin_sales",
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                "group_ids": [
                    Command.set(
                        [
                            self.env.ref("sales_team.group_sale_salesman_all_leads").id,
                            self.env.ref("account.group_account_invoice").id,
                            self.env.ref("stock.group_stock_user").id,
                        ]
                    )
                ],
            }
        )

    def _create_margin_scheme_invoice_as(self, user, lot):
        """`user` creates, as over RPC, an invoice of `lot` to Bob Buyer at
        700 with Margin Scheme ticked on its line."""
        invoices = self.env["account.move"].with_user(user)
        return invoices.create(
            {
                "move_type": "out_invoice",
                "partner_id": self.buyer.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.phone.id,
                            "price_unit": 700.0,
                            "tradein_lot_sold_id": lot.id,
                            "tradein_margin_scheme": True,
                        }
                    )
                ],
            }
        )

    def test_margin_scheme_never_applies_to_a_standard_vat_serial(self):
        standard = self._buy(self.business, "STD-RPC", 400.0)
        self.assertEqual(standard.tradein_vat_scheme, "standard")
        seller = self._sales_user()
        # The form: ticking Margin Scheme for it is refused on save.
        form = Form(self.env(user=seller)["sale.order"])
        form.partner_id = self.buyer
        with form.order_line.new() as line:
            line.product_id = self.phone
            line.tradein_lot_sold_id = standard
            self.assertFalse(line.tradein_margin_scheme)
            line.tradein_margin_scheme = True
        with self._refused("cannot be sold under the margin scheme"):
            form.save()
        # Over RPC, on the order and on its invoice: refused, nothing changed.
        order = self._sell([(self.phone, 700.0, standard)])
        sale_line = order.order_line
        with self._refused("cannot be sold under the margin scheme"):
            sale_line.with_user(seller).write({"tradein_margin_scheme": True})
        self.assertRecordValues(
            sale_line,
            [{"tradein_margin_scheme": False, "tax_ids": self.vat20.ids, "price_tax": 140.0}],
        )
        invoice = order._create_invoices()
        invoice_line = invoice.invoice_line_ids
        with self._refused("cannot be sold under the margin scheme"):
            invoice_line.with_user(seller).write({"tradein_margin_scheme": True})
        with self._refused("cannot be sold under the margin scheme"):
            self._create_margin_scheme_invoice_as(seller, standard)
        self.assertFalse(invoice_line.tradein_margin_scheme)
        self.assertEqual(invoice_line.tax_ids, self.vat20)
        invoice.action_post()
        self.assertEqual(invoice.amount_tax, 140.0)


@tagged("post_install", "-at_install")
class TestMarginSchemeRates(BaseCommon):
    """The margin VAT at the Norwegian (25 %) and German (19 %) rates."""

    def _margin_vat(self, chart, country, price, cost):
        company = self.env["res.company"].create({"name": f"Co {chart}", "country_id": country.id})
        self.env["account.chart.template"]._load(chart, company, install_demo=False)
        env = self.env(context={**self.env.context, "allowed_company_ids": company.ids})
        company = company.with_env(env)
        company._tradein_margin_setup()
        sale_tax = company.account_sale_tax_id
        taxes = company.tradein_margin_fiscal_position_id.map_tax(sale_tax)
        margin_tax = taxes.filtered("tradein_margin")
        self.assertEqual(len(margin_tax), 1)
        self.assertEqual(margin_tax.amount, sale_tax.amount)
        base_line = env["account.tax"]._prepare_base_line_for_taxes_computation(
            None,
            price_unit=price,
            quantity=1.0,
            tax_ids=taxes,
            currency_id=company.currency_id,
        )
        base_line.update(env["account.tax"]._tradein_margin_base_line_values(base_line, cost))
        env["account.tax"]._add_tax_details_in_base_line(base_line, company)
        env["account.tax"]._round_base_lines_tax_details([base_line], company)
        details = base_line["tax_details"]
        return details["total_included_currency"] - details["total_excluded_currency"], company

    def test_norway_25(self):
        vat, company = self._margin_vat("no", self.env.ref("base.no"), 1000.0, 500.0)
        self.assertAlmostEqual(vat, 100.0)  # 500 x 1/5
        self.assertIn("§ 4-5", company.tradein_margin_mention)

    def test_germany_19(self):
        vat, company = self._margin_vat("de_skr03", self.env.ref("base.de"), 1190.0, 0.0)
        self.assertAlmostEqual(vat, 190.0)  # 1190 x 19/119
        self.assertIn("§ 25a UStG", company.tradein_margin_mention)
