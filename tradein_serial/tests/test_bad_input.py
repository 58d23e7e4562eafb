"""Property-based bad input on the customer purchase and trade-in entry points.

Every generated case ends in a correct record or a clear UserError /
ValidationError, rolled back; never another exception. Which one is written
here from the shop's rules (`expected_refusal`), not asked of the code: an
entry that refuses good input fails as surely as one that takes bad input.
"""

import unicodedata
from contextlib import contextmanager

from hypothesis import HealthCheck
from hypothesis import assume
from hypothesis import example
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import float_round

from .common import TradeinCommon

PRICES = st.one_of(
    st.floats(min_value=-1e6, max_value=1e10, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=-100, max_value=100000, places=6).map(float),
    st.sampled_from([0.0, -0.0, 0.004, 0.005, 1e-9, 999999999.99]),
)
SERIALS = st.one_of(
    st.text(min_size=0, max_size=40),
    st.sampled_from(["", " ", "  SN 1  ", "sn-1", "SN-1", "ÆØÅ-ß-序列号", "a" * 200]),
)
PRODUCTS = st.sampled_from(["phone", "tablet", "archived", "other_company", "service"])
# Products the shop may buy: goods of its catalogue, active, of this company.
BUYABLE = ("phone", "tablet")
SERIAL_MAX_LENGTH = 64


def shop_spelling(serial):
    """How the shop's rule spells a typed serial (Unicode compatibility
    form, invisible format characters dropped, spaces trimmed), or None when
    the rule refuses it (control or line-break characters, too long)."""
    if not serial:
        return serial
    text = unicodedata.normalize("NFKC", serial)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in text):
        return None
    text = text.strip()
    return text if len(text) <= SERIAL_MAX_LENGTH else None


SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)


