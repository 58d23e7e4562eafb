from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import TradeinTourCase


@tagged("post_install", "-at_install")
class TestTours(TradeinTourCase):
    """The flows of tradein_serial in a real browser (Chromium)."""

    def test_customer_purchase_to_pay_out_and_stock(self):
        self._partner_with_identification("Tour Seller")
        product = self._create_serial_product("Tour Phone", purchase_ok=True)
        # The product keeps the company's default purchase tax (15%).
        purchase_tax = self.company.account_purchase_tax_id
        self.assertEqual(purchase_tax.amount, 15.0)
        self.assertEqual(
            product.supplier_taxes_id._filter_taxes_by_company(self.company), purchase_tax
        )
        self.start_flow_tour(
            "/odoo/action-tradein_serial.customer_purchase_action",
            "tradein_customer_purchase_tour",
            "customer_purchase",
        )
        purchase = self.env["purchase.order"].search(
            [("partner_id.name", "=", "Tour Seller"), ("is_customer_purchase", "=", True)]
        )
        self.assertEqual(purchase.customer_purchase_state, "completed")
        self.assertEqual(purchase.order_line.tradein_serial_name, "TOUR-SN-1")
        # Paid out at exactly its price: no VAT on the purchase or its bill.
        self.assertRecordValues(purchase, [{"amount_total": 45.0, "amount_tax": 0.0}])
        self.assertFalse(purchase.order_line.tax_ids)
        self.assertEqual(purchase.payout_method, "store_credit")
        bill = purchase.payout_bill_id
        self.assertRecordValues(
            bill, [{"state": "posted", "amount_total": 45.0, "amount_tax": 0.0}]
        )
        self.assertFalse(bill.line_ids.filtered("tax_line_id"))
        self.assertEqual(purchase.payout_credit_move_id.amount_total, 45.0)
        # Add to Inventory: the serial is on hand, valued at the price paid.
        line = purchase.order_line
        self.assertEqual(line.tradein_state, "in_inventory")
        lot = line.tradein_lot_id
        self.assertRecordValues(
            lot,
            [
                {
                    "name": "TOUR-SN-1",
                    "product_id": product.id,
                    "acquisition_type": "customer_purchase",
                    "acquisition_price": 45.0,
                    "product_qty": 1.0,
                }
            ],
        )
        self.assertEqual(lot.location_id, self.stock_location)
        self.assertEqual(product.qty_available, 1.0)
        self.assertAlmostEqual(product.avg_cost, 45.0)
        self.assertEqual(purchase.picking_ids.state, "done")

    def test_customer_purchase_add_all_to_inventory(self):
        seller = self._partner_with_identification("Tour Seller")
        product = self._create_serial_product("Tour Phone", purchase_ok=True)
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": seller.id,
                "is_customer_purchase": True,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": 1,
                            "price_unit": price,
                            "tradein_serial_name": serial,
                        }
                    )
                    for serial, price in (("ALL-TOUR-1", 40.0), ("ALL-TOUR-2", 60.0))
                ],
            }
        )
        till = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "cash")], limit=1
        )
        purchase._tradein_pay_out("journal", journal=till)
        self.start_flow_tour(
            f"/odoo/action-tradein_serial.customer_purchase_action/{purchase.id}",
            "tradein_customer_purchase_add_all_tour",
            "customer_purchase_add_all",
        )
        self.assertEqual(purchase.customer_purchase_state, "completed")
        self.assertEqual(product.qty_available, 2)
        self.assertAlmostEqual(product.avg_cost, 50.0)
        self.assertEqual(len(purchase.picking_ids), 1, "one receipt, no backorder")
        self.assertEqual(purchase.picking_ids.state, "done")

    def test_tradein_on_a_quotation_to_invoice(self):
        buyer = self._partner_with_identification("Tour Buyer")
        # As a new shop has them: the company's default sales tax (15%), Odoo's
        # default valuation; the old phone's trade-in price is the allowance
        # the assistant accepts.
        sales_tax = self.company.account_sale_tax_id
        self.assertEqual(sales_tax.amount, 15.0)
        new_phone = self._create_serial_product(
            "Tour New Phone", list_price=300.0, standard_price=200.0, invoice_policy="delivery"
        )
        old_phone = self._create_serial_product(
            "Tour Old Phone", list_price=100.0, tradein_price=40.0
        )
        self.assertEqual(new_phone.taxes_id._filter_taxes_by_company(self.company), sales_tax)
        # The shop owns one new phone to sell.
        new_lot = self._stock(new_phone, 1, serial="TOUR-NEW-1")

        self.start_flow_tour(
            "/odoo/action-sale.action_quotations_with_onboarding/new",
            "tradein_sale_tour",
            "tradein",
        )

        order = self.env["sale.order"].search([("partner_id", "=", buyer.id)])
        self.assertEqual(order.state, "sale")
        # 300 + 15% tax, less the allowance of 40 (a separate purchase: no tax).
        self.assertEqual(order.amount_total, 305.0)
        tradein_line = order.order_line.filtered("is_tradein")
        self.assertFalse(tradein_line.tax_ids)
        self.assertRecordValues(
            tradein_line,
            [
                {
                    "product_id": old_phone.id,
                    "tradein_serial_name": "TOUR-OLD-1",
                    "tradein_allowance": 40.0,
                    "price_unit": -40.0,
                }
            ],
        )
        self._assert_taken_in_for_the_allowance(order, buyer, old_phone)
        # The serial sold left with the delivery and belongs to the buyer.
        delivery = order.picking_ids
        self.assertEqual(delivery.state, "done")
        self.assertEqual(delivery.move_line_ids.lot_id, new_lot)
        self.assertEqual(new_phone.qty_available, 0.0)
        self.assertEqual(new_lot.tradein_owner_id, buyer)
        self._assert_invoiced_with_the_allowance_on_stock(order, new_phone, old_phone, sales_tax)

    def _assert_taken_in_for_the_allowance(self, order, buyer, old_phone):
        """Confirmation took the item in: a customer purchase paid by the
        allowance, the old phone in stock at the allowance."""
        purchase = order.tradein_purchase_ids
        self.assertRecordValues(
            purchase,
            [
                {
                    "partner_id": buyer.id,
                    "state": "purchase",
                    "payout_method": "allowance",
                    "customer_purchase_state": "completed",
                }
            ],
        )
        old_lot = purchase.order_line.tradein_lot_id
        self.assertRecordValues(
            old_lot,
            [
                {
                    "name": "TOUR-OLD-1",
                    "product_id": old_phone.id,
                    "acquisition_type": "trade_in",
                    "acquisition_partner_id": buyer.id,
                    "acquisition_price": 40.0,
                    "tradein_condition": "used",
                }
            ],
        )
        self.assertEqual(old_lot.location_id, self.stock_location)
        (taken_in,) = old_lot.history_ids.filtered(lambda e: e.event_type == "trade_in")
        self.assertEqual(taken_in.amount, 40.0)
        self.assertEqual(old_phone.qty_available, 1.0)
        self.assertAlmostEqual(old_phone.avg_cost, 40.0)

    def _assert_invoiced_with_the_allowance_on_stock(self, order, new_phone, old_phone, sales_tax):
        """The invoice: the net amount; the allowance on stock, not revenue."""
        invoice = order.invoice_ids
        self.assertRecordValues(
            invoice,
            [{"move_type": "out_invoice", "state": "posted", "amount_total": 305.0}],
        )
        self.assertEqual(order.invoice_status, "invoiced")
        allowance = invoice.invoice_line_ids.filtered(lambda line: line.price_unit < 0)
        self.assertEqual(allowance.price_subtotal, -40.0)
        stock_account = old_phone.product_tmpl_id.get_product_accounts()["stock_valuation"]
        self.assertEqual(allowance.account_id, stock_account)
        self.assertEqual(allowance.debit, 40.0)
        receivable = invoice.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        self.assertEqual(receivable.debit, 305.0)
        tax = invoice.line_ids.filtered(lambda line: line.tax_line_id == sales_tax)
        self.assertEqual(tax.credit, 45.0)
        income = new_phone.product_tmpl_id.get_product_accounts()["income"]
        revenue = invoice.line_ids.filtered(lambda line: line.account_id == income)
        self.assertEqual(sum(revenue.mapped("credit")) - sum(revenue.mapped("debit")), 300.0)

    def test_deposit_on_an_order_bought_from_the_vendor(self):
        buyer = self.env["res.partner"].create({"name": "Tour Deposit Buyer"})
        vendor = self.env["res.partner"].create({"name": "Tour Camera Wholesale"})
        till = self.env["account.journal"].create(
            {"name": "Tour Till", "code": "TTIL", "type": "cash", "company_id": self.company.id}
        )
        mto = self.env.ref("stock.route_warehouse0_mto")
        mto.active = True
        camera = self._create_serial_product(
            "Tour Camera",
            list_price=1000.0,
            route_ids=[
                Command.set([mto.id, self.env.ref("purchase_stock.route_warehouse0_buy").id])
            ],
            seller_ids=[Command.create({"partner_id": vendor.id, "price": 700.0})],
        )
        camera.product_tmpl_id.tradein_requires_deposit = True

        self.start_flow_tour(
            "/odoo/action-sale.action_quotations_with_onboarding/new",
            "tradein_deposit_tour",
            "deposit",
        )

        order = self.env["sale.order"].search([("partner_id", "=", buyer.id)])
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.amount_total, 1150.0)  # 1,000 + the default 15 % tax
        self._assert_deposit_paid_at_the_till(order, till)
        # The make-to-order rule asked the vendor for the camera.
        purchase = self.env["purchase.order"].search([("origin", "ilike", order.name)])
        self.assertRecordValues(
            purchase,
            [{"partner_id": vendor.id, "state": "draft", "is_customer_purchase": False}],
        )
        self.assertRecordValues(
            purchase.order_line, [{"product_id": camera.id, "product_qty": 1.0}]
        )

    def _assert_deposit_paid_at_the_till(self, order, till):
        """The tour's deposit of 300: invoiced, posted and paid into `till`."""
        deposit = order.invoice_ids
        self.assertRecordValues(
            deposit,
            [
                {
                    "move_type": "out_invoice",
                    "state": "posted",
                    "amount_total": 300.0,
                    "amount_residual": 0.0,
                }
            ],
        )
        self.assertEqual(deposit.payment_state, "paid")
        payment = deposit.matched_payment_ids
        self.assertRecordValues(payment, [{"journal_id": till.id, "amount": 300.0}])
        self.assertTrue(order.order_line.filtered("is_downpayment"))
        self.assertEqual(order.tradein_billing_status, "partial")
        self.assertEqual(order.tradein_deposit_amount, 300.0)

    def test_serial_life_from_the_public_to_a_customer_and_back(self):
        seller = self._partner_with_identification("Tour Public Seller")
        owner = self.env["res.partner"].create({"name": "Tour Owner"})
        product = self._create_serial_product("Tour Life Phone", list_price=150.0)
        lot = self._bought_from_the_public(seller, product, "TOUR-LIFE-1", 60.0)
        order = self._deliver_lot(lot, owner)
        invoice = self._invoice(order)
        self.assertEqual(lot.tradein_owner_id, owner)
        # In the serial's order (newest first), as its form shows them.
        events_before = lot.history_ids.sorted()
        self.assertEqual(
            events_before.mapped("event_type"), ["invoice", "delivery", "customer_purchase"]
        )

        self.start_flow_tour(
            f"/odoo/action-stock.action_production_lot_form/{lot.id}",
            "tradein_serial_life_tour",
            "serial_life",
        )

        # Back in our stock, nobody's any more.
        self.assertFalse(lot.tradein_owner_id)
        self.assertEqual(lot.location_id, self.stock_location)
        self.assertEqual(lot.product_qty, 1.0)
        self.assertEqual(product.qty_available, 1.0)
        quant = lot.quant_ids.filtered(lambda q: q.quantity > 0)
        self.assertEqual(quant.location_id.usage, "internal")
        # History: the return with its reason, and the credit note, newest first.
        new_events = (lot.history_ids - events_before).sorted()
        self.assertEqual(new_events.mapped("event_type"), ["credit_note", "return"])
        returned = new_events.filtered(lambda e: e.event_type == "return")
        self.assertEqual(returned.note, "Screen cracked")
        self.assertEqual(returned.picking_id.location_dest_id, self.stock_location)
        self.assertEqual(returned.picking_id.state, "done")
        self._assert_credited_in_draft(invoice, owner, new_events)

    def _assert_credited_in_draft(self, invoice, owner, new_events):
        """By default (Credit Note on Return: draft) the invoice is credited
        in draft, with the reason of the return, and the history links it."""
        self.assertEqual(self.company.tradein_return_credit_note, "draft")
        credit_note = self.env["account.move"].search([("reversed_entry_id", "=", invoice.id)])
        self.assertRecordValues(
            credit_note,
            [
                {
                    "move_type": "out_refund",
                    "state": "draft",
                    "partner_id": owner.id,
                    "amount_total": 172.5,  # 150 + the default 15 % tax
                }
            ],
        )
        self.assertIn("Screen cracked", credit_note.ref)
        self.assertEqual(
            new_events.filtered(lambda e: e.event_type == "credit_note").document_ref, credit_note
        )

    def test_blocked_serial_listed_then_offered(self):
        seller = self._partner_with_identification("Tour Seller")
        self._create_serial_product("Tour Phone", purchase_ok=True)
        self.start_flow_tour(
            "/odoo/action-tradein_serial.tradein_blocked_serial_action",
            "tradein_blocked_serial_tour",
            "blocked_serial",
        )
        entry = self.env["tradein.blocked.serial"].search([("source", "=", "Police report 42")])
        self.assertRecordValues(
            entry, [{"name": "tour-stolen 1", "reason": "stolen", "company_id": self.company.id}]
        )
        self.start_flow_tour(
            "/odoo/action-tradein_serial.customer_purchase_action",
            "tradein_blocked_offer_tour",
            "blocked_offer",
        )
        purchase = self.env["purchase.order"].search(
            [("partner_id", "=", seller.id), ("is_customer_purchase", "=", True)]
        )
        self.assertEqual(purchase.customer_purchase_state, "paid")
        attempt = self.env["tradein.blocked.attempt"].search([("purchase_id", "=", purchase.id)])
        admin = self.env.ref("base.user_admin")
        self.assertRecordValues(
            attempt,
            [
                {
                    "serial": "TOUR-STOLEN-1",
                    "blocked_serial_id": entry.id,
                    "outcome": "bought",
                    "user_id": admin.id,
                    "decided_by_id": admin.id,
                }
            ],
        )
        self.assertIn("despite the blocked list", " ".join(seller.message_ids.mapped("body")))

    def test_checks_when_the_purchase_is_saved(self):
        """#24 point 2, as an assistant types it: a missing serial, a serial
        in stock and the same serial twice are refused at Save; the Known
        Serial picker offers the serial at a customer, not the one in stock."""
        seller = self._partner_with_identification("Tour Check Seller")
        owner = self.env["res.partner"].create({"name": "Tour Check Owner"})
        product = self._create_serial_product("Tour Check Phone", purchase_ok=True)
        in_stock = self._stock(product, 1, serial="TOUR-CHECK-IN")
        out = self._stock(product, 1, serial="TOUR-CHECK-OUT")
        self._deliver_lot(out, owner)
        self.assertEqual(out.tradein_owner_id, owner)
        purchases = self.env["purchase.order"].search([("is_customer_purchase", "=", True)])

        # The server refuses each bad save (Odoo logs a refused request as a
        # warning): three refusals, in the assistant's order.
        with self.assertLogs("odoo.http", "WARNING") as refusals:
            self.start_flow_tour(
                "/odoo/action-tradein_serial.customer_purchase_action",
                "tradein_early_checks_tour",
                "early_checks",
            )
        self.assertEqual(len(refusals.records), 3, refusals.output)
        for record, expected in zip(
            refusals.records,
            [
                "Enter the serial number of Tour Check Phone",
                "Serial TOUR-CHECK-IN of Tour Check Phone is already in our stock",
                "Serial TOUR-CHECK-OUT is on",
            ],
            strict=True,
        ):
            self.assertIn(expected, record.getMessage())

        purchase = (
            self.env["purchase.order"].search([("is_customer_purchase", "=", True)]) - purchases
        )
        self._assert_only_the_known_serial_bought(purchase, seller, in_stock, out)

    def _assert_only_the_known_serial_bought(self, purchase, seller, in_stock, out):
        """The one purchase the tour saved: an estimate for the known serial
        bought back; nothing of the refused saves."""
        self.assertRecordValues(
            purchase,
            [
                {
                    "partner_id": seller.id,
                    "customer_purchase_state": "estimate",
                    "amount_total": 20.0,
                }
            ],
        )
        self.assertRecordValues(
            purchase.order_line,
            [
                {
                    "tradein_lot_id": out.id,
                    "tradein_serial_display": "TOUR-CHECK-OUT",
                    "price_unit": 20.0,
                }
            ],
        )
        self.assertFalse(purchase.payout_date)
        self.assertEqual(in_stock.product_qty, 1.0)
        self.assertFalse(
            self.env["purchase.order.line"].search([("tradein_serial_name", "=", "TOUR-CHECK-IN")])
        )

    def test_seller_id_asked_for_at_confirm(self):
        """#24 point 3: Confirm on a trade-in for a customer without
        identification asks for it, warns about another contact's number,
        saves it on the contact and confirms."""
        customer = self.env["res.partner"].create({"name": "Tour New Customer"})
        other = self._partner_with_identification(
            "Tour Other Person", tradein_id_number="P-TAKEN-1"
        )
        admin = self.env.ref("base.user_admin")
        self.assertTrue(admin.has_group("tradein_serial.group_tradein_seller_identity"))
        new_phone = self._create_serial_product("Tour ID New Phone", list_price=300.0)
        old_phone = self._create_serial_product(
            "Tour ID Old Phone", list_price=100.0, tradein_price=40.0
        )
        self._stock(new_phone, 1, serial="TOUR-ID-NEW-1")

        self.start_flow_tour(
            "/odoo/action-sale.action_quotations_with_onboarding/new",
            "tradein_seller_id_tour",
            "seller_id",
        )

        self.assertRecordValues(
            customer,
            [
                {
                    "tradein_id_type": "passport",
                    "tradein_id_number": "P-NEW-7",
                    "tradein_birthdate": date(1985, 3, 15),
                }
            ],
        )
        self.assertEqual(other.tradein_id_number, "P-TAKEN-1", "the other contact is untouched")
        order = self.env["sale.order"].search([("partner_id", "=", customer.id)])
        self.assertEqual(order.state, "sale")
        self._assert_bought_with_the_id_typed(order, customer, old_phone)

    def _assert_bought_with_the_id_typed(self, order, customer, old_phone):
        """The trade-in was bought from `customer` with the number typed at
        confirmation, and the old phone taken in from them."""
        purchase = order.tradein_purchase_ids
        self.assertRecordValues(
            purchase,
            [
                {
                    "partner_id": customer.id,
                    "seller_id_number": "P-NEW-7",
                    "customer_purchase_state": "completed",
                }
            ],
        )
        lot = purchase.order_line.tradein_lot_id
        self.assertRecordValues(
            lot,
            [
                {
                    "name": "TOUR-ID-OLD-1",
                    "product_id": old_phone.id,
                    "acquisition_partner_id": customer.id,
                    "acquisition_price": 40.0,
                }
            ],
        )

    def test_the_serial_form_agrees_with_itself(self):
        """#24 point 6: a serial counted in and sold with a charger, then
        returned: one owner, the acquisition as its history says, read-only,
        amounts of this serial."""
        buyer = self.env["res.partner"].create({"name": "Tour Form Buyer"})
        phone = self._create_serial_product("Tour Form Phone", list_price=150.0)
        charger = self.env["product.product"].create(
            {"name": "Tour Charger", "list_price": 10.0, "is_storable": False}
        )
        lot = self._stock(phone, 1, serial="TOUR-FORM-1")
        self.assertEqual(lot.acquisition_type, "adjustment")
        order = self._deliver_lot(lot, buyer)
        order.order_line = [Command.create({"product_id": charger.id, "product_uom_qty": 1})]
        pending = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        pending.move_ids.write({"quantity": 1, "picked": True})
        pending.button_validate()
        invoice = self._invoice(order)
        self.assertEqual(invoice.amount_total, 184.0)  # (150 + 10) + the default 15 % tax
        arch = self.env["stock.lot"].get_view(view_type="form")["arch"]
        for field in ("acquisition_type", "acquisition_partner_id", "acquisition_price"):
            self.assertRegex(arch, rf'<field name="{field}"[^>]*readonly="(1|True)"')

        self.start_flow_tour(
            f"/odoo/action-stock.action_production_lot_form/{lot.id}",
            "tradein_serial_form_tour",
            "serial_form",
        )

        self.assertFalse(lot.tradein_owner_id)
        self.assertEqual(lot.location_id, self.stock_location)
        self.assertEqual(lot.acquisition_type, "adjustment")
        events = {event.event_type: event for event in lot.history_ids}
        self.assertEqual(
            set(events), {"adjustment", "delivery", "invoice", "return", "credit_note"}
        )
        self.assertEqual(events["invoice"].amount, 172.5)
        self.assertEqual(events["credit_note"].amount, 172.5)
        self.assertEqual(events["return"].note, "Wrong colour")
        credit_note = events["credit_note"].document_ref
        self.assertRecordValues(
            credit_note,
            [{"move_type": "out_refund", "state": "draft", "amount_total": 172.5}],
        )
        self.assertEqual(credit_note.invoice_line_ids.product_id, phone)
