from odoo import Command
from odoo.addons.base.tests.common import BaseCommon
from odoo.tests import Form, tagged

from .common import UkCompanyCase


@tagged("post_install", "-at_install")
class TestPurchaseTax(UkCompanyCase):
    """Input VAT of customer purchases, in a UK company (20%) with the chart's
    default taxes on every product: only a VAT-registered business that
    charges VAT puts it on the line and the bill."""

    _company_name = "UK Second Hand"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.input_vat = cls.company.account_purchase_tax_id
        # No VAT, the price in Box 7 (see test_margin_scheme's Box 7 test).
        cls.no_vat = cls.company._tradein_margin_purchase_tax()
        cls.phone = cls.env["product.product"].create(
            {"name": "Phone", "is_storable": True, "tracking": "serial", "list_price": 1500.0}
        )
        cls.private = cls.env["res.partner"].create({"name": "Pat Private"})
        cls.business = cls.env["res.partner"].create(
            {"name": "Biz Ltd", "is_company": True, "vat": "GB123456789"}
        )

    def _form(self, seller):
        form = Form(
            self.env["purchase.order"].with_context(default_is_customer_purchase=True),
            view="tradein_serial.customer_purchase_view_form",
        )
        form.partner_id = seller
        return form

    def _add_line(self, form, serial, price=1000.0):
        with form.order_line.new() as line:
            line.product_id = self.phone
            line.tradein_serial_name = serial
            line.price_unit = price

    def _pay_and_receive(self, purchase):
        bill = purchase._tradein_pay_out("journal", journal=self.cash)
        purchase.order_line._tradein_receive("in_inventory")
        return bill

    def test_defaults_of_the_fixture(self):
        self.assertEqual(self.input_vat.amount, 20.0)
        self.assertEqual(
            self.phone.supplier_taxes_id._filter_taxes_by_company(self.company), self.input_vat
        )
        self.assertEqual(self.business.tradein_seller_type, "vat_business")
        self.assertEqual(self.private.tradein_seller_type, "private")

    def test_vat_business_charging_vat_puts_input_vat_on_the_bill(self):
        form = self._form(self.business)
        with form.order_line.new() as line:
            line.product_id = self.phone
            line.tradein_serial_name = "BIZ-1"
            line.price_unit = 1000.0
            self.assertEqual(line.tradein_input_vat, "deductible")
            self.assertEqual(line.tax_ids[:], self.input_vat)
            # Switching Input VAT recomputes the taxes in the form at once.
            line.tradein_input_vat = "none"
            self.assertEqual(line.tax_ids[:], self.no_vat)
            line.tradein_input_vat = "deductible"
            self.assertEqual(line.tax_ids[:], self.input_vat)
        purchase = form.save()
        self.assertRecordValues(
            purchase, [{"amount_untaxed": 1000.0, "amount_tax": 200.0, "amount_total": 1200.0}]
        )
        bill = self._pay_and_receive(purchase)
        self.assertRecordValues(bill, [{"amount_tax": 200.0, "amount_total": 1200.0}])
        tax_line = bill.line_ids.filtered(lambda line: line.tax_line_id == self.input_vat)
        self.assertEqual(tax_line.debit, 200.0)
        self.assertEqual(purchase.payout_payment_id.amount, 1200.0)
        lot = purchase.order_line.tradein_lot_id
        self.assertRecordValues(
            lot,
            [
                {
                    "acquisition_price": 1000.0,
                    "tradein_input_vat_deducted": True,
                    "tradein_vat_scheme": "standard",
                    "tradein_margin_purchase_price": 0.0,
                }
            ],
        )

    def test_vat_business_without_vat_and_private_person_carry_none(self):
        form = self._form(self.business)
        with form.order_line.new() as line:
            line.product_id = self.phone
            line.tradein_serial_name = "BIZ-NOVAT"
            line.price_unit = 1000.0
            line.tradein_input_vat = "none"
        business_purchase = form.save()
        form = self._form(self.private)
        self._add_line(form, "PRIV-1")
        private_purchase = form.save()
        for purchase in business_purchase | private_purchase:
            self.assertEqual(purchase.order_line.tax_ids, self.no_vat)
            bill = self._pay_and_receive(purchase)
            self.assertRecordValues(bill, [{"amount_tax": 0.0, "amount_total": 1000.0}])
            self.assertEqual(purchase.payout_payment_id.amount, 1000.0)
            self.assertRecordValues(
                purchase.order_line.tradein_lot_id,
                [{"tradein_vat_scheme": "margin", "tradein_margin_purchase_price": 1000.0}],
            )

    def test_another_seller_brings_its_own_vat(self):
        # Saved for a private person, then the assistant picks the business.
        form = self._form(self.private)
        self._add_line(form, "SWITCH-1")
        purchase = form.save()
        self.assertEqual(purchase.order_line.tax_ids, self.no_vat)
        with Form(purchase, view="tradein_serial.customer_purchase_view_form") as edit:
            edit.partner_id = self.business
            with edit.order_line.edit(0) as line:
                # What was agreed stays (no VAT) until the assistant says otherwise.
                self.assertEqual(line.tradein_input_vat, "none")
                self.assertEqual(line.tax_ids[:], self.no_vat)
                line.tradein_input_vat = "deductible"
                self.assertEqual(line.tax_ids[:], self.input_vat)
        self.assertEqual(purchase.order_line.tax_ids, self.input_vat)
        # And back, written as a client would: the rule again.
        purchase.write({"partner_id": self.private.id})
        self.assertEqual(purchase.order_line.tradein_input_vat, "none")
        self.assertEqual(purchase.order_line.tax_ids, self.no_vat)
        self.assertEqual(purchase.amount_total, 1000.0)

    def test_paid_purchase_never_changes_its_taxes(self):
        form = self._form(self.business)
        self._add_line(form, "PAID-1")
        purchase = form.save()
        bill = self._pay_and_receive(purchase)
        line = purchase.order_line
        self.business.tradein_seller_type = "private"
        purchase.order_line._tradein_apply_taxes()
        self.assertEqual(line.tax_ids, self.input_vat)
        self.assertRecordValues(purchase, [{"amount_total": 1200.0}])
        self.assertRecordValues(bill, [{"state": "posted", "amount_total": 1200.0}])

    def test_trade_in_from_a_vat_business_is_not_billed(self):
        product = self.phone
        form = Form(self.env["sale.order"], view="sale.view_order_form")
        form.partner_id = self.business
        with form.order_line.new() as line:
            line.is_tradein = True
            line.product_id = product
            line.tradein_serial_name = "TRADE-BIZ-1"
            line.tradein_allowance = 500.0
        order = form.save()
        order.action_confirm()
        purchase = order.tradein_purchase_ids
        # Settled on the invoice: the trade-in line carries no tax, not even
        # Box 7's (a VAT business's trade-in is not a margin-scheme purchase).
        self.assertFalse(purchase.order_line.tax_ids)
        self.assertFalse(order.order_line.tax_ids)
        self.assertRecordValues(purchase, [{"amount_total": 500.0, "amount_tax": 0.0}])
        self.assertFalse(purchase.invoice_ids)

    def test_norwegian_business_seller_charging_25_percent(self):
        company = self.env["res.company"].create(
            {"name": "Brukt AS", "country_id": self.env.ref("base.no").id}
        )
        self.env["account.chart.template"]._load("no", company, install_demo=False)
        company.tradein_require_identification = False
        env = self.env(context={**self.env.context, "allowed_company_ids": company.ids})
        self.env.user.write({"company_ids": [Command.link(company.id)]})
        self.assertEqual(company.account_purchase_tax_id.amount, 25.0)
        product = env["product.product"].create(
            {"name": "Sykkel", "is_storable": True, "tracking": "serial", "list_price": 9000.0}
        )
        seller = env["res.partner"].create(
            {"name": "Sykkelhuset AS", "is_company": True, "vat": "NO123456785MVA"}
        )
        till = env["account.journal"].create(
            {"name": "Kasse", "code": "KAS", "type": "cash", "company_id": company.id}
        )
        form = Form(
            env["purchase.order"].with_context(default_is_customer_purchase=True),
            view="tradein_serial.customer_purchase_view_form",
        )
        form.partner_id = seller
        with form.order_line.new() as line:
            line.product_id = product
            line.tradein_serial_name = "BIKE-1"
            line.price_unit = 4000.0
        purchase = form.save()
        self.assertEqual(purchase.order_line.tax_ids, company.account_purchase_tax_id)
        bill = purchase._tradein_pay_out("journal", journal=till)
        self.assertRecordValues(bill, [{"amount_tax": 1000.0, "amount_total": 5000.0}])


