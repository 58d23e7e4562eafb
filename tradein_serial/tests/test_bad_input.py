"""Property-based bad input on the customer purchase and trade-in entry points.

Every generated case ends in a correct record or a clear UserError /
ValidationError, rolled back; never another exception.
"""

from contextlib import contextmanager

from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

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
    def test_customer_purchase_entry(self, price, serial, product, foreign_currency):
        with self._isolated():
            purchase = self.env["purchase.order"].create(
                {
                    "partner_id": self.seller.id,
                    "is_customer_purchase": True,
                    "currency_id": (self.eur if foreign_currency else self.company.currency_id).id,
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
            # one spelling (see stock.lot._tradein_clean_serial).
            self.assertGreater(line.price_unit, 0)
            self.assertEqual(
                line.tradein_serial_name, self.env["stock.lot"]._tradein_clean_serial(serial)
            )
            self.assertIn(line.product_id, self.phone | self.tablet)
            purchase._tradein_pay_out("store_credit")
            self.assertEqual(purchase.customer_purchase_state, "paid")
            self.assertEqual(purchase.payout_bill_id.state, "posted")
            line.action_tradein_add_to_inventory()
            lot = line.tradein_lot_id
            self.assertEqual(lot.name, self.env["stock.lot"]._tradein_clean_serial(serial))
            self.assertEqual(lot.product_qty, 1)
            self.assertNotEqual(
                (lot.name, lot.product_id),
                ("SN-1", self.phone),
                "a serial in stock is bought twice",
            )

    @SETTINGS
    @given(allowance=PRICES, serial=SERIALS, product=PRODUCTS)
    def test_trade_in_entry(self, allowance, serial, product):
        with self._isolated():
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
            self.assertEqual(
                line.tradein_serial_name, self.env["stock.lot"]._tradein_clean_serial(serial)
            )
            self.assertEqual(line.price_unit, -line._tradein_allowance_amount())
            order.action_confirm()
            purchase_line = line.tradein_purchase_line_id
            self.assertEqual(purchase_line.price_unit, -line.price_unit)
            if purchase_line.tradein_lot_id:
                self.assertEqual(
                    purchase_line.tradein_lot_id.name,
                    self.env["stock.lot"]._tradein_clean_serial(serial),
                )
                self.assertEqual(purchase_line.tradein_lot_id.product_qty, 1)