@tagged("post_install", "-at_install")
class TestBadInput(TradeinCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.tradein_require_identification = False
        cls.archived = cls._create_serial_product("Old Model")
        cls.archived.active = False
        cls.other_company = cls.env["res.company"].create({"name": "Elsewhere"})
        cls.foreign = cls.env["product.product"].create(
            {"name": "Not Ours", "is_storable": True, "company_id": cls.other_company.id}
        )
        cls.service = cls.env["product.product"].create({"name": "Repair", "type": "service"})
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        cls.existing = cls._receive_from_vendor_cls(cls.phone, "SN-1", 40.0)

    @classmethod
    def _receive_from_vendor_cls(cls, product, serial, price):
        return cls._receive_from_vendor(cls, product, serial, price)

    def _product(self, key):
        return {
            "phone": self.phone,
            "tablet": self.tablet,
            "archived": self.archived,
            "other_company": self.foreign,
            "service": self.service,
        }[key]

    def _expected_refusal(self, amount, serial, product, currency):
        """Why the shop refuses this entry, or None when it must be accepted."""
        if product not in BUYABLE:
            return "product"
        spelt = shop_spelling(serial)
        if spelt is None:
            return "serial spelling"
        if not spelt:
            # A serial-tracked item is bought with its serial.
            return "serial missing"
        if product == "phone" and spelt and spelt.casefold() == "sn-1":
            return "serial in stock"
        if float_round(amount, precision_rounding=currency.rounding) <= 0:
            return "amount not positive"
        if abs(amount) > self._limit(currency):
            return "amount above the limit"
        return None

    def _limit(self, currency):
        return self.company.currency_id._convert(
            self.company.tradein_max_amount, currency, self.company, self.env.cr.now().date()
        )

    def _assume_clear_of_the_limit(self, amount, currency):
        # A case at a rounding step from the limit tests the rounding, not the rule.
        assume(abs(abs(amount) - self._limit(currency)) > 1.0)

    def _assert_outcome(self, refused, expected):
        self.assertEqual(
            bool(refused),
            bool(expected),
            f"expected {'a refusal: ' + expected if expected else 'the entry accepted'}, "
            f"got {refused[0] if refused else 'it accepted'}",
        )

    @contextmanager
    def _isolated(self):
        """Run one generated case like a request: all of it, or nothing."""
        savepoint = self.env.cr.savepoint(flush=False)
        refused = []
        try:
            yield refused
            self.env.flush_all()
        except (UserError, ValidationError) as error:
            # A clear refusal is an accepted outcome; its text must say something.
            self.assertTrue(str(error).strip())
            refused.append(error)
        finally:
            self.env.invalidate_all()
            savepoint.rollback()
            savepoint.close(rollback=False)

    @SETTINGS
    @given(price=PRICES, serial=SERIALS, product=PRODUCTS, foreign_currency=st.booleans())
    @example(price=10.0, serial="  SN 1  ", product="phone", foreign_currency=False)
    @example(price=10.0, serial="sn-1", product="phone", foreign_currency=False)
    @example(price=10.0, serial="SN-1", product="tablet", foreign_currency=True)
    @example(price=0.004, serial="SN-9", product="tablet", foreign_currency=False)
    def test_customer_purchase_entry(self, price, serial, product, foreign_currency):
        currency = self.eur if foreign_currency else self.company.currency_id
        self._assume_clear_of_the_limit(price, currency)
        expected = self._expected_refusal(price, serial, product, currency)
        with self._isolated() as refused:
            purchase = self.env["purchase.order"].create(
                {
                    "partner_id": self.seller.id,
                    "is_customer_purchase": True,
                    "currency_id": currency.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self._product(product).id,
                                "product_qty": 1,
                                "price_unit": price,
                                "tradein_serial_name": serial,
                            }
                        )
                    ],
                }
            )
            line = purchase.order_line
            # Whatever was accepted is consistent, the serial stored in its
            # one spelling.
            self.assertGreater(line.price_unit, 0)
            self.assertEqual(line.tradein_serial_name, shop_spelling(serial))
            self.assertIn(line.product_id, self.phone | self.tablet)
            purchase._tradein_pay_out("store_credit")
            self.assertEqual(purchase.customer_purchase_state, "paid")
            self.assertEqual(purchase.payout_bill_id.state, "posted")
            line.action_tradein_add_to_inventory()
            lot = line.tradein_lot_id
            self.assertEqual(lot.name, shop_spelling(serial))
            self.assertEqual(lot.product_qty, 1)
            self.assertNotEqual(
                (lot.name, lot.product_id),
                ("SN-1", self.phone),
                "a serial in stock is bought twice",
            )
        self._assert_outcome(refused, expected)

    @SETTINGS
    @given(allowance=PRICES, serial=SERIALS, product=PRODUCTS)
    @example(allowance=50.0, serial="", product="phone")
    @example(allowance=50.0, serial="SN-1", product="phone")
    @example(allowance=-5.0, serial="SN-7", product="tablet")
    def test_trade_in_entry(self, allowance, serial, product):
        currency = self.company.currency_id
        self._assume_clear_of_the_limit(allowance, currency)
        # The order is confirmed here: a serial-tracked item is taken in
        # with its serial, as it is bought.
        expected = self._expected_refusal(allowance, serial, product, currency)
        with self._isolated() as refused:
            order = self.env["sale.order"].create(
                {
                    "partner_id": self.seller.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self._product(product).id,
                                "is_tradein": True,
                                "tradein_serial_name": serial,
                                "tradein_allowance": allowance,
                            }
                        )
                    ],
                }
            )
            line = order.order_line
            self.assertGreater(line.tradein_allowance, 0)
            self.assertEqual(line.tradein_serial_name, shop_spelling(serial))
            self.assertEqual(line.price_unit, -line.tradein_allowance)
            order.action_confirm()
            purchase_line = line.tradein_purchase_line_id
            self.assertEqual(purchase_line.price_unit, -line.price_unit)
            if purchase_line.tradein_lot_id:
                self.assertEqual(purchase_line.tradein_lot_id.name, shop_spelling(serial))
                self.assertEqual(purchase_line.tradein_lot_id.product_qty, 1)
        self._assert_outcome(refused, expected)

    def test_serial_spelling_examples(self):
        """The shop's spelling rule on the cases a counter meets, by hand."""
        Lot = self.env["stock.lot"]
        for typed, spelt in [
            ("  SN 1  ", "SN 1"),
            ("\uff33\uff2e\uff11\uff12", "SN12"),  # full-width, from an Asian keyboard
            ("SN\u200b77", "SN77"),  # a zero-width space pasted from a web page
            ("\u200fSN-5", "SN-5"),  # a right-to-left mark
            ("a" * 64, "a" * 64),
        ]:
            self.assertEqual(shop_spelling(typed), spelt)
            self.assertEqual(Lot._tradein_clean_serial(typed), spelt)
        for typed in ("SN\n7", "SN\t7", "SN\u20287", "a" * 65):
            self.assertIsNone(shop_spelling(typed))
            with self.assertRaises(UserError):
                Lot._tradein_clean_serial(typed)
