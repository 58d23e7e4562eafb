import base64
import io
import zipfile

from odoo import Command
from odoo.addons.mail.tools.discuss import Store
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import TradeinCommon


@tagged("post_install", "-at_install")
class TestRegisterProtection(TradeinCommon):
    """The register is tamper-proof and private: each protection attacked
    through the ORM as a non-superuser user of each group, the way the web
    client's RPC reaches it, and checked to leave nothing changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        cls.purchase_user = cls._create_user("reg_purchase", "purchase.group_purchase_user")
        cls.stock_user = cls._create_user("reg_stock", "stock.group_stock_user")
        cls.counter = cls._create_user(
            "reg_counter",
            "tradein_serial.group_tradein_user",
            "tradein_serial.group_customer_purchase",
        )
        cls.admin = cls._create_user(
            "reg_admin",
            "tradein_serial.group_tradein_manager",
            "tradein_serial.group_customer_purchase",
        )
        # Every group below the superuser, the Trade-in Administrator too.
        cls.attackers = cls.purchase_user | cls.stock_user | cls.counter | cls.admin

    def _refused(self, call, *args, pattern="change only through their actions"):
        """The call fails as a request would: our message, or Odoo's access
        error for a user who may not write at all; rolled back either way."""
        with self.assertRaises(UserError) as caught:
            call(*args)
        # An AccessError is a UserError: Odoo's own words for a missing right.
        if pattern and not isinstance(caught.exception, AccessError):
            self.assertIn(pattern, str(caught.exception))

    def _paid_purchase(self, serial="REG-1", price=40.0):
        purchase = self._create_customer_purchase(items=[{"serial": serial, "price": price}])
        self._pay_out(purchase)
        return purchase

    def _attach_id_photo(self, purchase):
        photo = self.env["ir.attachment"].create(
            {
                "name": "passport.jpg",
                "res_model": "purchase.order",
                "res_id": purchase.id,
                "raw": b"\xff\xd8 not really a photo",
                "mimetype": "image/jpeg",
            }
        )
        message = purchase.message_post(body="ID checked", attachment_ids=photo.ids)
        return photo, message

    # ------------------------------------------------------------------
    # 1. ID photos
    # ------------------------------------------------------------------

    def test_id_photos_are_seen_by_seller_identity_only(self):
        purchase = self._create_customer_purchase(items=[{"serial": "PHOTO-1", "price": 40.0}])
        photo, message = self._attach_id_photo(purchase)
        domain = [("res_model", "=", "purchase.order"), ("res_id", "=", purchase.id)]
        for user in self.purchase_user | self.stock_user | self.counter:
            self._assert_id_photo_hidden_from(user, purchase, photo, message)
        # The Seller identity group sees them, by each channel.
        Attachment = self.env(user=self.admin)["ir.attachment"]
        self.assertEqual(
            [row["id"] for row in Attachment.search_read(domain, ["datas"])], photo.ids
        )
        data = Store().add(message.with_user(self.admin)).get_result()
        self.assertIn(photo.id, [att["id"] for att in data["ir.attachment"]])
        self.assertEqual(
            self.env(user=self.admin)["ir.binary"]._find_record(res_id=photo.id), photo
        )
        # Other purchase orders keep their files for everyone who may read them.
        vendor_order = self.env["purchase.order"].create(
            {
                "partner_id": self.buyer.id,
                "order_line": [Command.create({"product_id": self.tablet.id})],
            }
        )
        quote = self.env["ir.attachment"].create(
            {
                "name": "quote.pdf",
                "res_model": "purchase.order",
                "res_id": vendor_order.id,
                "raw": b"%PDF",
            }
        )
        self.assertEqual(
            self.env(user=self.purchase_user)["ir.attachment"].search(
                [("res_model", "=", "purchase.order"), ("res_id", "=", vendor_order.id)]
            ),
            quote,
        )

    def _assert_id_photo_hidden_from(self, user, purchase, photo, message):
        """`user` finds, reads and downloads no ID photo of `purchase`, by
        any channel."""
        domain = [("res_model", "=", "purchase.order"), ("res_id", "=", purchase.id)]
        Attachment = self.env(user=user)["ir.attachment"]
        # Odoo's fast path for a search by model and record.
        self.assertEqual(Attachment.search_read(domain, ["datas"]), [], user.login)
        self.assertEqual(Attachment.search_count(domain), 0, user.login)
        self.assertFalse(Attachment.search([("id", "=", photo.id)]), user.login)
        groups = Attachment.formatted_read_group(domain, aggregates=["__count"])
        self.assertEqual(sum(group["__count"] for group in groups), 0, user.login)
        with self.assertRaises(AccessError, msg=user.login):
            photo.with_user(user).read(["datas"])
        # /web/content and /web/image find the record this way.
        with self.assertRaises(AccessError, msg=user.login):
            self.env(user=user)["ir.binary"]._find_record(res_id=photo.id)
        # The chatter lists no file of the message, nor its name or checksum.
        data = Store().add(message.with_user(user)).get_result()
        [message_data] = data["mail.message"]
        self.assertFalse(message_data["attachment_ids"], user.login)
        self.assertNotIn(photo.id, [att["id"] for att in data.get("ir.attachment", [])], user.login)
        self.assertFalse(purchase.with_user(user)._get_mail_thread_data_attachments())

    # ------------------------------------------------------------------
    # 2. Workflow fields
    # ------------------------------------------------------------------

    def test_workflow_fields_are_written_by_the_workflow_only(self):
        purchase = self._paid_purchase("WF-1")
        bill, payment = purchase.payout_bill_id, purchase.payout_payment_id
        self.assertTrue(bill and payment)
        estimate = self._create_customer_purchase(items=[{"serial": "WF-2", "price": 30.0}])
        attacks = [
            (purchase, {"payout_date": False, "state": "cancel"}),
            (purchase, {"state": "cancel"}),
            (purchase, {"payout_bill_id": False}),
            (purchase, {"tradein_approved_amount": 1e6}),
            (estimate, {"payout_date": self._today()}),
            (estimate, {"payout_method": "store_credit"}),
            (estimate, {"tradein_approved_by_id": self.admin.id, "tradein_approved_amount": 5000}),
            (estimate, {"state": "purchase"}),
            (estimate, {"is_customer_purchase": False}),
            (purchase.order_line, {"tradein_state": "in_inventory"}),
            (estimate.order_line, {"tradein_state": "refurbished"}),
            # A paid purchase's seller, prices and serials.
            (purchase, {"partner_id": self.buyer.id}),
            (purchase.order_line, {"price_unit": 4000.0}),
            (purchase.order_line, {"tradein_serial_name": "WF-FORGED"}),
            (purchase.order_line, {"product_qty": 2}),
        ]
        for user in self.attackers:
            for record, values in attacks:
                before = record.read(list(values))
                self._refused(record.with_user(user).write, values)
                self.assertEqual(record.read(list(values)), before, (user.login, values))
            # Nor through Odoo's buttons, nor by adding or removing items.
            self._assert_no_button_or_item_change(user, purchase, estimate)
        self.assertRecordValues(
            purchase,
            [{"payout_bill_id": bill.id, "payout_payment_id": payment.id, "state": "purchase"}],
        )
        self.assertEqual(purchase.customer_purchase_state, "paid")
        self.assertEqual(estimate.customer_purchase_state, "estimate")
        # The workflow still does it all.
        purchase.order_line.with_user(self.counter).action_tradein_add_to_inventory()
        self.assertEqual(purchase.customer_purchase_state, "completed")
        purchase.with_user(self.counter).action_tradein_cancel()
        self.assertEqual(purchase.customer_purchase_state, "cancel")

    def _assert_no_button_or_item_change(self, user, purchase, estimate):
        """`user` can neither cancel nor confirm with Odoo's buttons, nor add,
        remove or delete anything of the paid `purchase`."""
        # Odoo's own buttons write the status.
        # (Odoo's own check may speak first: any refusal will do.)
        self._refused(purchase.with_user(user).button_cancel, pattern=None)
        self.assertEqual(purchase.state, "purchase")
        self._refused(estimate.with_user(user).button_confirm, pattern=None)
        self.assertEqual(estimate.state, "draft")
        # Items cannot be added to or removed from a paid purchase.
        self._refused(
            purchase.order_line.with_user(user).unlink, pattern="cannot be added or removed"
        )
        self._refused(
            self.env(user=user)["purchase.order.line"].create,
            {"order_id": purchase.id, "product_id": self.phone.id, "price_unit": 1.0},
            pattern="cannot be added or removed",
        )
        self.assertEqual(len(purchase.order_line), 1)
        # A paid purchase is never deleted, whatever its fields say.
        with self.assertRaises(UserError):
            purchase.with_user(user).unlink()
        self.assertTrue(purchase.exists())

    def test_a_serial_acquisition_is_written_by_the_workflow_only(self):
        purchase = self._paid_purchase("ACQ-1", 40.0)
        purchase.order_line.action_tradein_add_to_inventory()
        lot = purchase.order_line.tradein_lot_id
        self.assertRecordValues(
            lot,
            [{"acquisition_price": 40.0, "acquisition_partner_id": self.seller.id}],
        )
        attacks = [
            {"acquisition_price": 1.0},
            {"acquisition_partner_id": self.buyer.id},
            {"acquisition_type": "import"},
            {"acquisition_date": "2020-01-01"},
            {"acquisition_purchase_line_id": False},
        ]
        for user in self.stock_user | self.counter | self.admin:
            for values in attacks:
                before = lot.read(list(values))
                self._refused(lot.with_user(user).write, values)
                self.assertEqual(lot.read(list(values)), before)
            # Nor can a serial be created with an acquisition it never had.
            self._refused(
                self.env(user=user)["stock.lot"].create,
                {
                    "name": f"FORGED-{user.id}",
                    "product_id": self.phone.id,
                    "acquisition_type": "customer_purchase",
                    "acquisition_price": 1.0,
                },
            )
        self.assertFalse(self.env["stock.lot"].search([("name", "like", "FORGED-")]))
        # A serial created by hand, as the lot form sends it, is fine.
        lot = self.env(user=self.stock_user)["stock.lot"].create(
            {"name": "BY-HAND-1", "product_id": self.phone.id, "acquisition_type": False}
        )
        self.assertFalse(lot.acquisition_type)

    # ------------------------------------------------------------------
    # 5. Exports
    # ------------------------------------------------------------------

    def test_exports_never_carry_formulas(self):
        formula = '=HYPERLINK("http://evil.example/steal","click")'
        self.seller.name = formula
        purchase = self._paid_purchase("=1+1")
        wizard = self.env(user=self.admin)["tradein.dealer.register.wizard"].create(
            {"date_from": self._today(), "date_to": self._today()}
        )
        wizard.action_export_xlsx()
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(wizard.xlsx_file))) as xlsx:
            sheet = xlsx.read("xl/worksheets/sheet1.xml").decode()
            strings = xlsx.read("xl/sharedStrings.xml").decode()
        self.assertNotIn("<f>", sheet)
        self.assertNotIn("hyperlink", sheet.lower())
        self.assertIn(formula, strings)
        self.assertIn("=1+1", strings)
        self.assertIn(purchase.name, strings)

    # ------------------------------------------------------------------
    # 3. Approval
    # ------------------------------------------------------------------

    def test_approval_cannot_be_bypassed(self):
        self.company.tradein_approval_amount = 500.0
        large = self._create_customer_purchase(items=[{"serial": "APP-1", "price": 5000.0}])
        self.assertEqual(large.customer_purchase_state, "to_approve")
        for user in self.purchase_user | self.counter:
            self._refused(
                large.with_user(user).write,
                {"tradein_approved_by_id": self.admin.id, "tradein_approved_amount": 5000.0},
            )
            # Odoo's own confirmation follows the same approval.
            self._refused(large.with_user(user).button_confirm)
            with self.assertRaises(UserError):
                large.with_user(user)._tradein_pay_out("journal", journal=self.cash_journal)
        self.assertRecordValues(
            large, [{"state": "draft", "payout_date": False, "tradein_approved_amount": 0.0}]
        )
        self.assertFalse(large.invoice_ids)
        large.with_user(self.admin).action_tradein_approve()
        self._pay_out(large, user=self.counter)
        self.assertEqual(large.customer_purchase_state, "paid")

    def test_a_trade_in_above_the_limit_waits_for_approval(self):
        self.company.tradein_approval_amount = 500.0
        order = self.env(user=self.clerk)["sale.order"].create(
            {
                "partner_id": self.seller.id,
                "order_line": [
                    Command.create({"product_id": self.tablet.id, "price_unit": 1200.0}),
                    Command.create(
                        {
                            "is_tradein": True,
                            "product_id": self.phone.id,
                            "tradein_serial_name": "APP-TI-1",
                            "tradein_allowance": 900.0,
                        }
                    ),
                ],
            }
        )
        self.assertTrue(order.tradein_needs_approval)
        self.assertEqual(order.tradein_allowance_total, 900.0)
        for user in self.clerk | self.counter:
            with self.assertRefused(UserError, r"Reg Admin\) must approve them first"):
                order.with_user(user).action_confirm()
            self._refused(
                order.with_user(user).write,
                {"tradein_approved_by_id": user.id, "tradein_approved_amount": 900.0},
            )
            with self.assertRefused(UserError, "Only a Trade-in Administrator"):
                order.with_user(user).action_tradein_approve()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.sudo().tradein_purchase_ids)
        order.with_user(self.admin).action_tradein_approve()
        self.assertRecordValues(
            order,
            [{"tradein_approved_by_id": self.admin.id, "tradein_needs_approval": False}],
        )
        order.with_user(self.clerk).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.tradein_purchase_ids.amount_total, 900.0)

    # ------------------------------------------------------------------
    # 4. Amounts
    # ------------------------------------------------------------------

    def test_amounts_are_numbers_below_the_company_limit(self):
        purchase = self._create_customer_purchase(items=[{"serial": "AMT-1", "price": 40.0}])
        line = purchase.order_line
        for value in ("abc", "NaN", float("inf"), float("nan"), [1], True):
            with self.assertRefused(ValidationError, "must be a number"):
                line.with_user(self.counter).write({"price_unit": value})
        with self.assertRefused(ValidationError, "above the highest amount per item"):
            line.with_user(self.counter).write({"price_unit": 2_000_000.0})
        self.assertEqual(line.price_unit, 40.0)
        order = self.env(user=self.clerk)["sale.order"].create(
            {
                "partner_id": self.seller.id,
                "order_line": [Command.create({"product_id": self.tablet.id})],
            }
        )
        for allowance in (1e300, "1e309", "x"):
            with self.assertRaises(ValidationError):
                self.env(user=self.clerk)["sale.order.line"].create(
                    {
                        "order_id": order.id,
                        "is_tradein": True,
                        "product_id": self.phone.id,
                        "tradein_serial_name": "AMT-TI",
                        "tradein_allowance": allowance,
                    }
                )
        self.assertEqual(len(order.order_line), 1)
        self.assertAlmostEqual(self.phone.avg_cost, 0.0)
        # The limit is the company's (Settings), 1,000,000 by default.
        self.assertEqual(self.company.tradein_max_amount, 1_000_000.0)
        self.company.tradein_max_amount = 3_000_000.0
        line.with_user(self.counter).write({"price_unit": 2_000_000.0})
        self.assertEqual(line.price_unit, 2_000_000.0)

    # ------------------------------------------------------------------
    # 6. Companies
    # ------------------------------------------------------------------

    def test_serials_of_another_company_are_refused(self):
        other = self.env["res.company"].create({"name": "Other Shop"})
        self.env["account.chart.template"]._load("generic_coa", other, install_demo=False)
        purchase = self._paid_purchase("CO-A-1")
        purchase.order_line.action_tradein_add_to_inventory()
        ours = purchase.order_line.tradein_lot_id
        theirs = self.env["stock.lot"].create(
            {"name": "CO-B-1", "product_id": self.phone.id, "company_id": other.id}
        )
        other_user = self._create_user(
            "reg_other_clerk",
            "tradein_serial.group_tradein_user",
            "sales_team.group_sale_salesman",
            company=other,
        )
        other_env = self.env(user=other_user, context={"allowed_company_ids": other.ids})
        other_order = other_env["sale.order"].create({"partner_id": self.buyer.id})
        for values in (
            {"product_id": self.phone.id, "tradein_lot_sold_id": ours.id},
            {
                "product_id": self.phone.id,
                "is_tradein": True,
                "tradein_lot_id": ours.id,
                "tradein_allowance": 10.0,
            },
        ):
            with self.assertRaises(UserError):
                other_env["sale.order.line"].create({"order_id": other_order.id, **values})
        self.assertFalse(other_order.order_line)
        # Our own sale cannot sell the other company's serial either.
        order = self.env(user=self.clerk)["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "order_line": [Command.create({"product_id": self.phone.id})],
            }
        )
        with self.assertRaises(UserError):
            order.order_line.with_user(self.clerk).write({"tradein_lot_sold_id": theirs.id})
        self.assertFalse(order.order_line.tradein_lot_sold_id)
        with self.assertRaises(UserError):
            purchase.order_line.with_user(self.counter).write({"tradein_lot_id": theirs.id})
        self.assertEqual(purchase.order_line.tradein_lot_id, ours)

    # ------------------------------------------------------------------
    # 8. Audit trail
    # ------------------------------------------------------------------

    def test_changes_before_pay_out_are_logged(self):
        purchase = self._create_customer_purchase(items=[{"serial": "LOG-1", "price": 40.0}])
        line = purchase.order_line.with_user(self.counter)
        line.write({"price_unit": 45.0, "tradein_serial_name": "LOG-2"})
        body = purchase.message_ids[0].body
        self.assertIn("Phone X", body)
        self.assertIn("LOG-1 → LOG-2", body)
        self.assertIn("40.00", body)
        self.assertIn("45.00", body)
        # The seller and their identification are tracked too.
        other = self.env["res.partner"].create({"name": "Other Seller"})
        # (The test cases run with Odoo's tracking off, as BaseCommon sets it,
        # and Odoo remembers that for the records of the transaction: end it.)
        tracking = {"tracking_disable": False, "mail_notrack": False}
        self.env.flush_all()
        self.env.cr.precommit.run()
        purchase.with_user(self.counter).with_context(**tracking).partner_id = other
        self.env.flush_all()
        self.env.cr.precommit.run()  # one request, one transaction
        purchase.with_user(self.admin).with_context(**tracking).seller_id_number = "X99"
        self.env.flush_all()
        self.env.cr.precommit.run()  # Odoo writes tracking values at commit
        tracked = (
            self.env["mail.tracking.value"]
            .search(
                [
                    ("mail_message_id.res_id", "=", purchase.id),
                    ("mail_message_id.model", "=", "purchase.order"),
                ]
            )
            .mapped("field_id.name")
        )
        self.assertIn("partner_id", tracked)
        self.assertIn("seller_id_number", tracked)

    # ------------------------------------------------------------------
    # 7. Least-privilege groups
    # ------------------------------------------------------------------

    def _least_privilege_counter(self):
        """A counter user who also sees seller identities, with no invoicing,
        contact or product management right."""
        counter = self._create_user(
            "reg_counter_identity",
            "tradein_serial.group_tradein_user",
            "tradein_serial.group_customer_purchase",
            "tradein_serial.group_tradein_seller_identity",
        )
        for group in (
            "account.group_account_invoice",
            "base.group_partner_manager",
            "product.group_product_manager",
        ):
            self.assertFalse(counter.has_group(group), group)
        return counter

    def _assert_no_product_or_bill_of_its_own(self, env, seller):
        """The user of `env` creates no product and posts no bill."""
        with self.assertRaises(AccessError):
            env["product.template"].create({"name": "Not via the counter"})
        bill = env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": seller.id,
                "invoice_date": self._today(),
                "invoice_line_ids": [Command.create({"name": "Anything", "price_unit": 999.0})],
            }
        )
        with self.assertRaises(AccessError):
            bill.action_post()
        self.assertEqual(bill.state, "draft")

    def test_the_counter_gets_its_job_done_with_no_more_rights(self):
        counter = self._least_privilege_counter()
        env = self.env(user=counter)
        # Registers a new seller, never deletes a contact.
        seller = env["res.partner"].create(
            {
                "name": "Walk-in Seller",
                "tradein_id_type": "passport",
                "tradein_id_number": "W123",
                "tradein_birthdate": "1980-01-01",
            }
        )
        with self.assertRaises(AccessError):
            seller.unlink()
        # Buys an item not in the catalogue, pays it out, creates its product,
        # adds it to inventory, and cancels another purchase after pay-out.
        purchase = self._create_customer_purchase(
            partner=seller,
            user=counter,
            items=[
                {
                    "product": self.env.ref("tradein_serial.product_unlisted_item"),
                    "tradein_manual_name": "Counter Guitar",
                    "serial": "LP-GTR-1",
                    "price": 120.0,
                }
            ],
        )
        self._pay_out(purchase, user=counter)
        self.assertEqual(purchase.payout_bill_id.state, "posted")
        self.assertIn(purchase.payout_bill_id.payment_state, ("paid", "in_payment"))
        line = purchase.order_line.with_user(counter)
        line.action_tradein_add_product()
        line.action_tradein_add_to_inventory()
        self.assertEqual(purchase.customer_purchase_state, "completed")
        self.assertEqual(line.product_id.name, "Counter Guitar")
        other = self._create_customer_purchase(
            partner=seller, user=counter, items=[{"serial": "LP-2", "price": 30.0}]
        )
        self._pay_out(other, method="store_credit", user=counter)
        other.with_user(counter).action_tradein_cancel()
        self.assertEqual(other.payout_bill_id.state, "cancel")
        # (a store-credit entry is a journal entry: the counter does not read it)
        self.assertEqual(other.sudo().payout_credit_move_id.state, "cancel")
        # What the flows did for it, it cannot do by itself.
        self._assert_no_product_or_bill_of_its_own(env, seller)

    def test_a_salesperson_confirming_a_trade_in_gets_a_clear_message(self):
        salesperson = self._create_user(
            "reg_sales_only", "sales_team.group_sale_salesman", name="Sales Only"
        )
        order = self.env(user=salesperson)["sale.order"].create(
            {
                "partner_id": self.seller.id,
                "order_line": [
                    Command.create({"product_id": self.tablet.id}),
                    Command.create(
                        {
                            "is_tradein": True,
                            "product_id": self.phone.id,
                            "tradein_serial_name": "SP-TI-1",
                            "tradein_allowance": 20.0,
                        }
                    ),
                ],
            }
        )
        with self.assertRaises(UserError) as caught:
            order.action_confirm()
        self.assertNotIsInstance(caught.exception, AccessError)
        self.assertIn("a Trade-ins user confirms it", str(caught.exception))
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.sudo().tradein_purchase_ids)

    def test_a_salesperson_taking_a_deposit_gets_a_clear_message(self):
        salesperson = self._create_user(
            "reg_sales_deposit", "sales_team.group_sale_salesman", name="Sales Deposit"
        )
        order = self.env(user=salesperson)["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "order_line": [Command.create({"product_id": self.tablet.id})],
            }
        )
        with self.assertRaises(UserError) as caught:
            order.action_tradein_take_deposit()
        self.assertNotIsInstance(caught.exception, AccessError)
        self.assertIn("needs the Invoicing right", str(caught.exception))
        self.assertFalse(order.sudo().invoice_ids)
