from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TradeinCommon


@tagged("post_install", "-at_install")
class TestCustomerPurchaseReceipt(TradeinCommon):
    """Add All to Inventory: every ready item of a customer purchase in one
    validation of its receipt."""

    def _three_items_paid_out(self):
        purchase = self._create_customer_purchase(
            items=[
                {"serial": "ALL-PH-1", "price": 50.0},
                {"product": self.tablet, "serial": "ALL-TB-1", "price": 80.0},
                # Not in the catalogue: not ready until its product is created.
                {
                    "product": self.env.ref("tradein_serial.product_unlisted_item"),
                    "tradein_manual_name": "Vintage Amp",
                    "tradein_manual_categ_id": self.env["product.category"].create(
                        {"name": "Amplifiers"}
                    ),
                    "tradein_manual_serialized": True,
                    "serial": "ALL-AMP-1",
                    "price": 30.0,
                },
            ]
        )
        self._pay_out(purchase)
        return purchase

    def test_add_all_receives_every_ready_item_at_once(self):
        purchase = self._three_items_paid_out()
        phone_line, tablet_line, later_line = purchase.order_line.sorted("sequence")
        self.assertEqual(purchase.tradein_ready_count, 2)
        receipt = purchase.picking_ids
        self.assertEqual(len(receipt), 1)

        purchase.with_user(self.clerk).action_tradein_add_all_to_inventory()

        self.assertEqual(self.phone.qty_available, 1)
        self.assertEqual(self.tablet.qty_available, 1)
        self.assertAlmostEqual(self.tablet.avg_cost, 80.0)
        self.assertEqual((phone_line | tablet_line).mapped("tradein_state"), ["in_inventory"] * 2)
        self.assertEqual(later_line.tradein_state, "pending")
        self.assertEqual(phone_line.tradein_lot_id.acquisition_price, 50.0)
        self.assertEqual(tablet_line.tradein_lot_id.acquisition_price, 80.0)
        self.assertEqual(tablet_line.tradein_lot_id.acquisition_purchase_line_id, tablet_line)
        # One validation: both items on the first receipt, the third waits in
        # its backorder.
        self.assertEqual(receipt.state, "done")
        self.assertEqual(
            receipt.move_line_ids.lot_id, phone_line.tradein_lot_id | tablet_line.tradein_lot_id
        )
        backorder = purchase.picking_ids - receipt
        self.assertEqual(backorder.move_ids.purchase_line_id, later_line)
        self.assertEqual(purchase.customer_purchase_state, "in_inventory")
        self.assertEqual(purchase.tradein_ready_count, 0)
        # One note names what was received (not one per line).
        notes = purchase.message_ids.filtered(lambda m: "Added to inventory" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertIn("Phone X (ALL-PH-1), Tablet Y (ALL-TB-1)", notes.body)
        self.assertFalse(
            purchase.message_ids.filtered(lambda m: "Received Quantity" in (m.body or ""))
        )

        later_line.with_user(self.clerk).action_tradein_add_one_time_product()
        self.assertEqual(purchase.tradein_ready_count, 1)
        purchase.with_user(self.clerk).action_tradein_add_all_to_inventory()
        self.assertEqual(later_line.product_id.qty_available, 1)
        self.assertEqual(later_line.tradein_lot_id.name, "ALL-AMP-1")
        self.assertEqual(later_line.tradein_lot_id.acquisition_price, 30.0)
        self.assertEqual(purchase.picking_ids, receipt | backorder)
        self.assertEqual(backorder.state, "done")
        self.assertEqual(purchase.customer_purchase_state, "completed")

    def test_add_all_with_nothing_ready_is_refused(self):
        purchase = self._create_customer_purchase(items=[{"serial": "ALL-NONE", "price": 20.0}])
        self.assertEqual(purchase.tradein_ready_count, 0, "not paid out")
        with self.assertRaisesRegex(UserError, "No item of .* is ready for inventory"):
            purchase.with_user(self.clerk).action_tradein_add_all_to_inventory()
        self.assertEqual(purchase.order_line.tradein_state, "pending")
        self.assertFalse(self.env["stock.lot"].search([("name", "=", "ALL-NONE")]))
        self._pay_out(purchase)
        purchase.action_tradein_add_all_to_inventory()
        with self.assertRaisesRegex(UserError, "No item of .* is ready for inventory"):
            purchase.action_tradein_add_all_to_inventory()
        self.assertEqual(self.phone.qty_available, 1)

    def _queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _customer_purchase_to_inventory(self, count, prefix, add_all=True):
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": self.seller.id,
                "is_customer_purchase": True,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.phone.id,
                            "product_qty": 1,
                            "price_unit": 20.0,
                            "tradein_serial_name": f"{prefix}-{rank}",
                        }
                    )
                    for rank in range(count)
                ],
            }
        )
        purchase._tradein_pay_out("journal", journal=self.cash_journal)
        if add_all:
            purchase.action_tradein_add_all_to_inventory()
        else:
            for line in purchase.order_line:
                line.action_tradein_add_to_inventory()
        self.assertEqual(purchase.customer_purchase_state, "completed")

    def _vendor_purchase_to_paid(self, count, prefix):
        """Odoo's own: a purchase of `count` lines of one serial each,
        received, billed and paid."""
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.buyer.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.phone.id, "product_qty": 1, "price_unit": 20.0}
                    )
                    for _ in range(count)
                ],
            }
        )
        order.button_confirm()
        for rank, move_line in enumerate(order.picking_ids.move_ids.move_line_ids):
            move_line.write({"lot_name": f"{prefix}-{rank}", "quantity": 1, "picked": True})
        order.picking_ids.button_validate()
        order.action_create_invoice()
        bill = order.invoice_ids
        bill.invoice_date = bill.date
        bill.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=bill.ids
        ).create({"journal_id": self.cash_journal.id})._create_payments()
        self.assertEqual(bill.payment_state, "paid")

    def test_add_all_costs_about_odoos_own_purchase(self):
        """Created, paid out and added at once, a customer purchase of 10 items
        costs about Odoo's own purchase of 10 serials received, billed and
        paid; each further item costs far less than adding items one by one."""
        ours = self._queries(lambda: self._customer_purchase_to_inventory(10, "TEN"))
        odoo = self._queries(lambda: self._vendor_purchase_to_paid(10, "VEN"))
        self.assertLess(ours, odoo * 1.3, f"{ours} queries against Odoo's {odoo}")

        two = self._queries(lambda: self._customer_purchase_to_inventory(2, "TWO"))
        one_by_one = self._queries(
            lambda: self._customer_purchase_to_inventory(2, "ONE", add_all=False)
        )
        # Receiving: one validation of the receipt, not one (and a backorder) per item.
        per_item_alone = (one_by_one - two) / 2
        per_further_item = (ours - two) / 8
        self.assertLess(per_further_item, per_item_alone)
