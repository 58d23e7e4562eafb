import base64
import io
import zipfile

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import TradeinCommon


@tagged("post_install", "-at_install")
class TestCustomerPurchaseCancelAndRegister(TradeinCommon):
    def test_cancel_before_payment(self):
        purchase = self._create_customer_purchase(items=[{"serial": "C-0"}])
        purchase.with_user(self.clerk).action_tradein_cancel()
        self.assertEqual(purchase.state, "cancel")
        self.assertEqual(purchase.customer_purchase_state, "cancel")
        self.assertFalse(purchase.invoice_ids)
        self.assertFalse(purchase.picking_ids)
        # An estimate never paid can be deleted.
        purchase.unlink()
        self.assertFalse(purchase.exists())

    def test_cancel_after_cash_payout_and_receipt_reverses_everything(self):
        purchase = self._create_customer_purchase(items=[{"serial": "C-1", "price": 65.0}])
        bill = self._pay_out(purchase)
        payment = purchase.payout_payment_id
        purchase.order_line.action_tradein_add_to_inventory()
        lot = purchase.order_line.tradein_lot_id
        self.assertEqual(self.phone.qty_available, 1)

        purchase.with_user(self.clerk).action_tradein_cancel()

        self.assertEqual(purchase.customer_purchase_state, "cancel")
        self.assertEqual(bill.state, "cancel")
        self.assertEqual(payment.state, "canceled")
        # Nothing of the pay-out is left in the books.
        self.assertFalse(payment.move_id)
        self.assertFalse(
            self.env["account.move.line"].search(
                [("partner_id", "=", self.seller.id), ("parent_state", "=", "posted")]
            )
        )
        self.phone.invalidate_recordset()
        self.assertEqual(self.phone.qty_available, 0)
        self.assertEqual(lot.product_qty, 0)
        returns = purchase.picking_ids.filtered(
            lambda p: p.picking_type_id.code == "outgoing" or p.return_id
        )
        self.assertEqual(returns.state, "done")
        self.assertEqual(returns.move_line_ids.lot_id, lot)
        # A dealer must keep it: no deletion, still in the register.
        with self.assertRaisesRegex(UserError, "must keep it"):
            purchase.unlink()
        rows = self._register()._register_rows()
        self.assertEqual([(r["number"], r["cancelled"]) for r in rows], [(purchase.name, True)])

    def test_cancel_after_store_credit_before_receipt(self):
        purchase = self._create_customer_purchase(items=[{"serial": "C-2", "price": 50.0}])
        self._pay_out(purchase, method="store_credit")
        entry = purchase.payout_credit_move_id
        receipt = purchase.picking_ids
        purchase.action_tradein_cancel()
        self.assertEqual(entry.state, "cancel")
        self.assertEqual(purchase.payout_bill_id.state, "cancel")
        self.assertEqual(receipt.state, "cancel")
        self.assertEqual(self.phone.qty_available, 0)
        receivable = self.env["account.move.line"].search(
            [
                ("partner_id", "=", self.seller.id),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
            ]
        )
        self.assertFalse(receivable, "no store credit is left for the seller")

    def test_cancel_refused_once_the_serial_is_sold_on(self):
        purchase = self._create_customer_purchase(items=[{"serial": "C-3", "price": 30.0}])
        bill = self._pay_out(purchase)
        purchase.order_line.action_tradein_add_to_inventory()
        self._deliver_lot(purchase.order_line.tradein_lot_id, self.buyer)
        with self.assertRaisesRegex(UserError, "already been sold on"):
            purchase.action_tradein_cancel()
        self.assertEqual(purchase.state, "purchase")
        self.assertEqual(bill.state, "posted")

    def test_cancel_refused_once_store_credit_is_spent(self):
        purchase = self._create_customer_purchase(items=[{"serial": "C-4", "price": 50.0}])
        self._pay_out(purchase, method="store_credit")
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.seller.id,
                "invoice_line_ids": [(0, 0, {"product_id": self.tablet.id, "price_unit": 20.0})],
            }
        )
        invoice.action_post()
        credit = purchase.payout_credit_move_id.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        invoice.js_assign_outstanding_line(credit.id)
        with self.assertRaisesRegex(UserError, "already spent"):
            purchase.action_tradein_cancel()

    def _register(self, **values):
        form = Form(self.env["tradein.dealer.register.wizard"])
        form.date_from = values.get("date_from", self._today())
        form.date_to = values.get("date_to", self._today())
        return form.save()

    def test_dealer_register_lists_paid_purchases(self):
        paid = self._create_customer_purchase(
            items=[
                {"serial": "REG-1", "price": 65.0, "grade": "a"},
                {"product": self.tablet, "serial": "REG-2", "price": 80.0},
            ]
        )
        self._pay_out(paid, reference="R1")
        credit = self._create_customer_purchase(items=[{"serial": "REG-3", "price": 10.0}])
        self._pay_out(credit, method="store_credit")
        estimate = self._create_customer_purchase(items=[{"serial": "REG-4", "price": 10.0}])

        wizard = self._register()
        rows = wizard._register_rows()
        self.assertEqual(
            [(r["number"], r["serial"], r["price"], r["payment_method"]) for r in rows],
            [
                (paid.name, "REG-1", 65.0, "Cash / Bank"),
                (paid.name, "REG-2", 80.0, "Cash / Bank"),
                (credit.name, "REG-3", 10.0, "Store Credit"),
            ],
        )
        self.assertNotIn(estimate.name, [r["number"] for r in rows])
        first = rows[0]
        self.assertEqual(first["seller"], "Sam Seller")
        # The address on one line, without the empty parts of its format.
        self.assertEqual(first["seller_address"], "1 Market Street, Springfield")
        nowhere = self.env["res.partner"].create({"name": "No Address"})
        self.assertEqual(nowhere._tradein_address_line(), "")
        self.assertIn("P1234567", first["identification"])
        self.assertEqual(first["condition"], "Used")
        self.assertEqual(first["grade"], "A")
        self.assertFalse(first["cancelled"])

        # A range without purchases is empty.
        earlier = self._register(date_from="2000-01-01", date_to="2000-12-31")
        self.assertEqual(earlier._register_rows(), [])
        self._assert_printed_and_exported(wizard, paid)

    def _assert_printed_and_exported(self, wizard, paid):
        """The register's report and its XLSX export list the purchases."""
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("tradein_serial.report_dealer_register", wizard.ids)[0]
            .decode()
        )
        for text in ("Dealer Register", paid.name, "REG-2", "P1234567", "Store Credit"):
            self.assertIn(text, html)

        wizard.action_export_xlsx()
        self.assertTrue(wizard.xlsx_filename.endswith(".xlsx"))

        content = base64.b64decode(wizard.xlsx_file)
        with zipfile.ZipFile(io.BytesIO(content)) as xlsx:
            strings = xlsx.read("xl/sharedStrings.xml").decode()
        for text in (paid.name, "REG-1", "REG-3", "Sam Seller", "Store Credit"):
            self.assertIn(text, strings)

    def test_register_dates_must_be_ordered(self):
        with self.assertRaisesRegex(UserError, "start date is after"):
            self._register(date_from="2026-02-01", date_to="2026-01-01")

    def test_register_queries_do_not_grow_with_rows(self):
        def paid(count, tag):
            for index in range(count):
                purchase = self._create_customer_purchase(
                    items=[{"serial": f"{tag}-{index}", "price": 10.0}]
                )
                self._pay_out(purchase, method="store_credit")

        def register_queries():
            wizard = self._register()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            rows = wizard._register_rows()
            return len(rows), self.env.cr.sql_log_count - before

        paid(2, "FEW")
        few_rows, few_queries = register_queries()
        paid(8, "MORE")
        many_rows, many_queries = register_queries()
        self.assertEqual((few_rows, many_rows), (2, 10))
        self.assertEqual(few_queries, many_queries)

    def test_register_queries_do_not_grow_with_received_items(self):
        """Items in inventory name their serial: read for all orders at once."""
        sellers = self.env["res.partner"].create(
            [
                {
                    "name": f"Seller {index}",
                    "tradein_id_type": "passport",
                    "tradein_id_number": f"S{index}",
                    "tradein_birthdate": "1980-01-01",
                }
                for index in range(10)
            ]
        )

        def received(partners, tag):
            for index, partner in enumerate(partners):
                purchase = self._create_customer_purchase(
                    partner=partner, items=[{"serial": f"{tag}-{index}", "price": 10.0}]
                )
                self._pay_out(purchase, method="store_credit")
                purchase.order_line.action_tradein_add_to_inventory()

        def register_queries():
            wizard = self._register()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            rows = wizard._register_rows()
            self.assertTrue(all(row["serial"] for row in rows))
            return len(rows), self.env.cr.sql_log_count - before

        received(sellers[:2], "IN-FEW")
        few_rows, few_queries = register_queries()
        received(sellers[2:], "IN-MORE")
        many_rows, many_queries = register_queries()
        self.assertEqual((few_rows, many_rows), (2, 10))
        self.assertEqual(few_queries, many_queries)
