from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import NorwegianCompanyCase


@tagged("post_install", "-at_install")
class TestSerialsOfALine(NorwegianCompanyCase):
    """The serials a sale line sells are the serials it delivered: a line of
    several items sells several serials, each under its own VAT scheme, in a
    Norwegian company (l10n_no, 25 %) with Odoo's default taxes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._tradein_margin_setup()
        cls.company.tradein_return_credit_note = "posted"
        cls.vat25 = cls.company.account_sale_tax_id
        # The margin VAT and its return-base companion (the net margin to code 3).
        cls.margin_taxes = cls.company.tradein_margin_fiscal_position_id.map_tax(cls.vat25)
        cls.margin25 = cls.margin_taxes.filtered("tradein_margin")
        # A serial product as a new shop has it: the company's default taxes,
        # Odoo's default valuation.
        cls.bike = cls.env["product.product"].create(
            {"name": "Used e-bike", "is_storable": True, "tracking": "serial"}
        )
        cls.bought_product = cls.bike
        cls.private = cls.env["res.partner"].create({"name": "Per Privat"})
        cls.business = cls.env["res.partner"].create(
            {"name": "Sykkelgrossisten AS", "is_company": True, "vat": "NO123456785MVA"}
        )
        cls.business.tradein_seller_type = "vat_business"
        cls.buyer = cls.env["res.partner"].create({"name": "Kari Kjøper"})

    def _sell_two(self):
        """A line of two bikes at 12,000 each VAT included, naming no serial."""
        form = Form(self.env["sale.order"])
        form.partner_id = self.buyer
        with form.order_line.new() as line:
            line.product_id = self.bike
            line.product_uom_qty = 2
            line.price_unit = 9600.0  # + 25 % = 12,000
        order = form.save()
        order.action_confirm()
        self.assertEqual(order.order_line.tax_ids, self.vat25)
        self.assertEqual(order.amount_total, 24000.0)
        return order

    def _deliver(self, order):
        picking = order.picking_ids
        picking.move_ids.picked = True
        picking.button_validate()
        return picking.move_line_ids.lot_id

    def _tax(self, move, tax):
        return -sum(move.line_ids.filtered(lambda line: line.tax_line_id == tax).mapped("balance"))

    def _assert_one_invoice_line_per_serial(self, invoice, lot_a, lot_b):
        """Bikes A (bought 8,000) and B (bought 9,000), sold at 12,000 each
        on one sale line: an invoice line each, each under the margin scheme."""
        self.assertRecordValues(
            invoice.invoice_line_ids.sorted("tradein_margin_purchase_price"),
            [
                {
                    "tradein_lot_sold_id": lot_a.id,
                    "quantity": 1.0,
                    "tradein_margin_scheme": True,
                    "tradein_margin_purchase_price": 8000.0,
                    "tradein_margin_taxable": 4000.0,
                    "price_total": 12000.0,
                },
                {
                    "tradein_lot_sold_id": lot_b.id,
                    "quantity": 1.0,
                    "tradein_margin_scheme": True,
                    "tradein_margin_purchase_price": 9000.0,
                    "tradein_margin_taxable": 3000.0,
                    "price_total": 12000.0,
                },
            ],
        )

    def _assert_a_stock_book_row_per_serial(self, date):
        """The stock book of `date` lists bikes A and B, each with its margin VAT."""
        wizard = self.env["tradein.margin.register.wizard"].create(
            {"date_from": date, "date_to": date}
        )
        rows = sorted(wizard._register_rows(), key=lambda row: row["serial"])
        self.assertEqual(
            [
                (row["serial"], row["purchase_price"], row["selling_price"], row["vat"])
                for row in rows
            ],
            [("EB-8000", 8000.0, 12000.0, 800.0), ("EB-9000", 9000.0, 12000.0, 600.0)],
        )

    def _assert_period_figures(self, period, sales, taxable_margin, margin_vat):
        """`period`'s figures, updated from the posted sales and credit notes."""
        period.action_update_figures()
        self.assertRecordValues(
            period,
            [
                {
                    "sales_amount": sales,
                    "item_taxable_margin": taxable_margin,
                    "item_margin_vat": margin_vat,
                }
            ],
        )

    def test_two_serials_on_one_line_sum_their_margin_vat(self):
        lot_a = self._buy(self.private, "EB-8000", 8000.0)
        lot_b = self._buy(self.private, "EB-9000", 9000.0)
        self.assertEqual((lot_a | lot_b).mapped("tradein_vat_scheme"), ["margin", "margin"])
        order = self._sell_two()
        line = order.order_line
        self.assertEqual(self._deliver(order), lot_a | lot_b)
        # Both serials delivered are margin-scheme: the line follows them and
        # the customer still pays what was quoted.
        self.assertTrue(line.tradein_margin_scheme)
        self.assertFalse(line.tradein_lot_sold_id)
        self.assertEqual(line.tax_ids, self.margin_taxes)
        self.assertEqual(order.amount_total, 24000.0)
        # (12,000 - 8,000) / 5 + (12,000 - 9,000) / 5
        self.assertAlmostEqual(order.amount_tax, 1400.0)
        invoice = order._create_invoices()
        invoice.action_post()
        self._assert_one_invoice_line_per_serial(invoice, lot_a, lot_b)
        self.assertEqual(line.qty_invoiced, 2.0)
        self.assertEqual(invoice.amount_total, 24000.0)
        self.assertAlmostEqual(self._tax(invoice, self.margin25), 1400.0)
        self.assertEqual(self._tax(invoice, self.vat25), 0.0)
        # Owner and history follow each serial.
        self.assertEqual((lot_a | lot_b).tradein_owner_id, self.buyer)
        # The stock book has a row per serial, the period report the sum.
        self._assert_a_stock_book_row_per_serial(invoice.date)
        period = self.env["tradein.margin.period"].create(
            {"date_from": invoice.date, "date_to": invoice.date, "rate": 25.0}
        )
        self._assert_period_figures(period, 24000.0, 7000.0, 1400.0)
        # Returning one of them credits that serial only, under its scheme.
        stock = self.env["stock.warehouse"].search([("company_id", "=", self.company.id)], limit=1)
        credit_note = lot_b._tradein_return(stock.lot_stock_id, "Wrong size")
        self.assertRecordValues(
            credit_note.invoice_line_ids,
            [
                {
                    "tradein_lot_sold_id": lot_b.id,
                    "tradein_margin_scheme": True,
                    "price_total": 12000.0,
                }
            ],
        )
        self.assertAlmostEqual(self._tax(credit_note, self.margin25), -600.0)
        self._assert_period_figures(period, 12000.0, 4000.0, 800.0)

    def test_two_serials_of_two_schemes_are_invoiced_each_under_its_own(self):
        lot_margin = self._buy(self.private, "EB-M", 8000.0)
        lot_standard = self._buy(self.business, "EB-S", 7000.0, input_vat="deductible")
        self.assertEqual(lot_standard.tradein_vat_scheme, "standard")
        order = self._sell_two()
        self._deliver(order)
        # One line has one scheme: it stays standard VAT.
        self.assertFalse(order.order_line.tradein_margin_scheme)
        invoice = order._create_invoices()
        invoice.action_post()
        by_lot = {line.tradein_lot_sold_id: line for line in invoice.invoice_line_ids}
        self.assertEqual(set(by_lot), {lot_margin, lot_standard})
        self.assertRecordValues(
            by_lot[lot_margin],
            [
                {
                    "tradein_margin_scheme": True,
                    "tax_ids": self.margin_taxes.ids,
                    "price_total": 12000.0,
                }
            ],
        )
        self.assertRecordValues(
            by_lot[lot_standard],
            [{"tradein_margin_scheme": False, "tax_ids": self.vat25.ids, "price_total": 12000.0}],
        )
        self.assertEqual(invoice.amount_total, 24000.0)
        self.assertAlmostEqual(self._tax(invoice, self.margin25), 800.0)
        self.assertAlmostEqual(self._tax(invoice, self.vat25), 2400.0)

    def test_a_line_naming_a_serial_sells_one_item(self):
        lot = self._buy(self.private, "EB-ONE", 8000.0)
        form = Form(self.env["sale.order"])
        form.partner_id = self.buyer
        with form.order_line.new() as line:
            line.product_id = self.bike
            line.tradein_lot_sold_id = lot
        order = form.save()
        with self.assertRaises(Exception) as caught:
            order.order_line.product_uom_qty = 2
        self.assertIn("sells that one item", str(caught.exception))
        self.assertEqual(order.order_line.product_uom_qty, 1.0)

    def test_invoicing_before_delivery_uses_the_serial_named(self):
        self.bike.invoice_policy = "order"
        lot = self._buy(self.private, "EB-ORDER", 8000.0)
        form = Form(self.env["sale.order"])
        form.partner_id = self.buyer
        with form.order_line.new() as line:
            line.product_id = self.bike
            line.tradein_lot_sold_id = lot
            line.price_unit = 12000.0
        order = form.save()
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertRecordValues(
            invoice.invoice_line_ids,
            [{"tradein_lot_sold_id": lot.id, "tradein_margin_scheme": True}],
        )
        self.assertAlmostEqual(self._tax(invoice, self.margin25), 800.0)
        self.assertFalse((invoice.alerts or {}).get("tradein_serial_vat_unnamed_serial"))

    def test_an_invoice_naming_no_serial_of_a_margin_item_says_so(self):
        self.bike.invoice_policy = "order"
        self._buy(self.private, "EB-WARN", 8000.0)
        order = self._sell_two()
        invoice = order._create_invoices()
        self.assertFalse(invoice.invoice_line_ids.tradein_lot_sold_id)
        alert = (invoice.alerts or {}).get("tradein_serial_vat_unnamed_serial")
        self.assertTrue(alert)
        self.assertIn("Used e-bike", alert["message"])
        self.assertIn("names no Serial Sold", alert["message"])
        # Naming the serial turns the line margin-scheme; the warning goes.
        lot = self.env["stock.lot"].search([("name", "=", "EB-WARN")])
        with Form(invoice) as invoice_form:
            with invoice_form.invoice_line_ids.edit(0) as invoice_line:
                invoice_line.quantity = 1
                invoice_line.tradein_lot_sold_id = lot
        self.assertTrue(invoice.invoice_line_ids.tradein_margin_scheme)
        self.assertFalse((invoice.alerts or {}).get("tradein_serial_vat_unnamed_serial"))

    def _sell_one(self, lot):
        form = Form(self.env["sale.order"])
        form.partner_id = self.buyer
        with form.order_line.new() as line:
            line.product_id = self.bike
            line.price_unit = 9600.0  # + 25 % = 12,000
        order = form.save()
        order.action_confirm()
        self.assertEqual(self._deliver(order), lot)
        invoice = order._create_invoices()
        invoice.action_post()
        return order, invoice

    def test_a_swap_keeps_the_margin_sale(self):
        lot = self._buy(self.private, "EB-SWAP-1", 8000.0)
        order, invoice = self._sell_one(lot)
        line = order.order_line
        self.assertRecordValues(
            line,
            [{"tradein_lot_sold_id": lot.id, "tradein_margin_scheme": True, "price_unit": 12000.0}],
        )
        standard = self._buy(self.business, "EB-SWAP-STD", 8000.0, input_vat="deductible")
        stock = self.env["stock.warehouse"].search([("company_id", "=", self.company.id)], limit=1)
        # A standard-VAT serial cannot replace a margin sale: refused, nothing moved.
        with self.assertRaises(UserError) as caught:
            lot._tradein_swap(standard, stock.lot_stock_id, "Dead on arrival")
        self.assertIn("sold under the margin scheme", str(caught.exception))
        self.assertEqual(lot.tradein_owner_id, self.buyer)
        self.assertFalse(standard.tradein_owner_id)
        self.assertEqual(line.tradein_lot_sold_id, lot)
        # Another margin-scheme serial: the line names it, price, taxes and
        # scheme stay as sold, the invoice is kept.
        other = self._buy(self.private, "EB-SWAP-2", 7000.0)
        lot._tradein_swap(other, stock.lot_stock_id, "Dead on arrival")
        self.assertRecordValues(
            line,
            [
                {
                    "tradein_lot_sold_id": other.id,
                    "tradein_margin_scheme": True,
                    "price_unit": 12000.0,
                    "tax_ids": self.margin_taxes.ids,
                }
            ],
        )
        self.assertEqual(other.tradein_owner_id, self.buyer)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_total, 12000.0)
