from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import TradeinCommon


@tagged("post_install", "-at_install")
class TestSerialSold(TradeinCommon):
    """The serial sold is the serial delivered: a line naming a serial
    reserves and delivers exactly that one; a line naming none sells the one
    picked at delivery. Products with default taxes and valuation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.s20 = cls._create_serial_product(
            "Smartphone S20", list_price=499.0, tradein_warranty_months=3
        )
        # Received first: the serial Odoo would reserve by itself.
        cls.first = cls._receive_from_vendor(cls, cls.s20, "S20-FIRST", 200.0)
        cls.chosen = cls._receive_from_vendor(cls, cls.s20, "S20-CHOSEN", 220.0)
        cls.chosen.tradein_retail_price = 450.0

    def _quotation(self, lot=None):
        form = Form(self.env(user=self.clerk)["sale.order"], view="sale.view_order_form")
        form.partner_id = self.buyer
        with form.order_line.new() as line:
            line.product_id = self.s20
            if lot:
                line.tradein_lot_sold_id = lot
        return form.save()

    def _validate(self, picking):
        picking = picking.with_user(self.clerk)
        picking.move_ids.picked = True
        picking.button_validate()

    def test_the_serial_named_is_reserved_and_no_other_is_delivered(self):
        order = self._quotation(self.chosen)
        order.with_user(self.clerk).action_confirm()
        picking = order.picking_ids
        self.assertEqual(picking.move_ids.tradein_lot_id, self.chosen)
        self.assertEqual(picking.move_line_ids.lot_id, self.chosen)
        # Delivering another serial is refused, as a stock user would try it
        # in the detailed operations.
        with self.assertRefused(ValidationError, "sells serial S20-CHOSEN, not S20-FIRST"):
            picking.move_line_ids.with_user(self.clerk).write({"lot_id": self.first.id})
        self.assertEqual(picking.move_line_ids.lot_id, self.chosen)
        self._validate(picking)
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.chosen.tradein_owner_id, self.buyer)
        self.assertTrue(self.chosen.warranty_end_date)
        self.assertFalse(self.first.tradein_owner_id)
        self.assertEqual(self.first.product_qty, 1.0)
        self.assertEqual(self.chosen.product_qty, 0.0)
        invoice = self._invoice(order)
        self.assertEqual(invoice.invoice_line_ids.tradein_lot_sold_id, self.chosen)
        self.assertIn("invoice", self.chosen.history_ids.mapped("event_type"))

    def test_a_serial_chosen_after_confirmation_is_the_one_reserved(self):
        order = self._quotation()
        order.with_user(self.clerk).action_confirm()
        picking = order.picking_ids
        self.assertEqual(picking.move_line_ids.lot_id, self.first)
        order.order_line.with_user(self.clerk).tradein_lot_sold_id = self.chosen
        self.assertEqual(picking.move_ids.tradein_lot_id, self.chosen)
        self.assertEqual(picking.move_line_ids.lot_id, self.chosen)
        self._validate(picking)
        self.assertEqual(self.chosen.tradein_owner_id, self.buyer)
        self.assertEqual(self.first.product_qty, 1.0)

    def test_a_line_naming_no_serial_sells_the_one_picked_at_delivery(self):
        order = self._quotation()
        line = order.order_line
        self.assertEqual(line.price_unit, 499.0)
        order.with_user(self.clerk).action_confirm()
        picking = order.picking_ids
        # The assistant picks the serial on the shelf at delivery.
        picking.move_line_ids.with_user(self.clerk).write({"lot_id": self.chosen.id})
        self._validate(picking)
        self.assertEqual(line.tradein_lot_sold_id, self.chosen)
        # The price agreed stays, whatever the serial's own retail price.
        self.assertEqual(line.price_unit, 499.0)
        self.assertEqual(self.chosen.tradein_owner_id, self.buyer)
        invoice = self._invoice(order)
        self.assertRecordValues(
            invoice.invoice_line_ids,
            [{"tradein_lot_sold_id": self.chosen.id, "price_unit": 499.0}],
        )
        self.assertEqual(invoice.amount_untaxed, 499.0)

    def test_a_locked_order_takes_the_serial_delivered(self):
        order = self._quotation()
        order.with_user(self.clerk).action_confirm()
        order.action_lock()
        self.assertTrue(order.locked)
        picking = order.picking_ids
        picking.move_line_ids.with_user(self.clerk).write({"lot_id": self.chosen.id})
        self._validate(picking)
        self.assertEqual(picking.state, "done")
        self.assertRecordValues(
            order.order_line, [{"tradein_lot_sold_id": self.chosen.id, "price_unit": 499.0}]
        )
        self.assertTrue(order.locked)

    def test_the_serial_cannot_change_once_the_delivery_is_picked(self):
        order = self._quotation()
        order.with_user(self.clerk).action_confirm()
        picking = order.picking_ids
        picking.move_ids.picked = True
        with self.assertRefused(UserError, "already being prepared"):
            order.order_line.with_user(self.clerk).write({"tradein_lot_sold_id": self.chosen.id})
        self.assertFalse(order.order_line.tradein_lot_sold_id)
        self.assertFalse(picking.move_ids.tradein_lot_id)
        self.assertEqual(picking.move_line_ids.lot_id, self.first)

    def test_a_salesperson_picks_the_serial_sold_but_cannot_change_serials(self):
        salesperson = self._create_user("tradein_sales_only", "sales_team.group_sale_salesman")
        # The quotation form with its Serial Sold column, as the web client
        # loads it for a salesperson without inventory rights.
        form = Form(self.env(user=salesperson)["sale.order"], view="sale.view_order_form")
        form.partner_id = self.buyer
        with form.order_line.new() as line:
            line.product_id = self.s20
            line.tradein_lot_sold_id = self.chosen.with_user(salesperson)
        order = form.save()
        self.assertEqual(order.order_line.tradein_lot_sold_id, self.chosen)
        self.assertEqual(order.order_line.price_unit, 450.0)
        # Reading serials is all they may do.
        lot = self.chosen.with_user(salesperson)
        with self.assertRefused(AccessError, "not allowed to modify"):
            lot.write({"name": "S20-FORGED"})
        with self.assertRefused(AccessError, "not allowed to create"):
            self.env(user=salesperson)["stock.lot"].create(
                {"name": "S20-NEW", "product_id": self.s20.id}
            )
        self.assertEqual(self.chosen.name, "S20-CHOSEN")
