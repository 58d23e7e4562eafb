from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import TradeinCommon


@tagged("post_install", "-at_install")
class TestAccess(TradeinCommon):
    """Who sees and does what: approval, seller identity, portal, companies."""

    def test_large_purchase_needs_a_manager_approval(self):
        self.company.tradein_approval_amount = 500.0
        small = self._create_customer_purchase(items=[{"serial": "AP-1", "price": 400.0}])
        self.assertEqual(small.customer_purchase_state, "estimate")
        self._pay_out(small)
        self.assertEqual(small.customer_purchase_state, "paid")

        large = self._create_customer_purchase(items=[{"serial": "AP-2", "price": 900.0}])
        self.assertEqual(large.customer_purchase_state, "to_approve")
        with self.assertRaisesRegex(UserError, "must approve it before it is paid out"):
            large.with_user(self.clerk)._tradein_pay_out("journal", journal=self.cash_journal)
        self.assertFalse(large.invoice_ids)
        with self.assertRaisesRegex(UserError, "Only a Trade-in Administrator"):
            large.with_user(self.clerk).action_tradein_approve()
        manager = self.clerk.copy(
            {
                "login": "tradein_manager",
                "group_ids": [
                    Command.link(self.env.ref("tradein_serial.group_tradein_manager").id)
                ],
            }
        )
        large.with_user(manager).action_tradein_approve()
        self.assertEqual(large.tradein_approved_by_id, manager)
        self.assertEqual(large.customer_purchase_state, "estimate")
        self.assertIn("approved", large.message_ids[0].body)
        # Raising the price after the approval asks for it again.
        large.order_line.price_unit = 950.0
        self.assertEqual(large.customer_purchase_state, "to_approve")
        large.with_user(manager).action_tradein_approve()
        self._pay_out(large)
        self.assertEqual(large.customer_purchase_state, "paid")

    def test_seller_identity_is_hidden_from_other_users(self):
        purchase = self._create_customer_purchase(items=[{"serial": "ID-1", "price": 40.0}])
        clerk_without_identity = self._create_user(
            "counter_help",
            "tradein_serial.group_tradein_user",
            "tradein_serial.group_customer_purchase",
            name="Counter Help",
        )
        as_help = purchase.with_user(clerk_without_identity)
        self.assertEqual(as_help.read(["name"])[0]["name"], purchase.name)
        with self.assertRaises(AccessError):
            as_help.read(["seller_id_number"])
        for field in (
            "tradein_id_type",
            "tradein_id_number",
            "tradein_id_country_id",
            "tradein_id_authority",
            "tradein_id_expiry",
            "tradein_birthdate",
        ):
            with self.assertRaises(AccessError, msg=field):
                self.seller.with_user(clerk_without_identity).read([field])
        # The form opens and the purchase can be paid out without revealing it.
        Form(as_help, view="tradein_serial.customer_purchase_view_form")
        self._pay_out(purchase, user=clerk_without_identity)
        self.assertEqual(purchase.customer_purchase_state, "paid")
        html = (
            self.env["ir.actions.report"]
            .with_user(clerk_without_identity)
            ._render_qweb_html("tradein_serial.report_customer_purchase_receipt", purchase.ids)[0]
            .decode()
        )
        self.assertNotIn("P1234567", html)
        self.assertIn("ID-1", html)
        self._assert_id_photo_hidden_from(clerk_without_identity, purchase)

    def _assert_id_photo_hidden_from(self, user, purchase):
        """The ID photo attached to the purchase follows the same rule: `user`
        neither finds nor reads it, the clerk (seller identity) finds it."""
        photo = self.env["ir.attachment"].create(
            {
                "name": "passport.jpg",
                "res_model": "purchase.order",
                "res_id": purchase.id,
                "raw": b"not really a photo",
            }
        )
        Attachment = self.env["ir.attachment"]
        self.assertFalse(Attachment.with_user(user).search([("id", "=", photo.id)]))
        with self.assertRaises(AccessError):
            photo.with_user(user).read(["name"])
        self.assertEqual(Attachment.with_user(self.clerk).search([("id", "=", photo.id)]), photo)

    def test_portal_users_see_no_customer_purchase(self):
        portal = self.env["res.users"].create(
            {
                "name": "Sam Portal",
                "login": "sam_portal",
                "partner_id": self.seller.id,
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                "group_ids": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        purchase = self._create_customer_purchase(items=[{"serial": "PORT-1", "price": 40.0}])
        vendor_order = self.env["purchase.order"].create(
            {
                "partner_id": self.seller.id,
                "order_line": [Command.create({"product_id": self.tablet.id, "product_qty": 1})],
            }
        )
        visible = self.env["purchase.order"].with_user(portal).search([])
        self.assertIn(vendor_order, visible)
        self.assertNotIn(purchase, visible)

    def test_other_company_sees_nothing_and_cannot_buy_our_serial(self):
        other = self.env["res.company"].create({"name": "Other Shop"})
        self.env["account.chart.template"]._load("generic_coa", other, install_demo=False)
        other_user = self.env["res.users"].create(
            {
                "name": "Other Clerk",
                "login": "other_clerk",
                "company_id": other.id,
                "company_ids": [Command.set(other.ids)],
                "group_ids": [
                    Command.set(
                        [
                            self.env.ref("tradein_serial.group_tradein_manager").id,
                            self.env.ref("tradein_serial.group_customer_purchase").id,
                        ]
                    )
                ],
            }
        )
        purchase = self._create_customer_purchase(items=[{"serial": "MC-1", "price": 40.0}])
        self._pay_out(purchase)
        purchase.order_line.action_tradein_add_to_inventory()
        lot = purchase.order_line.tradein_lot_id
        other_env = self.env(user=other_user, context={"allowed_company_ids": other.ids})
        self.assertFalse(other_env["purchase.order"].search([("id", "=", purchase.id)]))
        self.assertFalse(other_env["tradein.serial.event"].search([("lot_id", "=", lot.id)]))
        register = other_env["tradein.dealer.register.wizard"].create(
            {"date_from": self._today(), "date_to": self._today()}
        )
        self.assertEqual(register.company_id, other)
        self.assertEqual(register._register_rows(), [])
        with self.assertRaises(AccessError):
            self.company.with_env(other_env).read(["tradein_approval_amount"])
        # The serial sits in our stock: the other company cannot buy it.
        with self.assertRaises(ValidationError) as caught:
            other_env["stock.lot"]._tradein_check_acquirable(self.phone, other, serial="MC-1")
        self.assertIn("is in the stock of Used Phones Ltd", str(caught.exception))
