import re

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import TradeinCommon


@tagged("post_install", "-at_install")
class TestCustomerPurchaseTax(TradeinCommon):
    """A member of the public charges no VAT: 1,000 agreed is 1,000 on the
    receipt, the bill, the pay-out and the register, whatever the product's
    default purchase tax (the generic chart's 15%; Norway's 25% below)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.purchase_tax = cls.company.account_purchase_tax_id
        # As a new shop creates it: default taxes, default valuation.
        cls.s20 = cls._create_serial_product("Smartphone S20", list_price=1499.0)

    def _purchase_form_with_one_item(self, serial, price=1000.0, product=None):
        form = self._customer_purchase_form()
        form.partner_id = self.seller
        with form.order_line.new() as line:
            line.product_id = product or self.s20
            line.tradein_serial_name = serial
            line.price_unit = price
            taxes_shown = line.tax_ids
        return form, taxes_shown

    def _assert_no_vat_anywhere(self, purchase, price):
        """Receipt, bill, payment and register all carry the agreed price."""
        self.assertRecordValues(
            purchase, [{"amount_untaxed": price, "amount_tax": 0.0, "amount_total": price}]
        )
        self.assertFalse(purchase.order_line.tax_ids)
        bill = purchase.payout_bill_id
        self.assertRecordValues(
            bill, [{"state": "posted", "amount_total": price, "amount_tax": 0.0}]
        )
        self.assertFalse(bill.line_ids.filtered("tax_line_id"))
        self.assertFalse(bill.invoice_line_ids.tax_ids)
        self.assertEqual(purchase.payout_payment_id.amount, price)
        self.assertEqual(bill.payment_state, "paid")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "tradein_serial.action_report_customer_purchase_receipt", purchase.ids
            )[0]
            .decode()
        )
        # The receipt's text, as the seller reads it.
        receipt = " ".join(re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").split())
        self.assertIn(f"Total $ {price:,.2f}", receipt)
        self.assertNotIn(f"{price * 1.15:,.2f}", receipt)
        rows = (
            self.env["tradein.dealer.register.wizard"]
            .create({"date_from": purchase.payout_date, "date_to": purchase.payout_date})
            ._register_rows()
        )
        (row,) = [row for row in rows if row["number"] == purchase.name]
        self.assertEqual(row["price"], price)

    # ------------------------------------------------------------------

    def test_purchase_from_the_public_carries_no_vat(self):
        self.assertEqual(self.purchase_tax.amount, 15.0)
        self.assertEqual(
            self.s20.supplier_taxes_id._filter_taxes_by_company(self.company), self.purchase_tax
        )
        form, taxes_shown = self._purchase_form_with_one_item("S20-PUB-1")
        # The form shows no tax on the line as soon as the product is chosen.
        self.assertFalse(taxes_shown)
        self.assertEqual(form.amount_total, 1000.0)
        purchase = form.save()
        self._pay_out(purchase)
        purchase.order_line.with_user(self.clerk).action_tradein_add_to_inventory()
        self._assert_no_vat_anywhere(purchase, 1000.0)
        lot = purchase.order_line.tradein_lot_id
        self.assertEqual(lot.acquisition_price, 1000.0)
        self.assertEqual(self.s20.qty_available, 1.0)
        self.assertAlmostEqual(self.s20.avg_cost, 1000.0)

    def _create_purchase_as_the_client_sends(self):
        """One S20 bought from the seller, with the product's purchase tax, as
        the web client sends the new purchase."""
        return (
            self.env["purchase.order"]
            .with_user(self.clerk)
            .create(
                {
                    "partner_id": self.seller.id,
                    "is_customer_purchase": True,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.s20.id,
                                "name": "Smartphone S20",
                                "product_qty": 1.0,
                                "product_uom_id": self.s20.uom_id.id,
                                "price_unit": 1000.0,
                                "tax_ids": [Command.set(self.purchase_tax.ids)],
                                "tradein_serial_name": "S20-RPC-1",
                                "tradein_condition": "used",
                            }
                        )
                    ],
                }
            )
        )

    def test_taxes_sent_by_the_client_or_a_fiscal_position_do_not_apply(self):
        # A fiscal position of the seller mapping the tax to another one.
        other_tax = self.purchase_tax.copy({"name": "Other purchase tax", "amount": 25.0})
        position = self.env["account.fiscal.position"].create(
            {"name": "Mapped", "company_id": self.company.id}
        )
        other_tax.write({"fiscal_position_ids": [Command.link(position.id)]})
        other_tax.original_tax_ids = self.purchase_tax
        self.seller.with_company(self.company).property_account_position_id = position
        purchase = self._create_purchase_as_the_client_sends()
        line = purchase.order_line
        self.assertFalse(line.tax_ids)
        line.with_user(self.clerk).write({"tax_ids": [Command.set(other_tax.ids)]})
        self.assertFalse(line.tax_ids)
        # Odoo's own re-mapping (fiscal position changed on the order) keeps none.
        purchase.fiscal_position_id = position
        purchase.order_line._compute_tax_id()
        self.assertFalse(line.tax_ids)
        self.assertEqual(purchase.amount_total, 1000.0)
        self._pay_out(purchase)
        purchase.order_line.with_user(self.clerk).action_tradein_add_to_inventory()
        self._assert_no_vat_anywhere(purchase, 1000.0)
        # Paid: its taxes never change.
        with self.assertRefused(UserError, "was paid out: its taxes cannot change"):
            line.with_user(self.clerk).write({"tax_ids": [Command.set(self.purchase_tax.ids)]})
        self.assertFalse(line.tax_ids)
        self.assertEqual(purchase.amount_total, 1000.0)

    def test_trade_in_purchase_carries_no_vat(self):
        form = Form(self.env(user=self.clerk)["sale.order"], view="sale.view_order_form")
        form.partner_id = self.seller
        with form.order_line.new() as line:
            line.is_tradein = True
            line.product_id = self.s20
            line.tradein_serial_name = "S20-TRADE-1"
            line.tradein_allowance = 600.0
        order = form.save()
        order.with_user(self.clerk).action_confirm()
        purchase = order.tradein_purchase_ids
        self.assertFalse(purchase.order_line.tax_ids)
        self.assertRecordValues(purchase, [{"amount_total": 600.0, "amount_tax": 0.0}])
        self.assertEqual(purchase.order_line.tradein_lot_id.acquisition_price, 600.0)
        self.assertAlmostEqual(self.s20.avg_cost, 600.0)

    def test_norwegian_shop_buys_from_the_public_without_vat(self):
        company = self.env["res.company"].create(
            {"name": "Brukt Mobil AS", "country_id": self.env.ref("base.no").id}
        )
        self.env["account.chart.template"]._load("no", company, install_demo=False)
        self.assertEqual(company.account_purchase_tax_id.amount, 25.0)
        env = self.env(context={**self.env.context, "allowed_company_ids": company.ids})
        clerk = self.clerk.copy(
            {
                "login": "tradein_clerk_no",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
            }
        )
        product = env["product.product"].create(
            {"name": "Mobil X", "is_storable": True, "tracking": "serial", "list_price": 4990.0}
        )
        self.assertEqual(
            product.supplier_taxes_id._filter_taxes_by_company(company),
            company.account_purchase_tax_id,
        )
        till = env["account.journal"].create(
            {"name": "Kasse", "code": "KAS", "type": "cash", "company_id": company.id}
        )
        form = Form(
            env(user=clerk)["purchase.order"].with_context(default_is_customer_purchase=True),
            view="tradein_serial.customer_purchase_view_form",
        )
        form.partner_id = self.seller
        with form.order_line.new() as line:
            line.product_id = product
            line.tradein_serial_name = "NO-1"
            line.price_unit = 1000.0
            self.assertFalse(line.tax_ids)
        purchase = form.save()
        bill = purchase.with_user(clerk)._tradein_pay_out("journal", journal=till)
        self.assertRecordValues(bill, [{"amount_total": 1000.0, "amount_tax": 0.0}])
        self.assertEqual(purchase.payout_payment_id.amount, 1000.0)
