from lxml import etree

from odoo import Command
from odoo.addons.tradein_serial.tests.common import TradeinCommon
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import RefurbAssertions


@tagged("post_install", "-at_install")
class TestRefurb(RefurbAssertions, TradeinCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.screen = cls.env["product.product"].create(
            {
                "name": "Replacement Screen",
                "is_storable": True,
                "categ_id": cls.category_avco.id,
                "standard_price": 30.0,
            }
        )
        cls.company.tradein_refurb_hour_cost = 40.0
        cls.labour_account = cls.env["account.account"].create(
            {"name": "Capitalised labour", "code": "LAB100", "account_type": "expense"}
        )
        cls.company.tradein_refurb_labour_account_id = cls.labour_account
        vendor = cls.env["res.partner"].create({"name": "Parts Supplier"})
        cls._receive_parts(vendor, cls.screen, 5, 30.0)

    @classmethod
    def _receive_parts(cls, vendor, part, quantity, price):
        """Buy parts from a vendor and receive them into stock."""
        order = cls.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "order_line": [
                    Command.create(
                        {"product_id": part.id, "product_qty": quantity, "price_unit": price}
                    )
                ],
            }
        )
        order.button_confirm()
        order.picking_ids.move_ids.quantity = quantity
        order.picking_ids.move_ids.picked = True
        order.picking_ids.button_validate()

    def _bought_and_sent_to_refurb(self, issue="Cracked screen"):
        purchase = self._create_customer_purchase(items=[{"serial": "RF-1", "price": 100.0}])
        self._pay_out(purchase)
        line = purchase.order_line
        action = line.with_user(self.clerk).action_tradein_start_refurb()
        wizard = Form(
            self.env(user=self.clerk)[action["res_model"]].with_context(**action["context"])
        )
        wizard.issue = issue
        result = wizard.save().action_send_to_refurb()
        repair = self.env["repair.order"].browse(result["res_id"])
        return purchase, line, repair

    def _work(self, repair, hours=1.5, part_qty=1, grade="a", retail=199.0, part=None):
        """Record the work on the form: the part used (the screen unless told),
        the labour hours, the grade and the retail price (left alone if None)."""
        with Form(repair) as form:
            if part_qty:
                with form.move_ids.new() as part_line:
                    part_line.product_id = part or self.screen
                    part_line.product_uom_qty = part_qty
            form.refurb_labour_hours = hours
            if grade:
                form.refurb_grade = grade
            if retail is not None:
                form.refurb_retail_price = retail

    def _assert_sent_to_refurb(self, purchase, line, repair):
        """The purchase waits for the refurbishment, opened on its serial at To Do."""
        self.assertEqual(line.tradein_state, "waiting_refurb")
        self.assertEqual(purchase.customer_purchase_state, "waiting_refurb")
        self.assertTrue(repair.is_refurb)
        self.assertEqual(repair.lot_id, line.tradein_lot_id)
        self.assertEqual(repair.refurb_purchase_line_id, line)
        self.assertEqual(repair.refurb_issue, "Cracked screen")
        self.assertEqual(repair.refurb_stage_id, self.env.ref("tradein_refurb.stage_todo"))
        self.assertFalse(repair.partner_id, "no customer to invoice")

    def _assert_refurb_cost_entry(self, repair, stock_account, parts_account):
        """The capitalisation entry: the serial's stock value takes the part
        (30, out of the parts' stock) and the labour (60)."""
        self.assertRecordValues(
            repair.refurb_cost_move_id.line_ids.sorted(lambda line: (-line.debit, line.credit)),
            [
                {"account_id": stock_account.id, "debit": 90.0, "credit": 0.0},
                {"account_id": parts_account.id, "debit": 0.0, "credit": 30.0},
                {"account_id": self.labour_account.id, "debit": 0.0, "credit": 60.0},
            ],
        )

    def test_customer_purchase_to_sellable_refurbished_serial(self):
        purchase, line, repair = self._bought_and_sent_to_refurb()
        lot = line.tradein_lot_id
        self._assert_sent_to_refurb(purchase, line, repair)
        with self.assertRaisesRegex(UserError, "Finish the refurbishment"):
            line.action_tradein_finish_refurb()

        repair.refurb_stage_id = self.env.ref("tradein_refurb.stage_in_progress")
        self._work(repair)
        self.assertEqual(repair.refurb_parts_cost, 30.0)
        self.assertEqual(repair.refurb_labour_cost, 60.0)
        self.assertEqual(repair.refurb_cost, 90.0)

        repair.with_user(self.clerk).action_refurb_done()

        self.assertEqual(repair.state, "done")
        self.assertEqual(repair.refurb_stage_id, self.env.ref("tradein_refurb.stage_done"))
        self._assert_released_to_stock(lot)
        # Odoo's default valuation: the product (its only unit) is worth the
        # price paid, the part and the labour.
        self.assertAlmostEqual(lot.product_id.total_value, 190.0)
        self.assertAlmostEqual(lot.product_id.avg_cost, 190.0)
        self.assertEqual(self.screen.qty_available, 4)
        # The capitalisation entry: the serial's stock value takes parts and labour.
        self.assertEqual(repair.refurb_cost_move_id.state, "posted")
        stock_account = self.phone.product_tmpl_id.get_product_accounts()["stock_valuation"]
        self._assert_refurb_cost_entry(repair, stock_account, stock_account)
        # The purchase completes by itself, and the history shows the refurb.
        self.assertEqual(line.tradein_state, "refurbished")
        self.assertEqual(purchase.customer_purchase_state, "completed")
        refurb_events = lot.history_ids.filtered(lambda e: e.event_type == "refurbishment")
        self.assertEqual(len(refurb_events), 2)
        self.assertEqual(refurb_events.mapped("document_ref"), [repair, repair])
        # Time spent per stage is recorded.
        stages = repair.refurb_stage_history_ids.mapped("stage_id")
        self.assertIn(self.env.ref("tradein_refurb.stage_in_progress"), stages)

    def test_same_serial_refurbished_twice(self):
        _purchase, line, repair = self._bought_and_sent_to_refurb()
        self._work(repair, hours=1.0, part_qty=0)
        repair.action_refurb_done()
        lot = line.tradein_lot_id
        self.assertAlmostEqual(lot.product_id.total_value, 140.0)
        action = lot.action_start_refurb()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard.issue = "Battery swollen"
        second = self.env["repair.order"].browse(wizard.save().action_send_to_refurb()["res_id"])
        self.assertNotEqual(second, repair)
        self._work(second, hours=0.5, part_qty=1, grade="b", retail=149.0)
        second.action_refurb_done()
        self.assertEqual(lot.refurb_count, 2)
        self.assertEqual(lot.refurb_cost, 40.0 + 50.0)
        self.assertAlmostEqual(lot.product_id.total_value, 190.0)
        self.assertEqual(lot.tradein_grade, "b")
        self.assertEqual(
            len(lot.history_ids.filtered(lambda e: e.event_type == "refurbishment")), 4
        )

    def _start_from(self, record, issue):
        """Start Refurb, from a purchase line or a serial, as the clerk clicks it."""
        action = (
            record.with_user(self.clerk).action_tradein_start_refurb()
            if (record._name == "purchase.order.line")
            else record.with_user(self.clerk).action_start_refurb()
        )
        wizard = Form(
            self.env(user=self.clerk)[action["res_model"]].with_context(**action["context"])
        )
        wizard.issue = issue
        result = wizard.save().action_send_to_refurb()
        return self.env["repair.order"].browse(result["res_id"])

    def test_cancel_puts_the_item_back_to_waiting(self):
        purchase, line, repair = self._bought_and_sent_to_refurb()
        self.assertTrue(line.tradein_refurb_open)
        self._work(repair)
        repair.action_repair_cancel()
        self.assertEqual(repair.state, "cancel")
        self.assertEqual(line.tradein_state, "waiting_refurb")
        self.assertFalse(line.tradein_refurb_open)
        self.assertEqual(purchase.customer_purchase_state, "waiting_refurb")
        self.assertEqual(repair.refurb_labour_hours, 1.5, "the work recorded is kept")
        self.assertEqual(self.screen.qty_available, 5)
        # A new refurbishment starts from the purchase line, linked to it.
        again = self._start_from(line, "Second try")
        self.assertNotEqual(again, repair)
        self.assertEqual(again.refurb_purchase_line_id, line)
        self.assertTrue(line.tradein_refurb_open)
        self._work(again, part_qty=0)
        again.with_user(self.clerk).action_refurb_done()
        self.assertEqual(line.tradein_state, "refurbished")
        self.assertEqual(purchase.customer_purchase_state, "completed")

    def test_after_a_cancelled_refurb_the_serial_starts_one_for_its_purchase(self):
        purchase, line, repair = self._bought_and_sent_to_refurb()
        repair.action_repair_cancel()
        again = self._start_from(line.tradein_lot_id, "Second try")
        self.assertEqual(again.refurb_purchase_line_id, line)
        self._work(again, part_qty=0)
        again.with_user(self.clerk).action_refurb_done()
        self.assertEqual(purchase.customer_purchase_state, "completed")

    def test_refurb_value_under_default_valuation_reaches_cost_of_goods(self):
        # Odoo's default for a serial product: valued per product (average
        # cost), not per lot; default taxes. Parts valued first in, first out.
        phone = self._create_serial_product("Phone D", list_price=300.0, invoice_policy="delivery")
        self.assertFalse(phone.lot_valuated)
        board = self._fifo_part_bought_at("Charging Board", 30.0, 50.0)
        self.assertAlmostEqual(board.total_value, 80.0)

        purchase = self._create_customer_purchase(
            items=[{"product": phone, "serial": "DEF-1", "price": 100.0}]
        )
        self._pay_out(purchase)
        line = purchase.order_line
        repair = self._start_from(line, "Does not charge")
        self.assertAlmostEqual(phone.total_value, 100.0)
        self._work(repair, hours=1.5, part_qty=1, grade="a", retail=None, part=board)
        repair.with_user(self.clerk).action_refurb_done()

        # The part cost what its oldest unit cost in stock, not an average.
        self.assertAlmostEqual(repair.refurb_parts_cost, 30.0)
        self.assertAlmostEqual(repair.refurb_cost, 90.0)
        self.assertAlmostEqual(board.total_value, 50.0)
        # The serial's stock value: purchase price + parts + labour.
        self.assertAlmostEqual(phone.total_value, 190.0)
        self.assertAlmostEqual(phone.avg_cost, 190.0)
        lot = line.tradein_lot_id
        self.assertEqual(lot.acquisition_price, 100.0)
        self._assert_refurb_cost_entry(
            repair,
            phone.product_tmpl_id.get_product_accounts()["stock_valuation"],
            board.product_tmpl_id.get_product_accounts()["stock_valuation"],
        )
        # Sold: the cost of goods sold is the refurbished value.
        invoice = self._invoice(self._deliver_lot(lot, self.buyer))
        self._assert_cost_of_goods_sold(invoice, phone, 190.0)
        self.assertAlmostEqual(phone.total_value, 0.0)

    def _fifo_part_bought_at(self, name, *prices):
        """A part valued first in, first out, one unit bought at each price in turn."""
        fifo = self.env["product.category"].create(
            {
                "name": "Parts (FIFO)",
                "property_cost_method": "fifo",
                "property_valuation": "real_time",
            }
        )
        part = self.env["product.product"].create(
            {"name": name, "is_storable": True, "categ_id": fifo.id}
        )
        vendor = self.env["res.partner"].create({"name": "Boards Inc"})
        for price in prices:
            self._receive_parts(vendor, part, 1, price)
        return part

    def _assert_cost_of_goods_sold(self, invoice, product, amount):
        """The invoice's cost of goods sold debits the product's expense account by amount."""
        cogs = invoice.line_ids.filtered(lambda line: line.display_type == "cogs")
        expense = product.product_tmpl_id.get_product_accounts()["expense"]
        self.assertAlmostEqual(
            sum(cogs.filtered(lambda line: line.account_id == expense).mapped("debit")), amount
        )

    def test_checklist_and_grade_block_done(self):
        _purchase, _line, repair = self._bought_and_sent_to_refurb()
        repair.refurb_check_ids = [
            Command.create({"name": "Battery test"}),
            Command.create({"name": "Factory reset"}),
        ]
        self._work(repair, grade=False)
        with self.assertRaisesRegex(UserError, "Tick the checklist.*Battery test, Factory reset"):
            repair.action_refurb_done()
        repair.refurb_check_ids.done = True
        with self.assertRaisesRegex(UserError, "Set the grade"):
            repair.action_refurb_done()
        self.assertEqual(repair.state, "draft")
        self.company.tradein_refurb_require_grade = False
        repair.action_refurb_done()
        self.assertEqual(repair.state, "done")

    def test_refurb_of_a_serial_not_in_stock_is_refused(self):
        lot = self._receive_from_vendor(self.phone, "SOLD-1", 40.0)
        self._deliver_lot(lot, self.buyer)
        with self.assertRaisesRegex(UserError, "not in our stock"):
            lot._tradein_refurb_create("Broken")
        self.assertFalse(lot.refurb_ids)

    def test_serial_already_in_an_open_refurb_is_refused(self):
        _purchase, line, _repair = self._bought_and_sent_to_refurb()
        with self.assertRefused(UserError, "already in refurbishment"):
            line.tradein_lot_id._tradein_refurb_create("Again")
        self.assertEqual(line.tradein_lot_id.refurb_count, 1)

    def test_refurb_buttons_show_to_those_who_may_use_them(self):
        inventory_user = self._create_user("refurb_inventory_only", "stock.group_stock_user")

        def lot_form(user):
            views = self.env(user=user)["stock.lot"].get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        self.assertNotIn("action_start_refurb", lot_form(inventory_user))
        self.assertIn("action_start_refurb", lot_form(self.clerk))

    def test_refurbishment_may_start_during_the_hold(self):
        self.company.tradein_hold_days = 14
        _purchase, line, repair = self._bought_and_sent_to_refurb()
        lot = line.tradein_lot_id
        self.assertTrue(lot.tradein_on_hold)
        self._work(repair, hours=1.0, part_qty=0)
        repair.action_refurb_done()
        self.assertEqual(repair.state, "done")
        self.assertEqual(lot.location_id, self.stock_location)
        self.assertTrue(lot.tradein_on_hold, "refurbishment does not end the hold")

    def test_one_status_for_a_refurbishment(self):
        """A refurbishment's form shows its stage as the status bar and Refurb
        Done; Odoo's repair statusbar and its Confirm / Start Repair and
        Create Quotation buttons are hidden on it (Refurb Done runs them), and
        stay on other repairs."""
        arch = etree.fromstring(self.env["repair.order"].get_view(view_type="form")["arch"])
        header = arch.find(".//header")
        hidden = {
            node.get("name"): node.get("invisible", "")
            for node in header
            if node.get("name")
            in ("action_validate", "action_repair_start", "action_create_sale_order", "state")
        }
        self.assertEqual(len(hidden), 4)
        for name, invisible in hidden.items():
            self.assertRegex(invisible, r"(^| or )is_refurb$", name)
        [status] = header.findall("field[@name='refurb_status_id']")
        self.assertEqual(status.get("widget"), "statusbar")
        self.assertEqual(status.get("invisible"), "not is_refurb")
        [done] = header.findall("button[@name='action_refurb_done']")
        self.assertIn("btn-primary", done.get("class"))
