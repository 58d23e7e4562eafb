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

    def test_add_all_costs_few_queries_per_item(self):
        """The receipt is validated once: each further item costs a bounded
        number of queries, far below one receipt and backorder per item."""

        def queries(count, prefix):
            purchase = self._create_customer_purchase(
                items=[{"serial": f"{prefix}-{n}", "price": 20.0} for n in range(count)]
            )
            self._pay_out(purchase)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            purchase.action_tradein_add_all_to_inventory()
            self.env.flush_all()
            counted = self.env.cr.sql_log_count - before
            self.assertEqual(purchase.customer_purchase_state, "completed")
            return counted

        one_by_one = self._create_customer_purchase(
            items=[{"serial": f"ONE-{n}", "price": 20.0} for n in range(2)]
        )
        self._pay_out(one_by_one)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        for line in one_by_one.order_line:
            line.action_tradein_add_to_inventory()
        self.env.flush_all()
        per_item_alone = (self.env.cr.sql_log_count - before) / 2

        two, ten = queries(2, "TWO"), queries(10, "TEN")
        per_further_item = (ten - two) / 8
        self.assertLess(per_further_item, per_item_alone / 2)
        self.assertLessEqual(per_further_item, 40)
