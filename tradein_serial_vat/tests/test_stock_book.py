import base64
import datetime
import io

import openpyxl

from odoo import Command, fields
from odoo.addons.tradein_serial.tests.common import pdf_text
from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, tagged

from .common import MarginSaleMixin
from .common import UkCompanyCase


class StockBookCase(MarginSaleMixin, UkCompanyCase):
    """A UK shop (20 % VAT) that buys used phones from the public."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._tradein_margin_setup()
        cls.vat20 = cls.company.account_sale_tax_id
        cls.phone = cls._create_used_phone(cls.vat20)
        cls.bought_product = cls.phone
        cls.pat = cls.env["res.partner"].create(
            {"name": "Pat Private", "street": "1 High Street", "city": "Leeds"}
        )
        cls.sam = cls.env["res.partner"].create({"name": "Sam Second"})
        cls.buyer = cls.env["res.partner"].create({"name": "Bob Buyer"})
        cls.today = fields.Date.context_today(cls.env.user)
        cls.date_from = cls.today - datetime.timedelta(days=10)
        cls.before = cls.today - datetime.timedelta(days=40)

    def _acquisition(self, lot):
        return lot.tradein_margin_acquisition_id

    def _book(self, stock_filter="all", date_from=None):
        wizard = self.env["tradein.margin.register.wizard"].create(
            {
                "date_from": date_from or self.date_from,
                "date_to": self.today,
                "stock_filter": stock_filter,
            }
        )
        return wizard, wizard._register_rows()

    def _sell(self, lot, price, date=None):
        order = self._sell_and_deliver(self.buyer, lot, price)
        invoice = order._create_invoices()
        invoice.invoice_date = date or self.today
        invoice.action_post()
        return invoice

    def _credit(self, invoice):
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "date": self.today})
        )
        credit_note = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        credit_note.action_post()
        return credit_note

    def _backdate(self, lot, date):
        """The item was bought on `date` (before the period under test)."""
        self._acquisition(lot).date = date


@tagged("post_install", "-at_install")
class TestStockBook(StockBookCase):
    """The margin-scheme stock book of a UK shop (20 % VAT, HMRC Notice 718):
    stock numbers, items in stock, sales, credit notes and write-offs."""

    def test_stock_numbers_in_sequence_per_company(self):
        """Each margin-scheme acquisition gets the next stock number of its
        company when it is paid out; an item bought with deductible VAT gets
        none; another company counts from 1."""
        first = self._buy(self.pat, "SN-1", 100.0)
        second = self._buy(self.sam, "SN-2", 150.0)
        business = self.env["res.partner"].create(
            {"name": "Biz Ltd", "is_company": True, "vat": "GB123456789"}
        )
        deductible = self._buy(business, "SN-3", 200.0, input_vat="deductible")
        numbers = [first.tradein_stock_number, second.tradein_stock_number]
        self.assertTrue(all(numbers))
        self.assertEqual(int(numbers[1]), int(numbers[0]) + 1, "numerical sequence")
        self.assertFalse(deductible.tradein_stock_number)
        self.assertRecordValues(
            self._acquisition(first),
            [
                {
                    "lot_id": first.id,
                    "serial": "SN-1",
                    "seller_id": self.pat.id,
                    "purchase_price": 100.0,
                    "date": self.today,
                    "description": "Phone",
                }
            ],
        )
        other = self.env["res.company"].create(
            {"name": "Other Shop", "country_id": self.env.ref("base.uk").id}
        )
        self.assertEqual(other._tradein_next_stock_number(), "000001")
        self.assertEqual(int(self.company._tradein_next_stock_number()), int(numbers[1]) + 1)

    def test_stock_number_given_at_pay_out_and_kept_at_receipt(self):
        """The receipt printed at the counter, before the item is added to
        inventory, already carries its stock number."""
        form = Form(
            self.env["purchase.order"].with_context(default_is_customer_purchase=True),
            view="tradein_serial.customer_purchase_view_form",
        )
        form.partner_id = self.pat
        with form.order_line.new() as line:
            line.product_id = self.phone
            line.tradein_serial_name = "PAY-1"
            line.price_unit = 120.0
        purchase = form.save()
        purchase._tradein_pay_out("journal", journal=self.cash)
        acquisition = purchase.order_line.tradein_margin_acquisition_ids
        self.assertEqual(len(acquisition), 1)
        self.assertRecordValues(acquisition, [{"lot_id": False, "serial": "PAY-1"}])
        self.assertEqual(purchase.order_line._tradein_stock_numbers(), acquisition.stock_number)
        purchase.order_line._tradein_receive("in_inventory")
        lot = purchase.order_line.tradein_lot_id
        self.assertEqual(purchase.order_line.tradein_margin_acquisition_ids, acquisition)
        self.assertEqual(acquisition.lot_id, lot)
        self.assertEqual(lot.tradein_stock_number, acquisition.stock_number)

    def test_items_of_one_purchase_are_numbered_in_one_draw(self):
        """Three items paid out together: three consecutive stock numbers, in
        the order of the lines, the sequence moved on by three."""
        form = Form(
            self.env["purchase.order"].with_context(default_is_customer_purchase=True),
            view="tradein_serial.customer_purchase_view_form",
        )
        form.partner_id = self.pat
        for serial in ("ONE-1", "ONE-2", "ONE-3"):
            with form.order_line.new() as line:
                line.product_id = self.phone
                line.tradein_serial_name = serial
                line.price_unit = 50.0
        purchase = form.save()
        before = int(self.company._tradein_next_stock_number())
        purchase._tradein_pay_out("journal", journal=self.cash)
        acquisitions = purchase.order_line.sorted("sequence").tradein_margin_acquisition_ids
        self.assertEqual(acquisitions.mapped("serial"), ["ONE-1", "ONE-2", "ONE-3"])
        self.assertEqual(
            [int(number) for number in acquisitions.mapped("stock_number")],
            [before + 1, before + 2, before + 3],
        )
        self.assertEqual(acquisitions.mapped("stock_number")[0], f"{before + 1:06d}")
        self.assertEqual(int(self.company._tradein_next_stock_number()), before + 4)
        purchase.action_tradein_add_all_to_inventory()
        lots = purchase.order_line.sorted("sequence").tradein_lot_id
        self.assertEqual(lots.mapped("tradein_stock_number"), acquisitions.mapped("stock_number"))

    def _scrap(self, lot):
        """Serial `lot` scrapped (written off), no reason given."""
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": self.phone.id,
                "lot_id": lot.id,
                "scrap_qty": 1.0,
                "company_id": self.company.id,
            }
        )
        scrap.action_validate()
        self.assertEqual(scrap.state, "done")
        return scrap

    def _buy_and_dispose_of_items_a_to_f(self):
        """Items A to F of test_stock_book_rows_and_filters, bought, sold,
        credited and scrapped as its docstring says. Returns the lots of A, B
        and C, and A's invoice, D's invoice, E's credit note and F's scrap."""
        lot_a = self._buy(self.pat, "BOOK-A", 300.0)
        lot_b = self._buy(self.pat, "BOOK-B", 200.0)
        lot_c = self._buy(self.pat, "BOOK-C", 100.0)
        lot_d = self._buy(self.pat, "BOOK-D", 50.0)
        lot_e = self._buy(self.sam, "BOOK-E", 250.0)
        lot_f = self._buy(self.pat, "BOOK-F", 80.0)
        for lot in (lot_a, lot_c, lot_d):
            self._backdate(lot, self.before)
        invoice_a = self._sell(lot_a, 420.0)
        invoice_d = self._sell(lot_d, 90.0, date=self.before)
        invoice_e = self._sell(lot_e, 400.0)
        credit_e = self._credit(invoice_e)
        self.assertEqual(credit_e.invoice_line_ids.tradein_margin_acquisition_id.lot_id, lot_e)
        scrap = self._scrap(lot_f)
        return (lot_a, lot_b, lot_c), (invoice_a, invoice_d, credit_e, scrap)

    def _rows_by_serial(self, rows):
        by_serial = {}
        for row in rows:
            by_serial.setdefault(row["serial"], []).append(row)
        return by_serial

    def _assert_sold_row(self, row, lot, invoice, bought, sold):
        """`row` of `lot`, sold by `invoice` to Bob Buyer.
        bought: (purchase date, seller, purchase price);
        sold: (selling price, margin, VAT)."""
        self.assertEqual(row["stock_number"], lot.tradein_stock_number)
        self.assertEqual((row["purchase_date"], row["seller"], row["purchase_price"]), bought)
        self.assertTrue(row["purchase_document"].startswith("CP"))
        self.assertEqual(
            (row["disposal"], row["sale_document"], row["buyer"]),
            ("Sold", invoice.name, "Bob Buyer"),
        )
        self.assertEqual((row["selling_price"], row["margin"], row["vat"]), sold)
        self.assertFalse(row["in_stock"])

    def _assert_unsold_row(self, row, lot):
        """`row` of `lot`, in stock, its sale columns empty."""
        self.assertEqual(row["stock_number"], lot.tradein_stock_number)
        self.assertTrue(row["in_stock"])
        self.assertEqual(
            (row["disposal"], row["sale_date"], row["selling_price"], row["vat"]),
            ("", None, None, None),
        )

    def _assert_sold_then_credited_rows(self, sale_row, credit_row, credit_note):
        """Item E: sold at 400 (margin 150, VAT 25.00), then credited by
        `credit_note`: the same stock number, negated, back in stock."""
        self.assertEqual(
            (sale_row["disposal"], sale_row["selling_price"], sale_row["margin"], sale_row["vat"]),
            ("Sold", 400.0, 150.0, 25.0),
        )
        self.assertEqual(
            (
                credit_row["disposal"],
                credit_row["sale_document"],
                credit_row["selling_price"],
                credit_row["margin"],
                credit_row["vat"],
            ),
            ("Returned (credit note)", credit_note.name, -400.0, -150.0, -25.0),
        )
        self.assertEqual(credit_row["stock_number"], sale_row["stock_number"])
        self.assertTrue(credit_row["in_stock"])

    def _assert_in_stock_and_sold_filters(self):
        """Items A to F: B, C and E (credited) are in stock; A and E were
        sold, E credited, F written off."""
        _wizard, in_stock = self._book("in_stock")
        self.assertEqual(
            sorted({row["serial"] for row in in_stock}), ["BOOK-B", "BOOK-C", "BOOK-E"]
        )
        _wizard, sold = self._book("sold")
        self.assertEqual(
            sorted((row["serial"], row["disposal"]) for row in sold),
            [
                ("BOOK-A", "Sold"),
                ("BOOK-E", "Returned (credit note)"),
                ("BOOK-E", "Sold"),
                ("BOOK-F", "Written off"),
            ],
        )

    def test_stock_book_rows_and_filters(self):
        """Period: the last 10 days. Items (bought, 20 % VAT):

        A  bought 40 days ago at 300, sold in the period at 420:
           margin 120, VAT 120 x 1/6 = 20.00
        B  bought in the period at 200, unsold: in stock, sale columns empty
        C  bought 40 days ago at 100, unsold: in stock at the end
        D  bought 40 days ago at 50, sold 40 days ago: not in this period
        E  bought in the period at 250, sold at 400 (margin 150, VAT 25.00),
           then credited: two rows, the credit note -400 / -150 / -25.00;
           back in stock
        F  bought in the period at 80, scrapped: written off
        """
        lots, documents = self._buy_and_dispose_of_items_a_to_f()
        lot_a, lot_b, lot_c = lots
        invoice_a, invoice_d, credit_e, scrap = documents

        _wizard, rows = self._book()
        by_serial = self._rows_by_serial(rows)
        self.assertEqual(set(by_serial), {"BOOK-A", "BOOK-B", "BOOK-C", "BOOK-E", "BOOK-F"})
        self.assertNotIn(invoice_d.name, [row["sale_document"] for row in rows])
        numbers = [row["stock_number"] for row in rows]
        self.assertEqual(numbers, sorted(numbers), "in stock-number order")

        [row_a] = by_serial["BOOK-A"]
        self._assert_sold_row(
            row_a,
            lot_a,
            invoice_a,
            bought=(self.before, "Pat Private", 300.0),
            sold=(420.0, 120.0, 20.0),
        )
        for lot in (lot_b, lot_c):
            [row] = by_serial[lot.name]
            self._assert_unsold_row(row, lot)
        sale_e, credit_row = by_serial["BOOK-E"]
        self._assert_sold_then_credited_rows(sale_e, credit_row, credit_e)
        [row_f] = by_serial["BOOK-F"]
        self.assertEqual((row_f["disposal"], row_f["sale_document"]), ("Written off", scrap.name))
        self.assertIsNone(row_f["selling_price"])

        self._assert_in_stock_and_sold_filters()
        # The earlier period holds D's sale and C, D, A as bought then.
        _wizard, earlier = self._book(date_from=self.before)
        [row_d] = [row for row in earlier if row["serial"] == "BOOK-D"]
        self.assertEqual((row_d["sale_document"], row_d["margin"]), (invoice_d.name, 40.0))

    def test_own_use_and_xlsx(self):
        """A serial scrapped with the reason "Taken for own use" leaves the
        book as such; the XLSX holds the same rows, stock number first."""
        lot = self._buy(self.pat, "OWN-1", 60.0)
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": self.phone.id,
                "lot_id": lot.id,
                "scrap_qty": 1.0,
                "company_id": self.company.id,
                "scrap_reason_tag_ids": [
                    Command.set(self.env.ref("tradein_serial_vat.scrap_reason_own_use").ids)
                ],
            }
        )
        scrap.action_validate()
        # Sold 216.58, bought 100: margin 116.58, VAT 116.58 / 6 = 19.43.
        self._sell(self._buy(self.pat, "CENTS-1", 100.0), 216.58)
        wizard, rows = self._book()
        [row] = [row for row in rows if row["serial"] == "OWN-1"]
        self.assertEqual(row["disposal"], "Taken for own use")
        wizard.action_export_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.xlsx_file))).active
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header[:2], ["Stock Number", "Serial"])
        values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
        [line] = [line for line in values if line[1] == "OWN-1"]
        self.assertEqual(line[0], lot.tradein_stock_number)
        self.assertEqual(line[header.index("Disposal")], "Taken for own use")
        self.assertEqual(line[header.index("Purchase Price")], 60.0)
        self.assertIn(line[header.index("Selling Price")], (None, ""))
        # Amounts to the cent, as booked (not 19.430000000000003).
        [cents] = [line for line in values if line[1] == "CENTS-1"]
        self.assertEqual(cents[header.index("Margin VAT")], 19.43)
        numbers = [value for line in values for value in line if isinstance(value, float)]
        self.assertEqual(numbers, [round(value, 2) for value in numbers])

    def test_bought_back_serial_is_a_new_line_of_the_book(self):
        """One serial round twice: bought from Pat at 300, sold at 500
        (margin 200, VAT 33.33); bought back from Sam at 250, sold at 400
        (margin 150, VAT 25.00). Two stock numbers; each sale keeps the
        acquisition, seller and price it sold."""
        lot = self._buy(self.pat, "ROUND-1", 300.0)
        first_number = lot.tradein_stock_number
        first_sale = self._sell(lot, 500.0)
        again = self._buy(self.sam, "ROUND-1", 250.0)
        self.assertEqual(again, lot, "the same serial, bought back")
        self.assertNotEqual(lot.tradein_stock_number, first_number)
        second_sale = self._sell(lot, 400.0)
        self.assertEqual(first_sale.amount_tax, 33.33)
        self.assertEqual(second_sale.amount_tax, 25.0)
        _wizard, rows = self._book()
        rows = [row for row in rows if row["serial"] == "ROUND-1"]
        self.assertEqual(
            [
                (row["stock_number"], row["seller"], row["purchase_price"], row["sale_document"])
                for row in rows
            ],
            [
                (first_number, "Pat Private", 300.0, first_sale.name),
                (lot.tradein_stock_number, "Sam Second", 250.0, second_sale.name),
            ],
        )
        self.assertEqual([(row["margin"], row["vat"]) for row in rows], [(200, 33.33), (150, 25)])

    def _user_in_group(self, xmlid):
        """A user of the company in the group `xmlid` only."""
        return self.env["res.users"].create(
            {
                "name": xmlid,
                "login": xmlid,
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                "group_ids": [Command.set(self.env.ref(xmlid).ids)],
            }
        )

    def _assert_user_cannot_write_the_book(self, acquisition, user):
        """`user` reads `acquisition` but cannot create, change or delete an
        acquisition, nor reset the stock number sequence."""
        as_user = acquisition.with_user(user)
        self.assertEqual(as_user.stock_number, acquisition.stock_number, "readable")
        with self.assertRaises(AccessError):
            as_user.write({"stock_number": "999999", "purchase_price": 1.0})
        with self.assertRaises(AccessError):
            as_user.unlink()
        with self.assertRaises(AccessError):
            as_user.create(
                {
                    "stock_number": "999998",
                    "company_id": self.company.id,
                    "date": self.today,
                    "purchase_price": 1.0,
                }
            )
        with self.assertRaises(AccessError):
            self.env["ir.sequence"].with_user(user).search(
                [("code", "=", "tradein.margin.stock.number")]
            ).write({"number_next": 1})

    def test_users_cannot_write_the_book(self):
        """The stock book is the workflow's: no user of any group creates,
        changes or deletes an acquisition through the ORM (as by RPC)."""
        lot = self._buy(self.pat, "RPC-1", 100.0)
        acquisition = self._acquisition(lot)
        groups = [
            "tradein_serial.group_tradein_user",
            "tradein_serial.group_tradein_manager",
            "account.group_account_manager",
            "purchase.group_purchase_manager",
            "stock.group_stock_manager",
        ]
        for xmlid in groups:
            self._assert_user_cannot_write_the_book(acquisition, self._user_in_group(xmlid))
        self.assertRecordValues(
            acquisition, [{"stock_number": lot.tradein_stock_number, "purchase_price": 100.0}]
        )
        self.assertEqual(
            self.env["tradein.margin.acquisition"].search_count(
                [("stock_number", "in", ("999999", "999998"))]
            ),
            0,
        )


@tagged("post_install", "-at_install")
class TestStockBookPdf(StockBookCase, HttpCase):
    """The margin-scheme documents printed as real PDFs (wkhtmltopdf loads
    the report's styles from the running server) and read back."""

    def _receipt_text(self, purchase):
        receipt = "tradein_serial.action_report_customer_purchase_receipt"
        return pdf_text(self.env, receipt, purchase)

    def test_private_purchase_receipt_is_the_self_billing_document(self):
        """Bought from Pat Private (1 High Street, Leeds) at 120: the receipt
        printed at the counter is the purchase document the dealer keeps:
        seller's name and address, date, description, serial, stock number,
        price 120.00 and the mention that no VAT was charged, with the
        self-billing bill's number."""
        lot = self._buy(self.pat, "DOC-1", 120.0)
        purchase = lot.tradein_margin_acquisition_id.purchase_order_id
        text = self._receipt_text(purchase)
        for expected in (
            "Purchase Receipt",
            purchase.name,
            "Pat Private",
            "1 High Street",
            "Leeds",
            "Phone",
            "DOC-1",
            "Stock No.",
            lot.tradein_stock_number,
            "120.00",
            self.company.tradein_margin_purchase_mention,
            purchase.payout_bill_id.name,
            fields.Datetime.context_timestamp(purchase, purchase.date_order).strftime("%m/%d/%Y"),
        ):
            self.assertIn(expected, text)
        self.assertIn("no VAT was charged", self.company.tradein_margin_purchase_mention)

    def test_business_purchase_with_deductible_vat_is_not_self_billed(self):
        """Bought from a VAT-registered business with deductible VAT (its own
        invoice is the document): no stock number, no "no VAT" mention."""
        business = self.env["res.partner"].create(
            {"name": "Trader Ltd", "is_company": True, "vat": "GB123456789"}
        )
        lot = self._buy(business, "DOC-BIZ", 500.0, input_vat="deductible")
        self.assertFalse(lot.tradein_margin_acquisition_id)
        purchase = lot.acquisition_purchase_line_id.order_id
        text = self._receipt_text(purchase)
        self.assertIn("DOC-BIZ", text)
        self.assertNotIn("Stock No.", text)
        self.assertNotIn(self.company.tradein_margin_purchase_mention, text)

    def test_margin_invoice_line_prints_serial_and_stock_number(self):
        """Sold at 420 (bought at 300): the invoice line reads "Serial:
        INV-SN-1 - Stock No. <n>"; the stock book PDF lists the number."""
        lot = self._buy(self.pat, "INV-SN-1", 300.0)
        invoice = self._sell(lot, 420.0)
        self.assertEqual(invoice.invoice_line_ids.tradein_stock_number, lot.tradein_stock_number)
        text = pdf_text(self.env, "account.report_invoice", invoice)
        self.assertIn(f"Serial: INV-SN-1 - Stock No. {lot.tradein_stock_number}", text)
        wizard, _rows = self._book()
        book = pdf_text(self.env, "tradein_serial_vat.action_report_margin_register", wizard)
        for expected in (lot.tradein_stock_number, "INV-SN-1", invoice.name, "120.00", "20.00"):
            self.assertIn(expected, book)
