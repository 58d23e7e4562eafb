import logging
from contextlib import ExitStack
from unittest.mock import patch

from odoo import Command
from odoo.addons.tradein_serial.tests.common import TradeinTourCase
from odoo.addons.tradein_serial_vat.tests.common import MarginSaleMixin
from odoo.tests import Form, tagged


class _ReadOnlyRetryFilter(logging.Filter):
    """Drop Odoo's own notice that a read-only request had to write.

    Odoo 19 renders a freshly posted invoice in a read-only request and, while
    doing so, computes account.move.line.parent_id by writing; it then retries
    with a read/write cursor and logs an error and a warning. Any invoice does
    it, margin scheme or not. Only those two lines are dropped.
    """

    def filter(self, record):
        return "read-only transaction" not in record.getMessage()


def _quiet_read_only_retries(stack):
    """Drop Odoo's read-only retry notices until `stack` closes."""
    retry_filter = _ReadOnlyRetryFilter()
    for name in ("odoo.sql_db", "odoo.http"):
        logger = logging.getLogger(name)
        logger.addFilter(retry_filter)
        stack.callback(logger.removeFilter, retry_filter)


@tagged("post_install", "-at_install")
class TestMarginInvoiceTour(MarginSaleMixin, TradeinTourCase):
    """A margin-scheme invoice posted and printed in a real browser (Chromium)."""

    def _draft_margin_invoice(self):
        """A draft invoice of a used phone bought from the public at 400 and
        sold at 700 under the margin scheme. Returns it, its lot and the
        margin tax."""
        company = self.company
        if not company.external_report_layout_id:
            # Else the first print opens the document layout configurator.
            company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        vat = company.account_sale_tax_id
        margin_tax = company.tradein_margin_fiscal_position_id.map_tax(vat)
        self.assertTrue(margin_tax.tradein_margin)
        phone = self._create_serial_product(
            "Tour Margin Phone", list_price=700.0, taxes_id=[Command.set(vat.ids)]
        )
        private_seller = self._partner_with_identification("Tour Private Seller")
        lot = self._bought_from_the_public(private_seller, phone, "TOUR-MS-1", 400.0)
        self.assertEqual(lot.tradein_vat_scheme, "margin")
        buyer = self.env["res.partner"].create({"name": "Tour Margin Buyer"})
        order = self._sell_and_deliver(buyer, lot, 700.0)
        invoice = order._create_invoices()
        self.assertEqual(invoice.state, "draft")
        return invoice, lot, margin_tax

    def _post_and_print_in_the_browser(self, invoice):
        """The tour posts `invoice` and prints it."""
        # The tour reads the printed invoice in the page: it prints the HTML
        # preview, whether wkhtmltopdf is installed or not (test_reports_pdf
        # reads the PDF itself).
        report_model = type(self.env["ir.actions.report"])
        with ExitStack() as stack:
            stack.enter_context(
                patch.object(report_model, "get_wkhtmltopdf_state", lambda _self: "install")
            )
            _quiet_read_only_retries(stack)
            self.start_flow_tour(
                f"/odoo/action-account.action_move_out_invoice_type/{invoice.id}",
                "tradein_margin_invoice_tour",
                "margin_invoice",
            )

    def _assert_printed_without_the_margin_vat(self, invoice, margin_tax, margin_vat):
        """Printed: the mention, and no VAT shown for the margin line."""
        company = self.company
        printed = invoice._tradein_printed_tax_totals()
        self.assertFalse(
            [group for subtotal in printed["subtotals"] for group in subtotal["tax_groups"]]
        )
        self.assertEqual(printed["total_amount_currency"], 700.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.report_invoice", invoice.ids)[0]
            .decode()
        )
        self.assertIn(company.tradein_margin_mention, html)
        self.assertIn('name="tradein_margin_mention"', html)
        self.assertNotIn(margin_tax.name, html)
        self.assertNotIn(margin_tax.tax_group_id.name, html)
        self.assertNotIn(f"{margin_vat:.2f}", html, "the margin VAT is not printed")
        net = company.currency_id.round(700.0 - margin_vat)
        self.assertNotIn(f"{net:.2f}", html, "nor the amount without it")

    def test_margin_scheme_invoice_posted_and_printed(self):
        invoice, lot, margin_tax = self._draft_margin_invoice()
        self._post_and_print_in_the_browser(invoice)

        self.assertEqual(invoice.state, "posted")
        line = invoice.invoice_line_ids
        self.assertRecordValues(
            line,
            [
                {
                    "tradein_lot_sold_id": lot.id,
                    "tradein_margin_scheme": True,
                    "tradein_margin_purchase_price": 400.0,
                    "price_total": 700.0,
                }
            ],
        )
        self.assertEqual(line.tax_ids, margin_tax)
        # VAT on the margin only: (700 - 400) x rate / (1 + rate), price incl. VAT.
        rate = margin_tax.amount / 100.0
        margin_vat = self.company.currency_id.round(300.0 * rate / (1 + rate))
        self.assertEqual(invoice.amount_total, 700.0)
        self.assertAlmostEqual(invoice.amount_tax, margin_vat)
        tax_lines = invoice.line_ids.filtered(lambda aml: aml.tax_line_id == margin_tax)
        self.assertAlmostEqual(-sum(tax_lines.mapped("balance")), margin_vat)
        receivable = invoice.line_ids.filtered(lambda aml: aml.account_type == "asset_receivable")
        self.assertEqual(receivable.debit, 700.0)
        self._assert_printed_without_the_margin_vat(invoice, margin_tax, margin_vat)


