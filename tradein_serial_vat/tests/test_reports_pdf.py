from odoo import Command
from odoo.addons.tradein_serial.tests.common import TradeinTourCase
from odoo.addons.tradein_serial.tests.common import pdf_text
from odoo.tests import tagged

from .common import MarginSaleMixin


@tagged("post_install", "-at_install")
class TestMarginReportsPdf(MarginSaleMixin, TradeinTourCase):
    """The margin-scheme invoice and the stock book printed as real PDFs
    (wkhtmltopdf) and read back (pdftotext)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vat = cls.company.account_sale_tax_id
        cls.margin_tax = cls.company.tradein_margin_fiscal_position_id.map_tax(cls.vat)
        cls.phone = cls._create_serial_product(
            "Printed Margin Phone", list_price=700.0, taxes_id=[Command.set(cls.vat.ids)]
        )
        cls.seller = cls.env["res.partner"].create(
            {
                "name": "Mona Marginseller",
                "tradein_id_type": "passport",
                "tradein_id_number": "MM-1",
                "tradein_birthdate": "1980-01-01",
            }
        )
        cls.buyer = cls.env["res.partner"].create({"name": "Bjorn Buyer"})

    def _print(self, action):
        self.assertEqual(action["type"], "ir.actions.report", "a print, not a dialog")
        report = self.env["ir.actions.report"]._get_report(action["report_name"])
        records = self.env[report.model].browse(action["context"]["active_ids"])
        return pdf_text(self.env, action["report_name"], records)

    def test_margin_invoice_prints_the_mention_and_no_vat(self):
        lot = self._bought_from_the_public(self.seller, self.phone, "PRINT-MS-1", 400.0)
        order = self._sell_and_deliver(self.buyer, lot, 700.0)
        invoice = order._create_invoices()
        invoice.action_post()
        line = invoice.invoice_line_ids
        self.assertTrue(line.tradein_margin_scheme)
        self.assertEqual(line.tax_ids, self.margin_tax)
        rate = self.margin_tax.amount / 100.0
        margin_vat = self.company.currency_id.round(300.0 * rate / (1 + rate))
        self.assertAlmostEqual(invoice.amount_tax, margin_vat)
        self.assertTrue(margin_vat)

        text = self._print(invoice.action_print_pdf())
        self.assertIn(invoice.name, text)
        self.assertIn("Printed Margin Phone", text)
        self.assertIn("700.00", text)
        self.assertIn(self.company.tradein_margin_mention, text)
        # No VAT shown for the margin line: not its amount, its tax, its
        # group, nor the price without it.
        self.assertNotIn(f"{margin_vat:.2f}", text)
        self.assertNotIn(self.margin_tax.name, text)
        self.assertNotIn(self.margin_tax.tax_group_id.name, text)
        self.assertNotIn(f"{700.0 - margin_vat:.2f}", text)

        # A sale of a new product on the same company still prints its VAT.
        new_phone = self._create_serial_product(
            "Printed New Phone", list_price=100.0, taxes_id=[Command.set(self.vat.ids)]
        )
        self.assertEqual(new_phone.taxes_id, self.vat)
        plain = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.buyer.id,
                "invoice_line_ids": [
                    Command.create({"product_id": new_phone.id, "price_unit": 100.0})
                ],
            }
        )
        plain.action_post()
        plain_text = self._print(plain.action_print_pdf())
        self.assertIn(f"{plain.amount_tax:.2f}", plain_text)
        self.assertNotIn(self.company.tradein_margin_mention, plain_text)

    def test_margin_stock_book(self):
        lot = self._bought_from_the_public(self.seller, self.phone, "PRINT-MS-2", 400.0)
        order = self._sell_and_deliver(self.buyer, lot, 700.0)
        invoice = order._create_invoices()
        invoice.action_post()
        wizard = self.env["tradein.margin.register.wizard"].create(
            {"date_from": invoice.invoice_date, "date_to": invoice.invoice_date}
        )
        text = self._print(wizard.action_print_pdf())
        rate = self.margin_tax.amount / 100.0
        margin_vat = self.company.currency_id.round(300.0 * rate / (1 + rate))
        # (Narrow columns wrap the names: their words are checked.)
        for expected in (
            "Margin Scheme Stock Book",
            "PRINT-MS-2",
            "Mona",
            "Marginseller",
            "Bjorn",
            "Buyer",
            "$ 400.00",
            "$ 700.00 $ 300.00",
            f"$ {margin_vat:.2f}",
            invoice.name,
            lot.acquisition_purchase_line_id.order_id.name,
        ):
            self.assertIn(expected, text)