@tagged("post_install", "-at_install")
class TestMarginTaxesInEveryCompany(BaseCommon):
    def test_chart_loaded_after_install_brings_margin_taxes(self):
        # A company created after the add-on, its chart loaded as Settings or
        # the company form do it: no "save Settings" needed.
        company = self.env["res.company"].create(
            {"name": "Ny Bruktbutikk AS", "country_id": self.env.ref("base.no").id}
        )
        self.assertFalse(company.tradein_margin_fiscal_position_id)
        self.env["account.chart.template"].try_loading("no", company, install_demo=False)
        position = company.tradein_margin_fiscal_position_id
        self.assertTrue(position)
        self.assertEqual(position.company_id, company)
        sale_tax = company.account_sale_tax_id
        self.assertEqual(sale_tax.amount, 25.0)
        margin_tax = position.map_tax(sale_tax)
        self.assertRecordValues(
            margin_tax,
            [
                {"tradein_margin": True, "tradein_margin_base": False, "amount": 25.0},
                {"tradein_margin": False, "tradein_margin_base": True, "amount": 0.0},
            ],
        )
        self.assertEqual(margin_tax.company_id, company)
        # Loading it again creates nothing twice.
        taxes = self.env["account.tax"].search_count([("company_id", "=", company.id)])
        company._tradein_margin_setup()
        self.assertEqual(
            self.env["account.tax"].search_count([("company_id", "=", company.id)]), taxes
        )