@tagged("post_install", "-at_install")
class TestMarginDeliveryTour(TradeinTourCase):
    """A serial picked only at delivery, invoiced under the margin scheme."""

    def _assert_invoiced_under_the_margin_scheme(self, invoice, lot, vat, margin_tax):
        """`invoice` is posted and sells `lot` (bought at 400) for the 805
        quoted, with VAT on the margin only."""
        self.assertEqual(invoice.state, "posted")
        self.assertRecordValues(
            invoice.invoice_line_ids,
            [
                {
                    "tradein_lot_sold_id": lot.id,
                    "tradein_margin_scheme": True,
                    "tradein_margin_purchase_price": 400.0,
                    "price_total": 805.0,
                }
            ],
        )
        self.assertEqual(invoice.invoice_line_ids.tax_ids, margin_tax)
        # (805 - 400) x 15 / 115
        margin_vat = self.company.currency_id.round(405.0 * 15.0 / 115.0)
        self.assertEqual(invoice.amount_total, 805.0)
        self.assertAlmostEqual(invoice.amount_tax, margin_vat)
        tax_lines = invoice.line_ids.filtered(lambda aml: aml.tax_line_id == margin_tax)
        self.assertAlmostEqual(-sum(tax_lines.mapped("balance")), margin_vat)
        self.assertFalse(invoice.line_ids.filtered(lambda aml: aml.tax_line_id == vat))

    def test_serial_picked_at_delivery_invoiced_under_the_margin_scheme(self):
        company = self.company
        vat = company.account_sale_tax_id
        self.assertEqual(vat.amount, 15.0)
        margin_tax = company.tradein_margin_fiscal_position_id.map_tax(vat)
        # Default taxes and valuation, as a new shop has them.
        phone = self._create_serial_product("Tour Delivery Phone", list_price=700.0)
        self.assertEqual(phone.taxes_id._filter_taxes_by_company(company), vat)
        seller = self._partner_with_identification("Tour Delivery Seller")
        lot = self._bought_from_the_public(seller, phone, "TOUR-PICK-1", 400.0)
        self.assertEqual(lot.tradein_vat_scheme, "margin")
        buyer = self.env["res.partner"].create({"name": "Tour Delivery Buyer"})
        form = Form(self.env["sale.order"])
        form.partner_id = buyer
        with form.order_line.new() as line:
            line.product_id = phone
        order = form.save()
        order.action_confirm()
        self.assertFalse(order.order_line.tradein_lot_sold_id)
        self.assertEqual(order.amount_total, 805.0)

        with ExitStack() as stack:
            _quiet_read_only_retries(stack)
            self.start_flow_tour(
                f"/odoo/action-sale.action_orders/{order.id}",
                "tradein_margin_delivery_tour",
                "margin_delivery",
            )

        self.assertEqual(order.picking_ids.state, "done")
        self.assertEqual(lot.tradein_owner_id, buyer)
        line = order.order_line
        self.assertRecordValues(
            line, [{"tradein_lot_sold_id": lot.id, "tradein_margin_scheme": True}]
        )
        self._assert_invoiced_under_the_margin_scheme(order.invoice_ids, lot, vat, margin_tax)


