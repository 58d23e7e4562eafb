"""Two transactions at once, on real PostgreSQL rows (committed test data).

Each case runs two cursors of the test database side by side: the first
holds its work uncommitted while the second tries the same thing. Exactly
one succeeds; the other gets an error and leaves nothing behind.
"""

import uuid

import psycopg2
import pytest


@pytest.fixture
def registry():
    from odoo.modules.registry import Registry
    from odoo.tests.common import get_db_name

    return Registry(get_db_name())


def _env(cr):
    from odoo import SUPERUSER_ID, api

    return api.Environment(cr, SUPERUSER_ID, {})


def _setup(registry):
    """Commit a seller, a serialized product and a customer purchase."""
    tag = uuid.uuid4().hex[:8]
    with registry.cursor() as cr:
        env = _env(cr)
        seller = env["res.partner"].create(
            {
                "name": f"Seller {tag}",
                "tradein_id_type": "passport",
                "tradein_id_number": f"P-{tag}",
                "tradein_birthdate": "1990-01-01",
            }
        )
        product = env["product.product"].create(
            {"name": f"Phone {tag}", "is_storable": True, "tracking": "serial", "list_price": 100}
        )
        purchase = env["purchase.order"].create(
            {
                "partner_id": seller.id,
                "is_customer_purchase": True,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "product_qty": 1,
                            "price_unit": 30.0,
                            "tradein_serial_name": f"SN-{tag}",
                        },
                    )
                ],
            }
        )
        cr.commit()
        return tag, seller.id, product.id, purchase.id


def test_two_pay_outs_of_the_same_purchase(registry):
    from odoo.exceptions import UserError

    _tag, _seller_id, _product_id, purchase_id = _setup(registry)
    with registry.cursor() as cr_a, registry.cursor() as cr_b:
        # Without our row lock the second transaction would wait for the first
        # one forever (same thread): a lock timeout makes that a failure.
        cr_b.execute("SET lock_timeout = '2s'")
        first = _env(cr_a)["purchase.order"].browse(purchase_id)
        second = _env(cr_b)["purchase.order"].browse(purchase_id)
        first._tradein_pay_out("store_credit")
        with pytest.raises(UserError, match="being paid out or cancelled by someone else"):
            second._tradein_pay_out("store_credit")
        cr_b.rollback()
        cr_a.commit()
    with registry.cursor() as cr:
        purchase = _env(cr)["purchase.order"].browse(purchase_id)
        assert purchase.customer_purchase_state == "paid"
        assert len(purchase.invoice_ids) == 1
        assert purchase.payout_credit_move_id.state == "posted"
        credit_entries = _env(cr)["account.move"].search([("ref", "=", purchase.name)])
        assert len(credit_entries) == 2  # the bill and its store-credit entry, once


def test_two_trade_ins_of_the_same_serial(registry):
    tag, seller_id, product_id, _purchase_id = _setup(registry)
    serial = f"TWICE-{tag}"

    def quotation(env):
        return env["sale.order"].create(
            {
                "partner_id": seller_id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": product_id,
                            "is_tradein": True,
                            "tradein_serial_name": serial,
                            "tradein_allowance": 20.0,
                        },
                    )
                ],
            }
        )

    with registry.cursor() as cr:
        first_id, second_id = quotation(_env(cr)).id, quotation(_env(cr)).id
        cr.commit()
    with registry.cursor() as cr_a, registry.cursor() as cr_b:
        _env(cr_a)["sale.order"].browse(first_id).action_confirm()
        from odoo.tools import mute_logger

        cr_b.execute("SET lock_timeout = '1s'")
        # The unique serial index makes the second insert wait for the first
        # transaction, then fail; the expected failed query is not logged.
        with mute_logger("odoo.sql_db"), pytest.raises(psycopg2.Error):
            _env(cr_b)["sale.order"].browse(second_id).action_confirm()
            _env(cr_b).flush_all()
        cr_b.rollback()
        cr_a.commit()
    with registry.cursor() as cr:
        env = _env(cr)
        lots = env["stock.lot"].search([("name", "=", serial)])
        assert len(lots) == 1
        assert lots.product_qty == 1
        assert env["sale.order"].browse(first_id).state == "sale"
        assert env["sale.order"].browse(second_id).state == "draft"
        # Taken in afterwards, the second trade-in is refused clearly.
        from odoo.exceptions import ValidationError

        with pytest.raises(ValidationError, match="already in our stock"):
            env["sale.order"].browse(second_id).action_confirm()
        cr.rollback()


def test_buy_back_and_return_of_the_same_serial(registry):
    """The owner returns a serial while the shop buys the same serial back."""
    from odoo.exceptions import UserError

    tag, seller_id, product_id, _purchase_id = _setup(registry)
    serial = f"OWNED-{tag}"
    with registry.cursor() as cr:
        env = _env(cr)
        product = env["product.product"].browse(product_id)
        vendor = env["res.partner"].create({"name": f"Vendor {tag}"})
        order = env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "order_line": [(0, 0, {"product_id": product.id, "product_qty": 1})],
            }
        )
        order.button_confirm()
        order.picking_ids.move_ids.move_line_ids.write(
            {"lot_name": serial, "quantity": 1, "picked": True}
        )
        order.picking_ids.button_validate()
        lot = order.picking_ids.move_line_ids.lot_id
        sale = env["sale.order"].create(
            {"partner_id": seller_id, "order_line": [(0, 0, {"product_id": product.id})]}
        )
        sale.action_confirm()
        sale.picking_ids.move_ids.picked = True
        sale.picking_ids.button_validate()
        assert lot.tradein_owner_id.id == seller_id
        buy_back = env["purchase.order"].create(
            {
                "partner_id": seller_id,
                "is_customer_purchase": True,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "product_qty": 1,
                            "price_unit": 20.0,
                            "tradein_lot_id": lot.id,
                        },
                    )
                ],
            }
        )
        buy_back._tradein_pay_out("store_credit")
        cr.commit()
        lot_id, buy_back_id = lot.id, buy_back.id
    with registry.cursor() as cr_a, registry.cursor() as cr_b:
        _env(cr_a)["purchase.order"].browse(
            buy_back_id
        ).order_line.action_tradein_add_to_inventory()
        cr_b.execute("SET lock_timeout = '2s'")
        env_b = _env(cr_b)
        stock = env_b["stock.lot"]._tradein_default_location()
        with pytest.raises(UserError, match="being received, returned or swapped"):
            env_b["stock.lot"].browse(lot_id)._tradein_return(stock, "changed mind")
        cr_b.rollback()
        cr_a.commit()
    with registry.cursor() as cr:
        lot = _env(cr)["stock.lot"].browse(lot_id)
        assert lot.product_qty == 1, "the serial is in stock once"
        assert lot.acquisition_type == "customer_purchase"
