import base64
import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

from odoo import Command, fields
from odoo.addons.base.tests.common import BaseCommon
from odoo.tests import Form, HttpCase
from odoo.tests.common import ChromeBrowser

# `make screenshots` sets it: each tour then saves its last screen there.
SCREENSHOTS_ENV = "TRADEIN_SCREENSHOTS"

PDF_TOOLS_MISSING = (
    "Printing needs wkhtmltopdf and pdftotext: install them (Debian/Ubuntu: "
    "`apt-get install wkhtmltopdf poppler-utils`; the test harness does it when it runs as root)."
)


class PrintedText(str):
    """The text of a printed PDF. ``in`` ignores spaces and dashes: a table
    cell may wrap a word, and pdftotext then joins it without its dash."""

    @staticmethod
    def _squash(text):
        return re.sub(r"[\s\-]", "", text)

    def __contains__(self, expected):
        return self._squash(expected) in self._squash(str(self))


def pdf_text(env, report, record):
    """`report` (an xmlid or report name) of `record` as the server prints
    it, a real PDF made by wkhtmltopdf, read back by pdftotext."""
    Report = env["ir.actions.report"]
    if Report.get_wkhtmltopdf_state() != "ok" or not shutil.which("pdftotext"):
        raise AssertionError(PDF_TOOLS_MISSING)
    pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
        report, record.ids
    )
    if kind != "pdf" or not pdf.startswith(b"%PDF-"):
        raise AssertionError(f"{report} was not printed as a PDF ({kind})")
    return PrintedText(
        subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
    )


class TradeinProducts:
    """Products of the test cases as a new shop creates them: serial-tracked,
    with the company's default sales and purchase taxes and Odoo's default
    valuation (not per serial), in the AVCO category the case sets up
    (`category_avco`)."""

    @classmethod
    def _create_serial_product(cls, name, **values):
        return cls.env["product.product"].create(
            {
                "name": name,
                "is_storable": True,
                "tracking": "serial",
                "categ_id": cls.category_avco.id,
                **values,
            }
        )


def pick_lot(move, lot):
    """The storekeeper picks serial `lot` for delivery `move`, through the
    move's own Serial Numbers field, whatever serial Odoo reserved."""
    move.lot_ids = lot
    move.picked = True


class TradeinSelling:
    """Selling a serial, as the test cases and the tours set it up."""

    def _deliver_lot(self, lot, partner, **line_values):
        """Sell and deliver one serial to a customer."""
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": lot.product_id.id,
                            "product_uom_qty": 1,
                            **line_values,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        pick_lot(order.picking_ids.move_ids, lot)
        order.picking_ids.button_validate()
        return order

    def _invoice(self, order):
        """Invoice what was delivered (or ordered) and post it."""
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "delivered"})
        )
        wizard.create_invoices()
        invoice = order.invoice_ids.filtered(lambda move: move.state == "draft")
        invoice.action_post()
        return invoice