@tagged("post_install", "-at_install")
class TestBuyBackTour(MarginSaleMixin, TradeinTourCase):
    """#24 point 1: a serial that goes round twice keeps each acquisition."""

    def _sell_and_post_invoice(self, buyer, lot, price):
        invoice = self._sell_and_deliver(buyer, lot, price)._create_invoices()
        invoice.action_post()
        return invoice

    def _assert_first_acquisition_kept(self, first, seller, purchase, sale):
        """Acquisition `first` keeps its seller, purchase and price (300),
        and the sale it ended with."""
        self.assertRecordValues(
            first,
            [
                {
                    "seller_id": seller.id,
                    "purchase_order_id": purchase.id,
                    "purchase_price": 300.0,
                }
            ],
        )
        self.assertEqual(first.invoice_line_ids.move_id, sale)

    def _assert_history_keeps_both_purchases(self, lot, first_purchase, second_purchase):
        """The history keeps both purchases with their sellers and prices."""
        bought = lot.history_ids.filtered(lambda e: e.event_type == "customer_purchase")
        self.assertEqual(
            sorted((e.partner_id.name, e.amount, e.document_ref) for e in bought),
            [("Tour Pat", 300.0, first_purchase), ("Tour Sam", 250.0, second_purchase)],
        )

    def _assert_a_stock_book_row_per_sale(self, first_sale, second_sale):
        """The stock book of the day: a row per acquisition, each with the
        sale, cost and margin of its own round."""
        today = first_sale.invoice_date
        wizard = self.env["tradein.margin.register.wizard"].create(
            {"date_from": today, "date_to": today, "stock_filter": "all"}
        )
        rows = [row for row in wizard._register_rows() if row["serial"] == "TOUR-ROUND-1"]
        self.assertEqual(
            [(r["seller"], r["purchase_price"], r["sale_document"], r["margin"]) for r in rows],
            [
                ("Tour Pat", 300.0, first_sale.name, 200.0),
                ("Tour Sam", 250.0, second_sale.name, 150.0),
            ],
        )

    def test_a_serial_bought_back_keeps_its_first_acquisition(self):
        company = self.company
        vat = company.account_sale_tax_id
        self.assertEqual(vat.amount, 15.0)
        phone = self._create_serial_product("Tour Round Phone", list_price=500.0)
        pat = self._partner_with_identification("Tour Pat")
        sam = self._partner_with_identification("Tour Sam")
        buyer = self.env["res.partner"].create({"name": "Tour Round Buyer"})
        lot = self._bought_from_the_public(pat, phone, "TOUR-ROUND-1", 300.0)
        first = lot.tradein_margin_acquisition_id
        first_purchase = first.purchase_order_id
        first_sale = self._sell_and_post_invoice(buyer, lot, 500.0)
        self.assertEqual(lot.tradein_owner_id, buyer)

        self.start_flow_tour(
            "/odoo/action-tradein_serial.customer_purchase_action",
            "tradein_buy_back_tour",
            "buy_back",
        )

        second = lot.tradein_margin_acquisition_id
        self.assertNotEqual(second, first)
        self.assertEqual(lot.location_id, self.stock_location)
        self.assertFalse(lot.tradein_owner_id)
        self._assert_first_acquisition_kept(first, pat, first_purchase, first_sale)
        second_purchase = second.purchase_order_id
        self.assertNotEqual(second_purchase, first_purchase)
        self.assertRecordValues(
            second, [{"seller_id": sam.id, "purchase_price": 250.0, "lot_id": lot.id}]
        )
        self.assertRecordValues(
            lot,
            [{"acquisition_partner_id": sam.id, "acquisition_price": 250.0, "product_qty": 1.0}],
        )
        self._assert_history_keeps_both_purchases(lot, first_purchase, second_purchase)
        # Sold again at 400: each sale keeps the cost of the acquisition it sold.
        second_sale = self._sell_and_post_invoice(buyer, lot, 400.0)
        self.assertEqual(second_sale.invoice_line_ids.tradein_margin_purchase_price, 250.0)
        self.assertEqual(first_sale.invoice_line_ids.tradein_margin_purchase_price, 300.0)
        # VAT on each margin: 200 x 15/115 and 150 x 15/115.
        self.assertEqual((first_sale.amount_tax, second_sale.amount_tax), (26.09, 19.57))
        self._assert_a_stock_book_row_per_sale(first_sale, second_sale)
