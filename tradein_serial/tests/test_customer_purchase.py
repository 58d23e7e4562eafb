import ast

from odoo import Command
from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import TradeinCommon


@tagged("post_install", "-at_install")
class TestCustomerPurchase(TradeinCommon):
    def test_setting_shows_menu_only_when_enabled(self):
        user_group = self.env.ref("base.group_user")
        feature = self.env.ref("tradein_serial.group_customer_purchase")
        menu = self.env.ref("tradein_serial.menu_customer_purchase_purchase")
        user = self.env["res.users"].create(
            {
                "name": "Buyer Without Feature",
                "login": "no_feature",
                "company_id": self.company.id,
                "company_ids": [(6, 0, self.company.ids)],
                "group_ids": [(6, 0, [self.env.ref("purchase.group_purchase_user").id])],
            }
        )
        self.env.ref("base.group_user").implied_ids -= feature
        self.assertNotIn(feature, user.all_group_ids)
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        self.assertNotIn(menu.id, visible)

        settings = Form(self.env["res.config.settings"])
        settings.group_customer_purchase = True
        settings.save().execute()

        self.assertIn(feature, user_group.implied_ids)
        self.assertIn(feature, user.all_group_ids)
        self.env["ir.ui.menu"].invalidate_model()
        self.env.registry.clear_cache()
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        self.assertIn(menu.id, visible)

    def test_new_purchase_stores_and_remembers_identification(self):
        newcomer = self.env["res.partner"].create({"name": "Nina Newcomer"})
        form = self._customer_purchase_form()
        form.partner_id = newcomer
        self.assertFalse(form.seller_id_number)
        form.seller_id_type = "driving_licence"
        form.seller_id_number = "DL-998877"
        form.seller_id_country_id = self.env.ref("base.no")
        form.seller_id_authority = "Oslo Police"
        form.seller_id_expiry = "2030-01-31"
        form.seller_birthdate = "1985-02-03"
        with form.order_line.new() as line:
            line.product_id = self.phone
            line.tradein_serial_name = "PHX-0001"
            line.tradein_condition = "used"
            line.tradein_grade = "b"
            line.price_unit = 65.0
        purchase = form.save()

        self.assertTrue(purchase.is_customer_purchase)
        self.assertTrue(purchase.name.startswith("CP"))
        self.assertEqual(purchase.customer_purchase_state, "estimate")
        self.assertEqual(purchase.amount_total, 65.0)
        self.assertEqual(newcomer.tradein_id_type, "driving_licence")
        self.assertEqual(newcomer.tradein_id_number, "DL-998877")
        self.assertEqual(newcomer.tradein_id_country_id, self.env.ref("base.no"))
        self.assertEqual(str(newcomer.tradein_birthdate), "1985-02-03")
        # The next purchase from the same person is pre-filled.
        again = self._customer_purchase_form()
        again.partner_id = newcomer
        self.assertEqual(again.seller_id_number, "DL-998877")
        self.assertEqual(again.seller_id_authority, "Oslo Police")
        # A customer purchase is not listed among vendor orders, and the
        # seller does not become a vendor of the product.
        rfq_domain = self.env.ref("purchase.purchase_rfq")._get_action_dict()["domain"]
        self.assertNotIn(purchase, self.env["purchase.order"].search(ast.literal_eval(rfq_domain)))

    def test_known_serial_shows_owner_and_warns_for_other_seller(self):
        lot = self._receive_from_vendor(self.phone, "PHX-KNOWN", 40.0)
        self._deliver_lot(lot, self.buyer)
        self.assertEqual(lot.last_customer_id, self.buyer)

        form = self._customer_purchase_form()
        form.partner_id = self.seller
        with form.order_line.new() as line:
            line.tradein_lot_id = lot
            self.assertEqual(line.product_id, self.phone)
            self.assertEqual(line.tradein_last_owner_id, self.buyer)
            self.assertIn("Bea Buyer", line.tradein_owner_warning)
            line.price_unit = 30.0
        purchase = form.save()
        self.assertIn("not to Sam Seller", purchase.order_line.tradein_owner_warning)

        own = self._create_customer_purchase(self.buyer, [{"lot": lot, "price": 30.0}])
        self.assertFalse(own.order_line.tradein_owner_warning)

    def test_pay_out_cash_posts_bill_and_payment(self):
        purchase = self._create_customer_purchase(items=[{"serial": "PHX-CASH", "price": 65.0}])
        self.assertFalse(purchase.invoice_ids)
        bill = self._pay_out(purchase, reference="R-17", memo="Paid at counter")

        self.assertEqual(purchase.customer_purchase_state, "paid")
        self.assertEqual(purchase.state, "purchase")
        self.assertEqual(purchase.payout_method, "journal")
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.state, "posted")
        self.assertEqual(bill.partner_id, self.seller)
        self.assertEqual(bill.ref, purchase.name)
        self.assertIn("Self-billing", str(bill.narration))
        self.assertEqual(bill.amount_total, 65.0)
        self.assertEqual(bill.invoice_line_ids.purchase_line_id, purchase.order_line)
        payable = bill.line_ids.filtered(lambda line: line.account_type == "liability_payable")
        self.assertRecordValues(
            payable, [{"credit": 65.0, "debit": 0.0, "partner_id": self.seller.id}]
        )
        product_line = bill.line_ids.filtered(lambda line: line.display_type == "product")
        self.assertRecordValues(product_line, [{"debit": 65.0, "credit": 0.0}])
        self.assertIn(bill.payment_state, ("paid", "in_payment"))
        self.assertTrue(payable.reconciled)

        payment = purchase.payout_payment_id
        self.assertEqual(payment.state, "paid" if payment.state == "paid" else "in_process")
        self.assertEqual(payment.journal_id, self.cash_journal)
        self.assertEqual(payment.amount, 65.0)
        self.assertEqual(payment.payment_type, "outbound")
        self.assertEqual(payment.partner_id, self.seller)
        cash_line = payment.move_id.line_ids.filtered(
            lambda line: line.account_id != payable.account_id
        )
        self.assertEqual(cash_line.credit, 65.0)
        # Paying twice is impossible.
        with self.assertRaisesRegex(UserError, "already been paid out"):
            purchase.action_tradein_payout()
        with self.assertRaisesRegex(UserError, "already been paid out"):
            purchase.with_user(self.clerk)._tradein_pay_out("journal", journal=self.cash_journal)
        self.assertEqual(len(purchase.invoice_ids), 1)
        self.assertEqual(
            self.env["account.payment"].search_count([("partner_id", "=", self.seller.id)]), 1
        )

    def test_pay_out_as_store_credit_spent_on_next_invoice(self):
        purchase = self._create_customer_purchase(items=[{"serial": "PHX-CREDIT", "price": 65.0}])
        bill = self._pay_out(purchase, method="store_credit", memo="credit")

        self.assertEqual(purchase.customer_purchase_state, "paid")
        self.assertFalse(purchase.payout_payment_id)
        entry = purchase.payout_credit_move_id
        self.assertEqual(entry.state, "posted")
        self.assertRecordValues(
            entry.line_ids.sorted("debit"),
            [
                {
                    "account_type": "asset_receivable",
                    "debit": 0.0,
                    "credit": 65.0,
                    "partner_id": self.seller.id,
                },
                {
                    "account_type": "liability_payable",
                    "debit": 65.0,
                    "credit": 0.0,
                    "partner_id": self.seller.id,
                },
            ],
        )
        self.assertIn(bill.payment_state, ("paid", "in_payment"))

        # The credit shows on the seller's next customer invoice and pays it.
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.seller.id,
                "invoice_line_ids": [(0, 0, {"product_id": self.tablet.id, "price_unit": 100.0})],
            }
        )
        invoice.action_post()
        widget = invoice.invoice_outstanding_credits_debits_widget
        self.assertTrue(widget and widget["outstanding"])
        credit_line = entry.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        self.assertIn(credit_line.id, [item["id"] for item in widget["content"]])
        invoice.js_assign_outstanding_line(credit_line.id)
        # 100 + the default 15 % tax, less the 65 of store credit.
        self.assertEqual(invoice.amount_residual, 50.0)

    def test_add_to_inventory_values_serial_and_moves_average_cost(self):
        self._receive_from_vendor(self.phone, "PHX-STOCK-1", 40.0)
        self.assertEqual(self.phone.qty_available, 1)
        self.assertAlmostEqual(self.phone.avg_cost, 40.0)

        purchase = self._create_customer_purchase(
            items=[{"serial": "PHX-BOUGHT", "price": 65.0, "grade": "a", "retail": 99.0}]
        )
        self._pay_out(purchase)
        line = purchase.order_line
        self.assertEqual(self.phone.qty_available, 1, "nothing in stock before Add to Inventory")
        line.with_user(self.clerk).action_tradein_add_to_inventory()

        lot = line.tradein_lot_id
        self._assert_serial_bought_in_stock(lot, line)
        self.phone.invalidate_recordset()
        self.assertEqual(self.phone.qty_available, 2)
        # Odoo's default valuation (not per serial): the product's average
        # cost moves, (40 + 65) / 2, and the stock value is both prices.
        self.assertAlmostEqual(self.phone.avg_cost, 52.5)
        self.assertAlmostEqual(self.phone.total_value, 105.0)
        self.assertFalse(self.phone.lot_valuated)
        self.assertEqual(line.qty_received, 1)
        self.assertEqual(line.tradein_state, "in_inventory")
        self.assertEqual(purchase.customer_purchase_state, "completed")
        # The seller did not become a vendor of the phone.
        self.assertNotIn(self.seller, self.phone.seller_ids.partner_id)
        # Sold, the serial's own retail price replaces the product's.
        form = Form(self.env["sale.order"])
        form.partner_id = self.buyer
        with form.order_line.new() as sale_line:
            sale_line.product_id = self.phone
            self.assertEqual(sale_line.price_unit, 75.0)
            sale_line.tradein_lot_sold_id = lot
            self.assertEqual(sale_line.price_unit, 99.0)
        order = form.save()
        self.assertEqual(order.order_line.price_unit, 99.0)
        with self.assertRefused(ValidationError, "is a serial of Phone X, not of Tablet Y"):
            order.order_line.product_id = self.tablet

    def _assert_serial_bought_in_stock(self, lot, line):
        """The serial bought on `line` (PHX-BOUGHT, 65, grade A, retail 99) is
        in stock with its acquisition."""
        self.assertEqual(lot.name, "PHX-BOUGHT")
        self.assertEqual(lot.product_id, self.phone)
        self.assertEqual(lot.product_qty, 1)
        self.assertEqual(lot.location_id, self.stock_location)
        self.assertRecordValues(
            lot,
            [
                {
                    "acquisition_type": "customer_purchase",
                    "acquisition_partner_id": self.seller.id,
                    "acquisition_price": 65.0,
                    "tradein_condition": "used",
                    "tradein_grade": "a",
                    "tradein_retail_price": 99.0,
                    "is_used": True,
                }
            ],
        )
        self.assertEqual(lot.acquisition_purchase_line_id, line)

    def test_each_line_goes_to_inventory_on_its_own(self):
        purchase = self._create_customer_purchase(
            items=[
                {"serial": "PHX-A", "price": 50.0},
                {"product": self.tablet, "serial": "TAB-B", "price": 80.0},
            ]
        )
        self._pay_out(purchase)
        phone_line, tablet_line = purchase.order_line
        phone_line.action_tradein_add_to_inventory()
        self.assertEqual(self.phone.qty_available, 1)
        self.assertEqual(self.tablet.qty_available, 0)
        self.assertEqual(purchase.customer_purchase_state, "in_inventory")
        tablet_line.action_tradein_add_to_inventory()
        self.assertEqual(self.tablet.qty_available, 1)
        self.assertEqual(purchase.customer_purchase_state, "completed")
        with self.assertRaisesRegex(UserError, "already in inventory"):
            tablet_line.action_tradein_add_to_inventory()

    def test_manual_item_becomes_one_time_product(self):
        category = self.env["product.category"].create({"name": "Guitars"})
        purchase = self._create_customer_purchase(
            items=[
                {
                    "product": self.env.ref("tradein_serial.product_unlisted_item"),
                    "tradein_manual_name": "Vintage Guitar 1972",
                    "tradein_manual_categ_id": category,
                    "tradein_manual_serialized": True,
                    "serial": "GTR-72-001",
                    "price": 300.0,
                    "retail": 650.0,
                }
            ]
        )
        line = purchase.order_line
        self.assertTrue(line.tradein_is_manual)
        self._pay_out(purchase)
        with self.assertRaisesRegex(UserError, "Create the product"):
            line.action_tradein_add_to_inventory()

        line.with_user(self.clerk).action_tradein_add_one_time_product()
        product = line.product_id
        self.assertFalse(line.tradein_is_manual)
        self.assertRecordValues(
            product,
            [
                {
                    "name": "Vintage Guitar 1972",
                    "categ_id": category.id,
                    "tracking": "serial",
                    "is_storable": True,
                    "list_price": 650.0,
                    "tradein_one_time": True,
                }
            ],
        )
        self.assertEqual(line.move_ids.product_id, product)
        self.assertEqual(purchase.customer_purchase_state, "product_created")

        line.action_tradein_add_to_inventory()
        self.assertEqual(product.qty_available, 1)
        self.assertEqual(line.tradein_lot_id.name, "GTR-72-001")
        self.assertEqual(purchase.customer_purchase_state, "completed")

        # Sold once, the one-time product is archived.
        self._deliver_lot(line.tradein_lot_id, self.buyer)
        self.assertFalse(product.active)

    def test_manual_item_add_product_keeps_it_in_catalogue(self):
        purchase = self._create_customer_purchase(
            items=[
                {
                    "product": self.env.ref("tradein_serial.product_unlisted_item"),
                    "tradein_manual_name": "Road Bike",
                    "tradein_manual_serialized": False,
                    "price": 120.0,
                }
            ]
        )
        self._pay_out(purchase)
        line = purchase.order_line
        line.action_tradein_add_product()
        self.assertEqual(line.product_id.tracking, "none")
        self.assertFalse(line.product_id.tradein_one_time)
        line.action_tradein_add_to_inventory()
        self.assertEqual(line.product_id.qty_available, 1)
        self.assertAlmostEqual(line.product_id.avg_cost, 120.0)

    def test_move_to_another_product_keeps_cost(self):
        purchase = self._create_customer_purchase(items=[{"serial": "MOVE-1", "price": 70.0}])
        self._pay_out(purchase)
        line = purchase.order_line
        action = line.action_tradein_move_product()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard.product_id = self.tablet
        wizard.save().action_move()
        self.assertEqual(line.product_id, self.tablet)
        self.assertEqual(line.price_unit, 70.0)
        line.action_tradein_add_to_inventory()
        self.assertEqual(self.tablet.qty_available, 1)
        self.assertEqual(self.phone.qty_available, 0)
        self.assertAlmostEqual(self.tablet.avg_cost, 70.0)
        self.assertAlmostEqual(self.tablet.total_value, 70.0)
        self.assertEqual(line.tradein_lot_id.product_id, self.tablet)

    def test_start_refurb_and_finish(self):
        purchase = self._create_customer_purchase(items=[{"serial": "REF-1", "price": 20.0}])
        self._pay_out(purchase)
        line = purchase.order_line
        action = line.action_tradein_start_refurb()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard.issue = "Cracked screen"
        wizard.save().action_send_to_refurb()
        self.assertEqual(line.tradein_state, "waiting_refurb")
        self.assertEqual(line.tradein_refurb_issue, "Cracked screen")
        self.assertEqual(purchase.customer_purchase_state, "waiting_refurb")
        self.assertEqual(line.tradein_lot_id.product_qty, 1)
        # What "Refurb Done" (or tradein_refurb, when installed) calls.
        line._tradein_refurb_done()
        self.assertEqual(line.tradein_state, "refurbished")
        self.assertEqual(line.tradein_lot_id.tradein_condition, "refurbished")
        self.assertEqual(purchase.customer_purchase_state, "completed")

    def test_refurb_needs_the_item_or_the_serial(self):
        wizard = self.env["tradein.refurb.start.wizard"].create({"issue": "Cracked screen"})
        waiting = self.env["purchase.order.line"].search_count(
            [("tradein_state", "=", "waiting_refurb")]
        )
        with self.assertRaisesRegex(UserError, "Choose the item or the serial"):
            wizard.action_send_to_refurb()
        self.assertEqual(
            self.env["purchase.order.line"].search_count(
                [("tradein_state", "=", "waiting_refurb")]
            ),
            waiting,
        )

    def test_status_changes_are_logged(self):
        # BaseCommon switches tracking off; a user has it on.
        self.env = self.env(
            context={
                key: value
                for key, value in self.env.context.items()
                if key not in ("tracking_disable", "mail_notrack", "mail_create_nolog")
            }
        )
        purchase = self._create_customer_purchase(items=[{"serial": "LOG-1", "price": 20.0}])
        # A new request: Odoo does not track records created in the same one.
        self.env.flush_all()
        self.env.cr.precommit.run()
        purchase.tradein_notes = "Screen scratched, battery 80%"
        self._pay_out(purchase)
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit
        purchase.invalidate_recordset(["message_ids"])
        tracked = purchase.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name in ("customer_purchase_state", "tradein_notes")
        )
        status = tracked.filtered(lambda t: t.field_id.name == "customer_purchase_state")
        self.assertEqual(status.old_value_char, "Estimate")
        self.assertEqual(status.new_value_char, "Paid")
        notes = tracked.filtered(lambda t: t.field_id.name == "tradein_notes")
        self.assertEqual(notes.new_value_text, "Screen scratched, battery 80%")

    def test_receipt_pdf_content(self):
        purchase = self._create_customer_purchase(
            items=[{"serial": "PDF-1", "price": 42.0, "grade": "b"}]
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("tradein_serial.report_customer_purchase_receipt", purchase.ids)[0]
            .decode()
        )
        for text in (
            "Purchase Receipt",
            purchase.name,
            "Sam Seller",
            "P1234567",
            "PDF-1",
            "Phone X",
            "Seller's signature",
            "42.00",
        ):
            self.assertIn(text, html)

    # ------------------------------------------------------------------
    # Wrong paths: clear errors, nothing half-written
    # ------------------------------------------------------------------

    def test_price_must_be_positive(self):
        for price in (0.0, -10.0):
            # assertRaises rolls back to a savepoint, as a failed request does.
            with self.assertRaises(ValidationError) as error:
                self._create_customer_purchase(items=[{"serial": f"NEG{price}", "price": price}])
            self.assertIn("must be more than zero", str(error.exception))
        self.assertFalse(
            self.env["purchase.order"].search(
                [("is_customer_purchase", "=", True), ("partner_id", "=", self.seller.id)]
            )
        )

    def test_serial_already_in_stock_is_refused(self):
        lot = self._receive_from_vendor(self.phone, "IN-STOCK", 40.0)
        with self.assertRefused(ValidationError, "already in our stock"):
            self._create_customer_purchase(items=[{"serial": "IN-STOCK"}])
        with self.assertRefused(ValidationError, "already in our stock"):
            self._create_customer_purchase(items=[{"lot": lot}])

    def test_serial_of_another_product_is_refused(self):
        lot = self._receive_from_vendor(self.tablet, "TAB-OTHER", 40.0)
        self._deliver_lot(lot, self.seller)
        purchase = self._create_customer_purchase(items=[{"serial": "X-1"}])
        with self.assertRefused(ValidationError, "belongs to Tablet Y"):
            purchase.order_line.write({"tradein_lot_id": lot.id})

    def test_same_serial_twice_is_refused(self):
        with self.assertRefused(ValidationError, "twice"):
            self._create_customer_purchase(items=[{"serial": "DUP-1"}, {"serial": "DUP-1"}])

    def test_missing_identification_blocks_pay_out(self):
        anonymous = self.env["res.partner"].create({"name": "No Papers"})
        purchase = self._create_customer_purchase(anonymous, [{"serial": "ANON-1"}])
        with self.assertRaisesRegex(
            UserError, "Identify the seller.*ID Type, ID Number, Date of Birth"
        ):
            self._pay_out(purchase)
        self.assertEqual(purchase.state, "draft")
        self.assertEqual(purchase.customer_purchase_state, "estimate")
        self.assertFalse(purchase.invoice_ids)
        self.assertFalse(purchase.payout_date)
        # Without the setting, the same purchase can be paid out.
        self.company.tradein_require_identification = False
        self._pay_out(purchase)
        self.assertEqual(purchase.customer_purchase_state, "paid")

    def test_pay_out_needs_items_and_a_cash_or_bank_journal(self):
        empty = self._create_customer_purchase()
        with self.assertRaisesRegex(UserError, "at least one item"):
            empty.action_tradein_payout()
        purchase = self._create_customer_purchase(items=[{"serial": "J-1"}])
        misc = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "general")], limit=1
        )
        with self.assertRaisesRegex(UserError, "cash or bank journal"):
            purchase._tradein_pay_out("journal", journal=misc)
        with self.assertRaisesRegex(UserError, "cash, by bank or as store credit"):
            purchase._tradein_pay_out("allowance")
        self.assertEqual(purchase.state, "draft")
        self.assertFalse(purchase.invoice_ids)

    def test_the_chatter_tells_a_customer_purchase(self):
        """Not "Purchase Order created" and "RFQ -> Purchase Order": the
        customer purchase's own words and status."""
        mail_on = {
            key: value
            for key, value in self.env.context.items()
            if key not in DISABLED_MAIL_CONTEXT
        }
        clerk = self.env(user=self.clerk, context=mail_on)
        form = Form(
            clerk["purchase.order"].with_context(default_is_customer_purchase=True),
            view="tradein_serial.customer_purchase_view_form",
        )
        form.partner_id = self.seller
        with form.order_line.new() as line:
            line.product_id = self.phone
            line.tradein_serial_name = "CHAT-1"
            line.price_unit = 40.0
        purchase = form.save()
        # Pay-out moves both statuses, as Odoo's tracking logs them.
        before = {
            "state": purchase.state,
            "customer_purchase_state": purchase.customer_purchase_state,
        }
        self._pay_out(purchase)
        tracking = purchase.sudo()._message_track(list(before), {purchase.id: before})
        changed, values = tracking[purchase.id]
        self.assertEqual(set(changed), {"state", "customer_purchase_state"})
        messages = purchase.sudo().message_ids
        self.assertIn("Customer purchase created", messages.mapped("preview"))
        self.assertNotIn("Purchase Order created", messages.mapped("preview"))
        values = messages.tracking_value_ids
        shown = purchase._track_filter_for_display(values)
        self.assertNotIn("state", shown.field_id.mapped("name"))
        self.assertIn("customer_purchase_state", shown.field_id.mapped("name"))

    def test_a_private_seller_is_no_vendor(self):
        """Sam sold us a phone: Bought From counts it; Purchases and Vendor
        Bills (Odoo's vendor buttons) do not."""
        purchase = self._create_customer_purchase(items=[{"serial": "PRIV-1", "price": 30.0}])
        self._pay_out(purchase)
        self.assertTrue(purchase.payout_bill_id)
        seller = self.seller.with_user(self.clerk)
        self.assertRecordValues(
            seller,
            [
                {
                    "customer_purchase_count": 1,
                    "purchase_order_count": 0,
                    "supplier_invoice_count": 0,
                }
            ],
        )
        # A real vendor order of the same partner still counts.
        self.env["purchase.order"].create(
            {
                "partner_id": self.seller.id,
                "order_line": [Command.create({"product_id": self.phone.id, "product_qty": 1})],
            }
        )
        seller.invalidate_recordset()
        self.assertEqual(seller.purchase_order_count, 1)
        arch = self.env["res.partner"].get_view(view_type="form")["arch"]
        self.assertIn('invisible="purchase_order_count == 0"', arch)

    def test_settings_show_the_store_credit_journal_in_use(self):
        """Empty on the company, the setting shows the miscellaneous journal
        store credit falls back to; another journal chosen is kept."""
        self.assertFalse(self.company.tradein_store_credit_journal_id)
        misc = self.company._tradein_store_credit_journal()
        self.assertEqual(misc.type, "general")
        settings = Form(self.env["res.config.settings"])
        self.assertEqual(settings.tradein_store_credit_journal_id, misc)
        settings.save().execute()
        # Saved as proposed: the journal in use is kept as the setting.
        self.assertEqual(self.company.tradein_store_credit_journal_id, misc)
        credit = self.env["account.journal"].create(
            {
                "name": "Store Credit",
                "code": "SCRD",
                "type": "general",
                "company_id": self.company.id,
            }
        )
        settings = Form(self.env["res.config.settings"])
        settings.tradein_store_credit_journal_id = credit
        settings.save().execute()
        self.assertEqual(self.company.tradein_store_credit_journal_id, credit)
        self.assertEqual(self.company._tradein_store_credit_journal(), credit)