class TradeinCommon(TradeinProducts, TradeinSelling, BaseCommon):
    """A company with a real chart of accounts, a shop clerk and serialized products."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_company()
        cls._setup_journals()
        cls._setup_clerk()
        cls._setup_products()
        cls._setup_partners()

    @classmethod
    def _setup_company(cls):
        """A US company with the generic chart of accounts, as admin's
        current company, its warehouse and stock."""
        cls.company = cls.env["res.company"].create(
            {"name": "Used Phones Ltd", "country_id": cls.env.ref("base.us").id}
        )
        cls.env["account.chart.template"]._load("generic_coa", cls.company, install_demo=False)
        cls.company.tradein_require_identification = True
        cls.env = cls.env(context={**cls.env.context, "allowed_company_ids": cls.company.ids})
        cls.company = cls.company.with_env(cls.env)
        cls.env.ref("base.user_admin").write(
            {"company_ids": [Command.link(cls.company.id)], "company_id": cls.company.id}
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock_location = cls.warehouse.lot_stock_id

    @classmethod
    def _setup_journals(cls):
        cls.cash_journal = cls.env["account.journal"].create(
            {"name": "Shop Till", "code": "TILL", "type": "cash", "company_id": cls.company.id}
        )
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )

    @classmethod
    def _setup_clerk(cls):
        cls.clerk = cls.env["res.users"].create(
            {
                "name": "Shop Clerk",
                "login": "tradein_clerk",
                "email": "clerk@example.com",
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "group_ids": [
                    Command.set(
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("tradein_serial.group_tradein_user").id,
                            cls.env.ref("tradein_serial.group_customer_purchase").id,
                            cls.env.ref("tradein_serial.group_tradein_seller_identity").id,
                            cls.env.ref("sales_team.group_sale_salesman_all_leads").id,
                            # The shop's cashier also invoices its sales; the
                            # counter's least privilege is tested on its own
                            # (test_register_protection).
                            cls.env.ref("account.group_account_invoice").id,
                        ]
                    )
                ],
            }
        )

    @classmethod
    def _setup_products(cls):
        cls.category_avco = cls.env["product.category"].create(
            {
                "name": "Phones (AVCO)",
                "property_cost_method": "average",
                "property_valuation": "real_time",
            }
        )
        cls.phone = cls._create_serial_product("Phone X", list_price=75.0)
        cls.tablet = cls._create_serial_product("Tablet Y", list_price=120.0)

    @classmethod
    def _setup_partners(cls):
        cls.seller = cls.env["res.partner"].create(
            {
                "name": "Sam Seller",
                "street": "1 Market Street",
                "city": "Springfield",
                "tradein_id_type": "passport",
                "tradein_id_number": "P1234567",
                "tradein_id_country_id": cls.env.ref("base.us").id,
                "tradein_birthdate": "1990-05-17",
            }
        )
        cls.buyer = cls.env["res.partner"].create({"name": "Bea Buyer"})

    @classmethod
    def _create_user(cls, login, *groups, company=None, name=None):
        """A user of `company` (the case's) in exactly the `groups` (xmlids)."""
        company = company or cls.company
        return cls.env["res.users"].create(
            {
                "name": name or login.replace("_", " ").title(),
                "login": login,
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "group_ids": [Command.set([cls.env.ref(group).id for group in groups])],
            }
        )

    @contextmanager
    def assertRefused(self, exception, pattern):
        """Like a failed request: the error, and everything rolled back."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertTrue(
            re.search(pattern, str(caught.exception)),
            f"{pattern!r} not in {caught.exception}",
        )

    # ------------------------------------------------------------------
    # Helpers replaying what a user does
    # ------------------------------------------------------------------

    def _customer_purchase_form(self, user=None):
        env = self.env(user=user or self.clerk)
        return Form(
            env["purchase.order"].with_context(default_is_customer_purchase=True),
            view="tradein_serial.customer_purchase_view_form",
        )

    def _create_customer_purchase(self, partner=None, items=(), user=None):
        """items: dicts with product, price and serial (or lot / manual fields)."""
        form = self._customer_purchase_form(user)
        form.partner_id = partner or self.seller
        for item in items:
            with form.order_line.new() as line:
                if item.get("lot"):
                    line.tradein_lot_id = item["lot"]
                else:
                    line.product_id = item.get("product") or self.phone
                if item.get("serial"):
                    line.tradein_serial_name = item["serial"]
                for field in (
                    "tradein_manual_name",
                    "tradein_manual_categ_id",
                    "tradein_manual_serialized",
                ):
                    if field in item:
                        line[field] = item[field]
                line.tradein_condition = item.get("condition", "used")
                if item.get("grade"):
                    line.tradein_grade = item["grade"]
                line.price_unit = item.get("price", 65.0)
                if "retail" in item:
                    line.tradein_retail_price = item["retail"]
        return form.save()

    def _pay_out(self, purchase, method="journal", journal=None, user=None, **values):
        env = purchase.env(user=user or self.clerk)
        action = purchase.with_env(env).action_tradein_payout()
        wizard_form = Form(env[action["res_model"]].with_context(**action["context"]))
        wizard_form.method = method
        if method == "journal":
            wizard_form.journal_id = journal or self.cash_journal
        for field, value in values.items():
            wizard_form[field] = value
        wizard_form.save().action_record_payment()
        return purchase.payout_bill_id

    def _receive_from_vendor(self, product, serial, price):
        """A plain vendor purchase of one serial, received into stock."""
        vendor = self.env["res.partner"].create({"name": "Wholesale Vendor"})
        order = self.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": 1,
                            "price_unit": price,
                        }
                    )
                ],
            }
        )
        order.button_confirm()
        picking = order.picking_ids
        picking.move_ids.move_line_ids.write({"lot_name": serial, "quantity": 1, "picked": True})
        picking.button_validate()
        return picking.move_line_ids.lot_id

    @staticmethod
    def _today():
        return fields.Date.today()


class TradeinTourCase(TradeinProducts, TradeinSelling, HttpCase):
    """Tours in Chromium, as admin in the main company of the test database.

    With TRADEIN_SCREENSHOTS=<folder> set, a tour that succeeds also saves its
    last screen as <folder>/<flow>.png (the README's pictures,
    `make screenshots`)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "tradein_require_identification": True,
                "tradein_receive_on_confirm": True,
                "tradein_tax_mode": "separate",
                "tradein_location_id": False,
            }
        )
        cls.env.ref("base.user_admin").group_ids |= cls.env.ref(
            "tradein_serial.group_customer_purchase"
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.category_avco = cls.env["product.category"].create(
            {
                "name": "Tour Phones (AVCO)",
                "property_cost_method": "average",
                "property_valuation": "real_time",
            }
        )

    def _partner_with_identification(self, name, **values):
        return self.env["res.partner"].create(
            {
                "name": name,
                "tradein_id_type": "passport",
                "tradein_id_number": f"ID-{name}",
                "tradein_birthdate": "1990-01-01",
                **values,
            }
        )

    def _stock(self, product, quantity, serial=None):
        """An inventory adjustment: `quantity` of `product` (one serial) on hand."""
        lot = serial and self.env["stock.lot"].create({"name": serial, "product_id": product.id})
        self.env["stock.quant"].with_context(inventory_mode=True).create(
            {
                "product_id": product.id,
                "lot_id": lot.id if lot else False,
                "location_id": self.stock_location.id,
                "inventory_quantity": quantity,
            }
        ).action_apply_inventory()
        return lot

    def _bought_from_the_public(self, seller, product, serial, price):
        """A paid customer purchase of one serial, added to inventory."""
        form = Form(
            self.env["purchase.order"].with_context(default_is_customer_purchase=True),
            view="tradein_serial.customer_purchase_view_form",
        )
        form.partner_id = seller
        with form.order_line.new() as line:
            line.product_id = product
            line.tradein_serial_name = serial
            line.tradein_condition = "used"
            line.price_unit = price
        purchase = form.save()
        purchase._tradein_pay_out("store_credit")
        purchase.order_line._tradein_receive("in_inventory")
        return purchase.order_line.tradein_lot_id

    def start_flow_tour(self, url_path, tour_name, flow, **kwargs):
        folder = os.environ.get(SCREENSHOTS_ENV)
        if not folder:
            return self.start_tour(url_path, tour_name, login="admin", **kwargs)
        target = Path(folder) / f"{flow}.png"
        wait_code_ok = ChromeBrowser._wait_code_ok

        def wait_then_shoot(browser, code, timeout, error_checker=None):
            wait_code_ok(browser, code, timeout, error_checker=error_checker)
            # The tour succeeded: the browser still shows its last screen.
            shot = browser._websocket_request(
                "Page.captureScreenshot", params={"format": "png"}, timeout=30
            )
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(shot["data"]))
            self._logger.info("Screenshot of the %s flow: %s", flow, target)

        with patch.object(ChromeBrowser, "_wait_code_ok", wait_then_shoot):
            return self.start_tour(url_path, tour_name, login="admin", **kwargs)
