"""The large-data generator (tools/datagen.py) at a tiny scale, so it cannot rot.

It writes with bulk SQL what the ORM would have written: the test checks the
counts, then reads the data back through the ORM (recomputed invoice and
order amounts, the registers) and rolls everything back.
"""

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import datagen


@pytest.fixture
def env():
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tests.common import get_db_name

    with Registry(get_db_name()).cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {})
        cr.rollback()


def test_datagen_tiny_scale_is_consistent(env):
    generator = datagen.Generator(env, scale=0.001, log=lambda _msg: None)
    counts = generator.run()

    serials = len(generator.lots)
    sold = [lot for lot in generator.lots if lot["sale"]]
    assert serials >= 90
    assert counts["stock_lot"] == counts["stock_quant"] == serials
    assert counts["sale_order"] == counts["account_move"] == len(generator.sales) >= 20
    assert counts["stock_move_line"] == serials + len(sold)
    assert 1 <= counts["tradein_serial_event"] / serials <= 300
    env.cr.execute(
        "SELECT COUNT(*) FROM tradein_serial_event WHERE lot_id = %s", [generator.lots[0]["id"]]
    )
    assert env.cr.fetchone()[0] == 300

    # Balanced invoices whose amounts the ORM computes the same way.
    env.cr.execute(
        """SELECT COUNT(*) FROM (SELECT move_id FROM account_move_line
            WHERE move_id = ANY(%s) GROUP BY move_id HAVING ABS(SUM(balance)) > 0.001) t""",
        [[sale["move"] for sale in generator.sales]],
    )
    assert env.cr.fetchone()[0] == 0
    moves = env["account.move"].browse([sale["move"] for sale in generator.sales])
    stored = [(m.amount_untaxed, m.amount_tax, m.amount_total) for m in moves]
    env.invalidate_all()
    for name in ("amount_untaxed", "amount_tax", "amount_total"):
        env.add_to_compute(moves._fields[name], moves)
    moves._recompute_recordset()
    assert [(m.amount_untaxed, m.amount_tax, m.amount_total) for m in moves] == pytest.approx(
        stored
    )

    # Sold serials: at the customer's, owned by the buyer; the others in stock.
    lots = env["stock.lot"].browse([lot["id"] for lot in sold])
    assert lots.mapped("tradein_owner_id")
    assert set(lots.mapped("location_id.usage")) == {"customer"}
    kept = env["stock.lot"].browse([lot["id"] for lot in generator.lots if not lot["sale"]])
    assert set(kept.mapped("product_qty")) <= {1.0}

    # The registers read the generated year.
    year = generator.year
    margin_sold = sum(1 for lot in sold if lot["margin"])
    margin_bought = sum(1 for lot in generator.lots if lot["margin"])
    book = env["tradein.margin.register.wizard"].create(
        {"date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}
    )
    # The stock book: one row per margin item bought (its sale on the row),
    # and the year's sales of those items.
    assert len(book._register_rows()) == margin_bought
    book.stock_filter = "sold"
    assert len(book._register_rows()) == margin_sold
    dealer = env["tradein.dealer.register.wizard"].create(
        {"date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}
    )
    customer_purchased = sum(
        1 for lot in generator.lots if lot["kind"] in ("customer_purchase", "trade_in")
    )
    assert len(dealer._register_rows()) == customer_purchased
    periods = env["tradein.margin.period"].search(
        [("date_from", ">=", f"{year}-01-01"), ("date_to", "<=", f"{year}-12-31")]
    )
    assert len(periods) == 12
    periods.action_update_figures()
    assert sum(periods.mapped("item_margin_vat")) > 0
