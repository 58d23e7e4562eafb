# ruff: noqa: RUF001 - full-width look-alikes are what these tests type
import unicodedata

from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import TradeinCommon


@tagged("post_install", "-at_install")
class TestSerialTrust(TradeinCommon):
    """Serials and sellers a shop can trust (#17): one serial, one spelling;
    a length; seller identification that makes sense."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.in_stock = cls._receive_from_vendor(cls, cls.phone, "S20-7781", 40.0)

    def _buy(self, serial, partner=None):
        """A customer purchase as the web client creates it."""
        return self.env(user=self.clerk)["purchase.order"].create(
            {
                "partner_id": (partner or self.seller).id,
                "is_customer_purchase": True,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.phone.id,
                            "product_qty": 1,
                            "price_unit": 30.0,
                            "tradein_serial_name": serial,
                        }
                    )
                ],
            }
        )

    # ------------------------------------------------------------------
    # 1. One serial, one spelling; 2. length
    # ------------------------------------------------------------------

    def test_look_alikes_of_a_serial_in_stock_are_refused(self):
        look_alikes = {
            "S20-7781\u200b": "already in our stock",  # zero-width space
            "\u202eS20-7781": "already in our stock",  # right-to-left override
            "\ufeffS20-7781": "already in our stock",  # byte order mark
            "Ｓ２０-７７８１": "already in our stock",  # full-width
            " S20-7781 ": "already in our stock",
            "s20-7781": "already exists as S20-7781",  # lowercase
            "S20-7781\x85": "control or line-break",  # C1 control
            "S20-7781\u2028": "control or line-break",  # line separator
            "S20\x00-7781": "control or line-break",
            "S" * 10_000: "at most 64 characters",
        }
        purchases_before = self.env["purchase.order"].search_count([])
        for serial, message in look_alikes.items():
            with self.assertRefused(UserError, message):
                self._buy(serial)
        self.assertEqual(self.env["purchase.order"].search_count([]), purchases_before)
        self.assertEqual(
            self.env["stock.lot"].search([("product_id", "=", self.phone.id)]), self.in_stock
        )

    def test_every_entry_spells_the_serial_the_same_way(self):
        # A customer purchase stores the serial in its plain form.
        purchase = self._buy("\u200bＮＥＷ-1\u200b ")
        self.assertEqual(purchase.order_line.tradein_serial_name, "NEW-1")
        # A serial created by hand, or typed at a receipt.
        lot = self.env["stock.lot"].create(
            {"name": " ＨＡＮＤ-1\u200b", "product_id": self.phone.id}
        )
        self.assertEqual(lot.name, "HAND-1")
        with self.assertRefused(UserError, "already exists as HAND-1"):
            self.env["stock.lot"].create({"name": "hand-1", "product_id": self.phone.id})
        with self.assertRefused(UserError, "already exists as S20-7781"):
            lot.name = "s20-7781"
        self.assertEqual(lot.name, "HAND-1")
        received = self._receive_from_vendor(self.tablet, "\u200bTAB-９\u202e", 50.0)
        self.assertEqual(received.name, "TAB-9")
        # The import of serials too.
        self.assertEqual(self.env["stock.lot"]._tradein_clean_serial(" ＩＭＰ-1\u200d"), "IMP-1")

    @settings(
        max_examples=200,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
        database=None,
    )
    @given(serial=st.text(max_size=80))
    def test_the_normaliser_gives_one_plain_spelling_or_refuses(self, serial):
        Lot = self.env["stock.lot"]
        try:
            clean = Lot._tradein_clean_serial(serial)
        except UserError:
            return
        self.assertLessEqual(len(clean), 64)
        self.assertEqual(clean, clean.strip())
        self.assertEqual(Lot._tradein_clean_serial(clean), clean, "normalising twice changes it")
        for char in clean:
            self.assertNotIn(unicodedata.category(char), ("Cf", "Cc", "Zl", "Zp"), repr(clean))
        self.assertEqual(unicodedata.normalize("NFKC", clean), clean)

    # ------------------------------------------------------------------
    # 7. Seller identity that makes sense
    # ------------------------------------------------------------------

    def test_seller_identity_must_make_sense_at_pay_out(self):
        today = self._today()
        cases = [
            ({"tradein_birthdate": today + relativedelta(days=1)}, "date of birth"),
            ({"tradein_birthdate": today - relativedelta(years=17)}, "under 18"),
            ({"tradein_id_expiry": today - relativedelta(days=1)}, "expired on"),
        ]
        for index, (values, message) in enumerate(cases):
            seller = self.seller.copy(
                {
                    "name": f"Seller {index}",
                    "tradein_id_type": "passport",
                    "tradein_id_number": f"PX{index}",
                    "tradein_birthdate": "1990-01-01",
                    **values,
                }
            )
            purchase = self._buy(f"ID-{index}", partner=seller)
            with self.assertRefused(UserError, message):
                self._pay_out(purchase)
            self.assertFalse(purchase.payout_date)
            self.assertFalse(purchase.invoice_ids)
        # The minimum age is the company's (Settings > Used Goods).
        self.company.tradein_min_seller_age = 16
        seller = self.seller.copy(
            {
                "name": "Young Seller",
                "tradein_id_type": "passport",
                "tradein_id_number": "PY1",
                "tradein_birthdate": today - relativedelta(years=17),
            }
        )
        purchase = self._buy("ID-YOUNG", partner=seller)
        self._pay_out(purchase)
        self.assertEqual(purchase.customer_purchase_state, "paid")

    # ------------------------------------------------------------------
    # 3. Checks where it matters
    # ------------------------------------------------------------------

    def test_pay_out_and_add_to_inventory_check_again(self):
        product = self._create_serial_product("Phone Soon Archived", list_price=90.0)
        purchase = self._create_customer_purchase(
            items=[{"product": product, "serial": "AGAIN-1", "price": 30.0}]
        )
        product.active = False
        with self.assertRefused(UserError, "is archived"):
            self._pay_out(purchase)
        self.assertFalse(purchase.payout_date)
        self.assertFalse(purchase.invoice_ids)
        product.active = True
        self._pay_out(purchase)
        product.active = False
        line = purchase.order_line
        with self.assertRefused(UserError, "is archived"):
            line.action_tradein_add_to_inventory()
        self.assertEqual(line.tradein_state, "pending")
        self.assertFalse(line.tradein_lot_id)
        self.assertEqual(purchase.customer_purchase_state, "paid")

    def test_an_item_without_its_serial_is_refused_when_saved(self):
        """Not at Pay Out, when the paid purchase could no longer take it."""
        purchases = self.env["purchase.order"].search_count([("is_customer_purchase", "=", True)])
        with self.assertRefused(ValidationError, "Enter the serial number of Phone X"):
            self._create_customer_purchase(items=[{"price": 20.0}])
        # The values the web client sends (RPC), as a clerk.
        with self.assertRefused(ValidationError, "Enter the serial number of Phone X"):
            self.env(user=self.clerk)["purchase.order"].create(
                {
                    "partner_id": self.seller.id,
                    "is_customer_purchase": True,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.phone.id,
                                "product_qty": 1,
                                "price_unit": 20.0,
                                "tradein_serial_name": False,
                                "tradein_lot_id": False,
                            }
                        )
                    ],
                }
            )
        self.assertEqual(
            self.env["purchase.order"].search_count([("is_customer_purchase", "=", True)]),
            purchases,
        )
        # Typed later on a saved purchase, then emptied: refused too.
        purchase = self._create_customer_purchase(items=[{"serial": "LATER-1", "price": 20.0}])
        with self.assertRefused(ValidationError, "Enter the serial number"):
            purchase.order_line.write({"tradein_serial_name": " "})
        self.assertEqual(purchase.order_line.tradein_serial_name, "LATER-1")

    def test_serial_pickers_offer_the_serials_a_line_may_use(self):
        """Known Serial (buy, take in): serials not in our stock; Serial Sold:
        serials in stock; each labelled with product, place, condition, grade."""
        purchase = self._create_customer_purchase(
            items=[{"serial": "PICK-IN", "grade": "b"}, {"serial": "PICK-SOLD"}]
        )
        self._pay_out(purchase)
        purchase.order_line.action_tradein_add_to_inventory()
        in_stock, sold = purchase.order_line.tradein_lot_id.sorted("name")
        self._deliver_lot(sold, self.buyer)
        never = self.env["stock.lot"].create({"name": "PICK-NEW", "product_id": self.phone.id})
        candidates = in_stock | sold | never

        def offered(model, field, **values):
            domain = safe_eval(self.env[model]._fields[field].domain, values)
            Lot = self.env(user=self.clerk)["stock.lot"].with_context(tradein_lot_picker=True)
            return Lot.search([*domain, ("id", "in", candidates.ids)])

        ids = {"product_id": self.phone.id, "tradein_product_id": self.phone.id}
        self.assertEqual(offered("purchase.order.line", "tradein_lot_id", **ids), sold | never)
        self.assertEqual(offered("sale.order.line", "tradein_lot_id", **ids), sold | never)
        picked = offered("sale.order.line", "tradein_lot_sold_id", **ids)
        self.assertEqual(picked, in_stock)
        self.assertEqual(picked.display_name, "PICK-IN (Phone X, in stock, Used, grade B)")
        self.assertEqual(
            offered("purchase.order.line", "tradein_lot_id", **ids)
            .filtered(lambda lot: lot == sold)
            .display_name,
            "PICK-SOLD (Phone X, at a customer, Used)",
        )
        # Elsewhere, a serial is its number.
        self.assertEqual(in_stock.display_name, "PICK-IN")

    # ------------------------------------------------------------------
    # 4. IMEIs
    # ------------------------------------------------------------------

    def test_imeis_have_a_valid_check_digit(self):
        category = self.env["product.category"].create(
            {"name": "Phones (IMEI)", "tradein_serial_is_imei": True}
        )
        handset = self._create_serial_product("Handset", categ_id=category.id, list_price=300.0)
        line_values = {"product_id": handset.id, "product_qty": 1, "price_unit": 90.0}

        def buy(serial):
            return self.env(user=self.clerk)["purchase.order"].create(
                {
                    "partner_id": self.seller.id,
                    "is_customer_purchase": True,
                    "order_line": [Command.create({**line_values, "tradein_serial_name": serial})],
                }
            )

        # 35-209900-176148-1 is a valid IMEI; spaces and dashes go.
        purchase = buy("35-209900-176148-1")
        self.assertEqual(purchase.order_line.tradein_serial_name, "352099001761481")
        with self.assertRefused(UserError, "check digit of IMEI 352099001761482 is wrong"):
            buy("35 209900 176148 2")
        with self.assertRefused(UserError, "an IMEI has 15 digits"):
            buy("35209900176148")
        with self.assertRefused(UserError, "an IMEI has 15 digits"):
            buy("IMEI-ABC")
        # Other categories keep their serials as typed.
        self.assertEqual(
            self._buy("35-209900-176148-2").order_line.tradein_serial_name, "35-209900-176148-2"
        )
        # A second IMEI is checked too, and found by a search of serials.
        self._pay_out(purchase)
        purchase.order_line.action_tradein_add_to_inventory()
        lot = purchase.order_line.tradein_lot_id
        self.assertEqual(lot.name, "352099001761481")
        with self.assertRefused(UserError, "check digit"):
            lot.tradein_imei2 = "490154203237519"
        lot.tradein_imei2 = "49-015420-323751-8"
        self.assertEqual(lot.tradein_imei2, "490154203237518")
        found = self.env["stock.lot"].name_search("490154203237518")
        self.assertEqual([lot_id for lot_id, _name in found], lot.ids)

    # ------------------------------------------------------------------
    # 6. Hold before resale
    # ------------------------------------------------------------------

    def test_a_serial_bought_from_the_public_is_held_before_resale(self):
        self.company.tradein_hold_days = 14
        purchase = self._buy("HOLD-1")
        self._pay_out(purchase)
        purchase.order_line.action_tradein_add_to_inventory()
        lot = purchase.order_line.tradein_lot_id
        today = self._today()
        self.assertEqual(lot.tradein_hold_until, today + relativedelta(days=14))
        self.assertTrue(lot.tradein_on_hold)
        self.assertIn(lot, self.env["stock.lot"].search([("tradein_on_hold", "=", True)]))
        # A vendor's serial is not held.
        self.assertFalse(self.in_stock.tradein_hold_until)
        # Sold by name: the quotation is not confirmed.
        order = self.env(user=self.clerk)["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "order_line": [
                    Command.create({"product_id": self.phone.id, "tradein_lot_sold_id": lot.id})
                ],
            }
        )
        with self.assertRefused(UserError, r"HOLD-1 is on hold until .*cannot be sold"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        # Picked at delivery: the delivery is not validated.
        other = self.env(user=self.clerk)["sale.order"].create(
            {
                "partner_id": self.buyer.id,
                "order_line": [Command.create({"product_id": self.phone.id, "product_uom_qty": 2})],
            }
        )
        other.action_confirm()
        picking = other.picking_ids
        self.assertIn(lot, picking.move_line_ids.lot_id)
        picking.move_ids.picked = True
        with self.assertRefused(UserError, "cannot be delivered"):
            picking.button_validate()
        self.assertEqual(lot.location_id.usage, "internal")
        self.assertFalse(lot.tradein_owner_id)
        # Once the hold is over, both go.
        lot.sudo().acquisition_date = today - relativedelta(days=15)  # 15 days later
        self.assertFalse(lot.tradein_on_hold)
        picking.button_validate()
        self.assertEqual(lot.tradein_owner_id, self.buyer)
