from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import TradeinCommon


@tagged("post_install", "-at_install")
class TestDeposit(TradeinCommon):
    """Seed 001: take upfront payment for a serialized product bought on order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("stock.route_warehouse0_mto").active = True
        cls.vendor = cls.env["res.partner"].create({"name": "Camera Wholesale"})
        cls.camera = cls._create_serial_product(
            "Camera Pro",
            list_price=1000.0,
            route_ids=[
                Command.set(
                    [
                        cls.env.ref("stock.route_warehouse0_mto").id,
                        cls.env.ref("purchase_stock.route_warehouse0_buy").id,
                    ]
                )
            ],
            seller_ids=[Command.create({"partner_id": cls.vendor.id, "price": 700.0})],
        )
        cls.camera.product_tmpl_id.tradein_requires_deposit = True

    def _order(self):
        form = Form(self.env(user=self.clerk)["sale.order"])
        form.partner_id = self.buyer
        with form.order_line.new() as line:
            line.product_id = self.camera
        order = form.save()
        # 1,000 and the company's default 15 % sales tax.
        self.assertEqual(order.amount_total, 1150.0)
        return order

    def _take_deposit(self, order, amount=None, percentage=None, journal=None):
        action = order.with_user(self.clerk).action_tradein_take_deposit()
        form = Form(
            self.env(user=self.clerk)[action["res_model"]].with_context(**action["context"])
        )
        if percentage is not None:
            form.method = "percentage"
            form.percentage = percentage
        elif amount is not None:
            form.amount = amount
        if journal:
            form.register_payment = True
            form.journal_id = journal
        else:
            form.register_payment = False
        result = form.save().action_take_deposit()
        return self.env["account.move"].browse(result["res_id"])

    def _purchase(self, order):
        return self.env["purchase.order"].search([("origin", "ilike", order.name)])

    def _receive(self, purchase, serial):
        purchase.button_confirm()
        receipt = purchase.picking_ids
        receipt.move_ids.move_line_ids.write({"lot_name": serial, "quantity": 1, "picked": True})
        receipt.button_validate()
        return receipt.move_line_ids.lot_id

    def _deliver(self, order):
        delivery = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        delivery.move_ids.picked = True
        delivery.button_validate()
        return delivery

    def _assert_deposit_paid(self, order, deposit, amount):
        """Deposit invoice created, posted, paid and linked to the order."""
        self.assertEqual(deposit.state, "posted")
        self.assertEqual(deposit.amount_total, amount)
        self.assertIn(deposit, order.invoice_ids)
        self.assertIn(deposit.payment_state, ("paid", "in_payment"))
        self.assertEqual(order.tradein_billing_status, "partial")
        self.assertEqual(order.tradein_deposit_amount, amount)
        self.assertTrue(order.order_line.filtered("is_downpayment"))

    def _scenario(self, deposit_amount):
        order = self._order()
        order.action_confirm()
        self.assertEqual(order.tradein_billing_status, "none")
        deposit = self._take_deposit(order, amount=deposit_amount, journal=self.bank_journal)
        self._assert_deposit_paid(order, deposit, deposit_amount)

        # The purchase order for the vendor.
        purchase = self._purchase(order)
        self.assertEqual(purchase.partner_id, self.vendor)
        self.assertEqual(purchase.order_line.product_id, self.camera)

        # Received with its serial, the serial is reserved for this order.
        lot = self._receive(purchase, "CAM-0001")
        delivery = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        self.assertEqual(delivery.state, "assigned")
        self.assertEqual(delivery.move_line_ids.lot_id, lot)

        # History: purchase order, sale order, customer and the deposit invoice.
        self.assertIn(purchase, lot.history_ids.mapped("document_ref"))
        self.assertIn(order, lot.history_ids.mapped("document_ref"))
        self.assertIn(self.buyer, lot.history_ids.mapped("partner_id"))
        self.assertIn(deposit, lot.history_ids.mapped("document_ref"))

        self._deliver(order)
        final = self._invoice(order)
        self.assertEqual(
            final.invoice_line_ids.filtered(
                lambda line: line.product_id == self.camera
            ).price_subtotal,
            1000.0,
        )
        deduction = final.invoice_line_ids.filtered(lambda line: line.is_downpayment)
        self.assertEqual(deduction.price_total, -deposit_amount)
        self.assertEqual(final.amount_total, 1150.0 - deposit_amount)
        self.assertEqual(order.tradein_billing_status, "full")
        self.assertEqual(set(order.invoice_ids.ids), {deposit.id, final.id})
        self.assertIn(final, lot.history_ids.mapped("document_ref"))
        self.assertEqual(lot.tradein_owner_id, self.buyer)
        # The serial is on the final invoice.
        self.assertIn(lot, final._tradein_invoice_lots())
        return order, final

    def test_partial_deposit(self):
        _order, final = self._scenario(300.0)
        self.assertEqual(final.payment_state, "not_paid")
        self.assertEqual(final.amount_residual, 850.0)

    def test_full_deposit_leaves_a_zero_invoice_that_counts_as_paid(self):
        _order, final = self._scenario(1150.0)
        self.assertEqual(final.amount_total, 0.0)
        self.assertEqual(final.state, "posted")
        self.assertEqual(final.payment_state, "paid")

    def test_percentage_deposit(self):
        order = self._order()
        deposit = self._take_deposit(order, percentage=25.0)
        self.assertEqual(order.state, "sale", "taking a deposit confirms the quotation")
        self.assertEqual(deposit.amount_total, 287.5)
        self.assertEqual(deposit.payment_state, "not_paid")

    def test_wait_for_deposit_setting(self):
        self.company.tradein_deposit_wait = True
        order = self._order()
        order.action_confirm()
        self.assertFalse(self._purchase(order), "no purchase before the deposit")
        self.assertTrue(order.tradein_deposit_waiting)
        self._take_deposit(order, amount=200.0)
        purchase = self._purchase(order)
        self.assertEqual(purchase.order_line.product_id, self.camera)
        self.assertFalse(order.tradein_deposit_waiting)

    def test_without_wait_the_purchase_is_created_at_confirmation(self):
        order = self._order()
        order.action_confirm()
        self.assertTrue(self._purchase(order))
        self.assertFalse(order.tradein_deposit_waiting)

    def test_deposit_above_what_was_delivered_is_refused_at_invoicing(self):
        self.camera.invoice_policy = "delivery"
        order = self._order()
        with Form(order) as form, form.order_line.edit(0) as line:
            line.product_uom_qty = 2
        order.action_confirm()
        self._take_deposit(order, amount=1500.0)
        purchase = self._purchase(order)
        purchase.button_confirm()
        receipt = purchase.picking_ids
        move_line = receipt.move_ids.move_line_ids[:1]
        move_line.write({"lot_name": "CAM-A", "quantity": 1, "picked": True})
        (receipt.move_ids.move_line_ids - move_line).unlink()
        receipt.with_context(skip_backorder=True, picking_ids_not_to_backorder=[]).button_validate()
        delivery = order.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state == "assigned"
        )
        delivery.move_ids.move_line_ids.picked = True
        delivery.with_context(skip_backorder=True).button_validate()
        self.assertEqual(
            order.order_line.filtered(lambda line: line.product_id == self.camera).qty_delivered, 1
        )
        invoices_before = order.invoice_ids
        with self.assertRefused(UserError, "more than what has been delivered"):
            self._invoice(order)
        self.assertEqual(order.invoice_ids, invoices_before)

    # ------------------------------------------------------------------
    # Wrong paths
    # ------------------------------------------------------------------

    def test_deposit_above_the_order_total_is_refused(self):
        order = self._order()
        with self.assertRaisesRegex(UserError, "more than what is left to pay"):
            order._tradein_take_deposit(1200.0)
        self.assertFalse(order.invoice_ids)
        self.assertEqual(order.state, "draft")

    def test_deposit_on_a_cancelled_order_is_refused(self):
        order = self._order()
        order._action_cancel()
        with self.assertRaisesRegex(UserError, "is cancelled"):
            order.action_tradein_take_deposit()
        with self.assertRaisesRegex(UserError, "is cancelled"):
            order._tradein_take_deposit(100.0)

    def test_second_full_deposit_is_refused(self):
        order = self._order()
        self._take_deposit(order, amount=1150.0)
        with self.assertRaisesRegex(UserError, "already fully paid by deposit"):
            order.action_tradein_take_deposit()
        self.assertEqual(len(order.invoice_ids), 1)

    def test_zero_or_negative_deposit_is_refused(self):
        order = self._order()
        for amount in (0.0, -10.0):
            with self.assertRaisesRegex(UserError, "more than zero"):
                order._tradein_take_deposit(amount)
        self.assertFalse(order.invoice_ids)
