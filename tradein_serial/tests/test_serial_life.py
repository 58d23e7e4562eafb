import base64

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import TradeinCommon


@tagged("post_install", "-at_install")
class TestSerialLife(TradeinCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.phone.tradein_warranty_months = 12
        cls.phone.invoice_policy = "delivery"

    def _sell(self, serial="LIFE-1", **line_values):
        lot = self._receive_from_vendor(self.phone, serial, 40.0)
        order = self._deliver_lot(lot, self.buyer, **line_values)
        return lot, order

    def _return(self, lot, reason="Defective", partner=None, location=None):
        action = lot.with_user(self.clerk).action_tradein_return()
        form = Form(
            self.env(user=self.clerk)[action["res_model"]].with_context(**action["context"])
        )
        if partner:
            form.partner_id = partner
        if location:
            form.location_id = location
        form.reason = reason
        form.save().action_return()
        return lot.env["account.move"].search(
            [("reversed_entry_id", "!=", False), ("ref", "ilike", lot.name)]
        )

    def test_owner_and_warranty_follow_delivery_and_return(self):
        lot, _order = self._sell()
        today = self._today()
        self.assertEqual(lot.tradein_owner_id, self.buyer)
        self.assertEqual(lot.warranty_end_date, today + relativedelta(months=12))
        self.assertEqual(self.buyer.tradein_asset_count, 1)
        self._return(lot)
        self.assertFalse(lot.tradein_owner_id)
        self.assertEqual(lot.warranty_end_date, today, "the warranty ends with the return")
        self.assertEqual(lot.location_id, self.stock_location)
        self.assertEqual(self.buyer.tradein_asset_count, 0)
        # Still in the customer's assets history.
        history = self.env["stock.lot"].search(
            self.buyer.action_view_tradein_assets_history()["domain"]
        )
        self.assertEqual(history, lot)
        assets = self.env["stock.lot"].search(self.buyer.action_view_tradein_assets()["domain"])
        self.assertFalse(assets)

    def test_serial_sold_bought_back_and_sold_again(self):
        """Sold to Sam, bought back from Sam at 30 (pay-out, Add to
        Inventory), sold to Bea: the serial leaves Sam's location, so Odoo
        counts it once (1 at the customers' location, where Bea has it), and
        its history reads delivery, customer purchase, delivery."""
        lot = self._receive_from_vendor(self.phone, "ROUND-TRIP", 40.0)
        self._deliver_lot(lot, self.seller)
        purchase = self._create_customer_purchase(items=[{"lot": lot, "price": 30.0}])
        self._pay_out(purchase)
        purchase.order_line.with_user(self.clerk).action_tradein_add_to_inventory()
        self.assertEqual(lot.location_id, self.stock_location)
        self.assertFalse(lot.tradein_owner_id, "bought back: no customer owns it")
        self._deliver_lot(lot, self.buyer)
        quants = lot.quant_ids.filtered(lambda q: q.quantity and q.location_id.usage != "supplier")
        self.assertEqual([(q.location_id.usage, q.quantity) for q in quants], [("customer", 1.0)])
        self.assertEqual(lot.tradein_owner_id, self.buyer)
        self.assertEqual(
            lot.history_ids.mapped("event_type")[:3],
            ["delivery", "customer_purchase", "delivery"],
        )
        bought_back = lot.history_ids.filtered(lambda e: e.event_type == "customer_purchase")
        self.assertEqual((bought_back.partner_id, bought_back.amount), (self.seller, 30.0))

    def test_product_without_warranty_gives_none(self):
        lot = self._receive_from_vendor(self.tablet, "NOWARR", 40.0)
        self._deliver_lot(lot, self.buyer)
        self.assertEqual(lot.tradein_owner_id, self.buyer)
        self.assertFalse(lot.warranty_end_date)

    def test_history_reads_newest_first_with_documents(self):
        lot, order = self._sell(discount=10.0)
        invoice = self._invoice(order)
        credit_note = self._return(lot)
        events = lot.history_ids
        self.assertEqual(
            events.mapped("event_type"),
            ["credit_note", "return", "invoice", "delivery", "purchase"],
        )
        purchase_event = events[-1]
        self.assertEqual(purchase_event.document_ref._name, "purchase.order")
        self.assertEqual(purchase_event.picking_id.picking_type_code, "incoming")
        # An acquisition shows what the serial cost; a delivery shows no amount.
        self.assertEqual(purchase_event.amount, 40.0)
        self.assertEqual(purchase_event.currency_id, self.company.currency_id)
        delivery = events.filtered(lambda e: e.event_type == "delivery")
        self.assertEqual(delivery.document_ref, order)
        self.assertEqual(delivery.partner_id, self.buyer)
        self.assertFalse(delivery.amount)
        self.assertEqual(
            delivery.picking_id,
            order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing"),
        )
        self.assertEqual(events.filtered(lambda e: e.event_type == "invoice").document_ref, invoice)
        self.assertEqual(
            events.filtered(lambda e: e.event_type == "credit_note").document_ref, credit_note
        )
        self.assertEqual(events.filtered(lambda e: e.event_type == "return").note, "Defective")
        self.assertEqual(lot.history_count, 5)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("tradein_serial.report_serial_history", lot.ids)[0]
            .decode()
        )
        for text in ("History of serial", "LIFE-1", order.name, invoice.name, "Defective"):
            self.assertIn(text, html)

    def test_the_serial_form_agrees_with_itself(self):
        """After a return: one owner (none), shown on the form without core's
        Customer (the last delivery); the invoice and credit note events show
        what they charged for this serial, not the documents' totals; a serial
        counted into stock says "Inventory adjustment" in both places."""
        lot, order = self._sell("AGREE-1")
        charger = self.env["product.product"].create({"name": "Charger", "list_price": 10.0})
        order.write(
            {"order_line": [Command.create({"product_id": charger.id, "product_uom_qty": 1})]}
        )
        order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")).move_ids.write(
            {"quantity": 1, "picked": True}
        )
        order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")).button_validate()
        invoice = self._invoice(order)
        phone_line = invoice.invoice_line_ids.filtered(lambda line: line.product_id == self.phone)
        self.assertNotEqual(phone_line.price_total, invoice.amount_total)
        credit_note = self._return(lot)
        events = {event.event_type: event for event in lot.history_ids}
        self.assertEqual(events["invoice"].amount, phone_line.price_total)
        self.assertEqual(events["credit_note"].document_ref, credit_note)
        self.assertEqual(events["credit_note"].amount, phone_line.price_total)
        form = Form(lot.with_user(self.clerk), view="stock.view_production_lot_form")
        self.assertFalse(form.tradein_owner_id)
        self.assertTrue(lot.partner_ids, "core still remembers the delivery")
        arch = self.env["stock.lot"].get_view(view_type="form")["arch"]
        self.assertRegex(arch, r'<field name="partner_ids"[^>]*invisible="1"')
        counted = self.env["stock.lot"].create({"name": "AGREE-COUNT", "product_id": self.phone.id})
        self.env["stock.quant"].with_context(inventory_mode=True).create(
            {
                "product_id": self.phone.id,
                "lot_id": counted.id,
                "location_id": self.stock_location.id,
                "inventory_quantity": 1,
            }
        ).action_apply_inventory()
        self.assertEqual(counted.acquisition_type, "adjustment")
        self.assertEqual(counted.acquisition_date, self._today())
        self.assertEqual(counted.history_ids.mapped("event_type"), ["adjustment"])

    def test_return_credits_what_the_invoice_charged_for_the_serial(self):
        lot, order = self._sell(discount=10.0, price_unit=200.0)
        invoice = self._invoice(order)
        self.assertEqual(invoice.amount_total, 207.0)  # 200 - 10 % + 15 % tax
        credit_note = self._return(lot, "Unwanted")
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.state, "draft")
        self.assertEqual(credit_note.amount_total, 207.0)
        self.assertEqual(credit_note.amount_tax, invoice.amount_tax)
        self.assertEqual(credit_note.reversed_entry_id, invoice)
        self.assertEqual(credit_note.partner_id, self.buyer)
        self.assertEqual(credit_note.invoice_line_ids.discount, 10.0)

    def test_return_posts_the_credit_note_when_set(self):
        self.company.tradein_return_credit_note = "posted"
        lot, order = self._sell(price_unit=150.0)
        self._invoice(order)
        credit_note = self._return(lot)
        self.assertEqual(credit_note.state, "posted")
        receivable = credit_note.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        self.assertEqual(receivable.credit, 172.5)  # 150 + 15 % tax

    def test_return_without_credit_note_when_off_or_not_invoiced(self):
        lot, _order = self._sell()
        self.assertFalse(self._return(lot), "not invoiced: nothing to credit")
        self.company.tradein_return_credit_note = "off"
        lot2, order2 = self._sell("LIFE-2")
        self._invoice(order2)
        self.assertFalse(self._return(lot2))
        self.assertFalse(lot2.tradein_owner_id)

    def test_return_into_another_location(self):
        repairs = self.env["stock.location"].create(
            {
                "name": "Returns",
                "usage": "internal",
                "location_id": self.warehouse.view_location_id.id,
            }
        )
        lot, _order = self._sell()
        self._return(lot, location=repairs)
        self.assertEqual(lot.location_id, repairs)

    def _swap(self, lot, new_lot, reason="Dead on arrival"):
        action = lot.action_tradein_swap()
        form = Form(self.env[action["res_model"]].with_context(**action["context"]))
        form.new_lot_id = new_lot
        form.reason = reason
        form.save().action_swap()

    def test_swap_keeps_the_remaining_warranty(self):
        lot, order = self._sell()
        lot.warranty_end_date = self._today() + relativedelta(months=7)
        spare = self._receive_from_vendor(self.phone, "SPARE-1", 40.0)
        self.assertEqual(order.order_line.tradein_lot_sold_id, lot)
        price = order.order_line.price_unit
        self._swap(lot, spare)
        # The line sells what the customer now has, at the price it was sold.
        self.assertEqual(order.order_line.tradein_lot_sold_id, spare)
        self.assertEqual(order.order_line.price_unit, price)
        self.assertFalse(lot.tradein_owner_id)
        self.assertEqual(lot.location_id, self.stock_location)
        self.assertEqual(spare.tradein_owner_id, self.buyer)
        self.assertEqual(spare.warranty_end_date, self._today() + relativedelta(months=7))
        self.assertEqual(lot.history_ids[0].event_type, "swap_out")
        self.assertEqual(spare.history_ids[0].event_type, "swap_in")
        self.assertEqual(spare.history_ids[0].partner_id, self.buyer)
        self.assertEqual(order.order_line.qty_delivered, 1)
        self.assertEqual(self.buyer.tradein_asset_count, 1)

    def test_swap_is_odoos_return_and_exchange(self):
        returns = self.env["stock.location"].create(
            {
                "name": "Returns",
                "usage": "internal",
                "location_id": self.warehouse.view_location_id.id,
            }
        )
        lot, order = self._sell()
        spare = self._receive_from_vendor(self.phone, "SPARE-3", 40.0)
        picking = lot._tradein_swap(spare, returns, "Dead on arrival")
        self.assertEqual(lot.location_id, returns)
        # The exchange leaves from where the spare was, as the warehouse's delivery.
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.picking_type_id, self.warehouse.out_type_id)
        self.assertEqual(picking.location_id, self.stock_location)
        self.assertEqual(picking.move_line_ids.lot_id, spare)
        self.assertEqual(spare.location_id.usage, "customer")
        # The order shows its delivery, the return of the old serial and the exchange.
        returned = picking.return_id
        self.assertEqual(returned.picking_type_id, self.warehouse.in_type_id)
        self.assertEqual(returned.move_line_ids.lot_id, lot)
        self.assertEqual(returned.return_id.move_line_ids.lot_id, lot)
        self.assertEqual(order.picking_ids, returned.return_id | returned | picking)
        self.assertEqual(order.order_line.qty_delivered, 1)
        self.assertEqual(self.phone.with_context(location=returns.id).qty_available, 1)

    def test_swap_with_a_fresh_warranty(self):
        self.company.tradein_swap_warranty = "fresh"
        lot, _order = self._sell()
        lot.warranty_end_date = self._today() + relativedelta(months=2)
        spare = self._receive_from_vendor(self.phone, "SPARE-2", 40.0)
        self._swap(lot, spare)
        self.assertEqual(spare.warranty_end_date, self._today() + relativedelta(months=12))

    # ------------------------------------------------------------------
    # Wrong paths
    # ------------------------------------------------------------------

    def test_return_of_a_serial_never_sold_is_refused(self):
        lot = self._receive_from_vendor(self.phone, "NEVER", 40.0)
        with self.assertRaisesRegex(UserError, "not with a customer"):
            lot._tradein_return(self.stock_location, "why")
        self.assertEqual(lot.history_ids.mapped("event_type"), ["purchase"])

    def test_return_by_another_customer_is_refused(self):
        lot, _order = self._sell()
        with self.assertRaisesRegex(UserError, "belongs to Bea Buyer, not to Sam Seller"):
            lot._tradein_return(self.stock_location, "not mine", partner=self.seller)
        self.assertEqual(lot.tradein_owner_id, self.buyer)

    def test_double_return_is_refused(self):
        lot, _order = self._sell()
        self._return(lot)
        with self.assertRaisesRegex(UserError, "already been returned"):
            self._return(lot)
        self.assertEqual(lot.history_ids.mapped("event_type").count("return"), 1)

    def test_swap_for_another_product_is_refused(self):
        lot, _order = self._sell()
        other = self._receive_from_vendor(self.tablet, "TAB-SWAP", 40.0)
        with self.assertRaisesRegex(UserError, "same product"):
            lot._tradein_swap(other, self.stock_location, "wrong")
        self.assertEqual(lot.tradein_owner_id, self.buyer)

    # ------------------------------------------------------------------
    # Flat paths: query counts do not grow with the data
    # ------------------------------------------------------------------

    def _history_queries(self, lot):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.env["tradein.serial.event"].web_search_read(
            [("lot_id", "=", lot.id)],
            {
                "date": {},
                "event_type": {},
                "partner_id": {"fields": {"display_name": {}}},
                "document_ref": {},
                "picking_id": {"fields": {"display_name": {}}},
                "amount": {},
                "currency_id": {"fields": {}},
                "note": {},
            },
            limit=500,
        )
        lot.read(["history_count", "tradein_owner_id", "warranty_end_date"])
        return self.env.cr.sql_log_count - before

    def test_history_costs_the_same_queries_for_3_or_300_events(self):
        small, _order = self._sell("SMALL")
        big, big_order = self._sell("BIG")
        invoice = self._invoice(big_order)
        picking = big_order.picking_ids[:1]
        self.env["tradein.serial.event"]._tradein_log(
            [
                {
                    "lot_id": big.id,
                    "company_id": self.company.id,
                    "event_type": ("invoice", "delivery")[i % 2],
                    "partner_id": self.buyer.id,
                    "document_ref": (f"account.move,{invoice.id}", f"sale.order,{big_order.id}")[
                        i % 2
                    ],
                    "picking_id": picking.id,
                    "amount": 10.0,
                    "currency_id": self.company.currency_id.id,
                }
                for i in range(300)
            ]
        )
        self.assertGreater(big.history_count, 300)
        self.assertEqual(self._history_queries(small), self._history_queries(big))

    def test_assets_cost_the_same_queries_for_1_or_20_serials(self):
        few = self.env["res.partner"].create({"name": "Few Assets"})
        many = self.env["res.partner"].create({"name": "Many Assets"})
        lot = self._receive_from_vendor(self.phone, "FEW-1", 40.0)
        lot.tradein_owner_id = few
        lots = self.env["stock.lot"].create(
            [
                {"name": f"MANY-{i}", "product_id": self.phone.id, "company_id": self.company.id}
                for i in range(20)
            ]
        )
        lots.tradein_owner_id = many

        def assets_queries(partner):
            domain = partner.action_view_tradein_assets()["domain"]
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            partner.read(["tradein_asset_count"])
            self.env["stock.lot"].web_search_read(
                domain,
                {
                    "name": {},
                    "product_id": {"fields": {"display_name": {}}},
                    "tradein_condition": {},
                    "tradein_owner_id": {"fields": {"display_name": {}}},
                    "warranty_end_date": {},
                },
            )
            return self.env.cr.sql_log_count - before

        self.assertEqual(assets_queries(few), assets_queries(many))

    # ------------------------------------------------------------------
    # Serial stock policy
    # ------------------------------------------------------------------

    def _adjust(self, serial):
        lot = self.env["stock.lot"].create(
            {"name": serial, "product_id": self.phone.id, "company_id": self.company.id}
        )
        quant = (
            self.env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                {
                    "product_id": self.phone.id,
                    "location_id": self.stock_location.id,
                    "lot_id": lot.id,
                    "inventory_quantity": 1,
                }
            )
        )
        quant.action_apply_inventory()
        return lot

    def test_policy_off_lets_adjustments_create_serials(self):
        lot = self._adjust("ADJ-OFF")
        self.assertEqual(lot.product_qty, 1)
        self.assertEqual(lot.history_ids.event_type, "adjustment")

    def test_policy_refuses_adjustment_that_creates_a_serial(self):
        self.company.tradein_serial_policy = True
        with self.assertRaisesRegex(UserError, "cannot be added by an inventory adjustment"):
            self._adjust("ADJ-ON")
        self.assertEqual(self.phone.qty_available, 0)

    def test_policy_allows_the_serial_import(self):
        self.company.tradein_serial_policy = True
        content = (
            "product,serial,cost,condition,grade\nPhone X,IMP-1,35.5,used,b\nPhone X,IMP-2,20,,\n"
        )
        form = Form(self.env["tradein.serial.import.wizard"])
        form.file = base64.b64encode(content.encode())
        form.save().action_import()
        lots = self.env["stock.lot"].search([("name", "in", ("IMP-1", "IMP-2"))], order="name")
        self.assertEqual(lots.mapped("product_qty"), [1, 1])
        self.assertRecordValues(
            lots,
            [
                {
                    "acquisition_type": "import",
                    "acquisition_price": 35.5,
                    "tradein_condition": "used",
                    "tradein_grade": "b",
                },
                {
                    "acquisition_type": "import",
                    "acquisition_price": 20.0,
                    "tradein_condition": "new",
                    "tradein_grade": False,
                },
            ],
        )
        self.assertEqual(lots[0].history_ids.event_type, "import")
        # Odoo's default valuation (not per serial): the stock value is the
        # two costs, the average cost their mean.
        self.assertEqual(self.phone.qty_available, 2)
        self.assertAlmostEqual(self.phone.total_value, 55.5)
        self.assertAlmostEqual(self.phone.avg_cost, 27.75)

    def test_import_refuses_bad_lines(self):
        for content, message in (
            ("product,serial\nPhone X,A\n", "needs the columns"),
            ("product,serial,cost\nNo Such Thing,A,1\n", "Line 2: no serialized product"),
            ("product,serial,cost\nPhone X,,1\n", "Line 2: the serial is empty"),
            ("product,serial,cost\nPhone X,A,abc\n", "Line 2: the cost is not a number"),
            ("product,serial,cost\nPhone X,A,-1\n", "Line 2: the cost is negative"),
            ("product,serial,cost\nPhone X,OK-1,1\nPhone X,,1\n", "Line 3: the serial is empty"),
        ):
            form = Form(self.env["tradein.serial.import.wizard"])
            form.file = base64.b64encode(content.encode())
            wizard = form.save()
            with self.assertRaisesRegex(UserError, message):
                wizard.action_import()
        self.assertFalse(self.env["stock.lot"].search([("name", "in", ("A", "OK-1"))]))
        self._receive_from_vendor(self.phone, "DUP-IN", 10.0)
        form = Form(self.env["tradein.serial.import.wizard"])
        form.file = base64.b64encode(b"product,serial,cost\nPhone X,DUP-IN,1\n")
        with self.assertRaisesRegex(UserError, "already in our stock"):
            form.save().action_import()

    def test_policy_allows_fixing_a_serial_without_moves(self):
        self.company.tradein_serial_policy = True
        typo = self.env["stock.lot"].create(
            {"name": "TYPO-1", "product_id": self.phone.id, "company_id": self.company.id}
        )
        typo.name = "TYPO-2"
        self.assertEqual(typo.name, "TYPO-2")
        typo.unlink()
        moved = self._receive_from_vendor(self.phone, "MOVED-1", 10.0)
        with self.assertRaisesRegex(UserError, "can no longer be renamed"):
            moved.name = "MOVED-2"
        with self.assertRaisesRegex(UserError, "can no longer be deleted"):
            moved.unlink()
