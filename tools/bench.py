#!/usr/bin/env python3
"""Benchmark of the add-ons' flows against Odoo's own (`make bench`).

Runs inside one database transaction that is rolled back at the end, so it
can run on any database with the three add-ons installed. Each row is the
median of several repetitions, measured in the same run as its baseline,
with the number of SQL queries (Odoo's counter) and the wall time.

    python3 tools/bench.py -c ODOO_CONFIG -d DATABASE [--repeat 5]
        [--large DATABASE --small DATABASE]

With --large (a database of `tools/datagen.py` at scale 1.0: 100,000
serials) and --small (the same generator at scale 0.01: 1,000 serials), it
adds the rows on large data: the same sale measured on both databases, and
the margin register, the margin period report and the dealer register over
the generated year of the large one.
"""

import argparse
import statistics
import sys
import time
import uuid


def measure(env, function, repeat):
    """Median (queries, seconds) of `function()` run `repeat` times, each
    in a savepoint rolled back afterwards."""
    queries, seconds = [], []
    for _ in range(repeat):
        savepoint = env.cr.savepoint(flush=False)
        env.invalidate_all()
        before_q, before_t = env.cr.sql_log_count, time.perf_counter()
        function()
        env.flush_all()
        seconds.append(time.perf_counter() - before_t)
        queries.append(env.cr.sql_log_count - before_q)
        env.invalidate_all()
        savepoint.rollback()
        savepoint.close(rollback=False)
    return statistics.median(queries), statistics.median(seconds)


class Bench:
    def __init__(self, env, repeat):
        self.env, self.repeat = env, repeat
        self.rows = []
        category = env["product.category"].create(
            {"name": "Bench", "property_cost_method": "average"}
        )
        self.product = self._product("Bench phone", category)
        self.used = self._product("Bench phone (used)", category)
        self.product.used_product_id = self.used
        identity = {
            "tradein_id_type": "passport",
            "tradein_id_number": "B-1",
            "tradein_birthdate": "1990-01-01",
        }
        self.journal = env["account.journal"].search(
            [("company_id", "=", env.company.id), ("type", "in", ("cash", "bank"))], limit=1
        )
        self.customer = env["res.partner"].create({"name": "Bench customer", **identity})
        self.seller = env["res.partner"].create({"name": "Bench seller", **identity})

    def _product(self, name, category):
        return self.env["product.product"].create(
            {
                "name": name,
                "is_storable": True,
                "tracking": "serial",
                "categ_id": category.id,
                "list_price": 100.0,
                "taxes_id": [(5,)],
            }
        )

    def _stock(self, count):
        """`count` serials of the product in stock, received from a vendor."""
        vendor = self.env["res.partner"].create({"name": "Bench vendor"})
        order = self.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_qty": count})],
            }
        )
        order.button_confirm()
        picking = order.picking_ids
        for move_line in picking.move_ids.move_line_ids:
            move_line.write({"lot_name": uuid.uuid4().hex[:12], "quantity": 1, "picked": True})
        picking.button_validate()
        return picking.move_line_ids.lot_id

    def _sale(self, with_tradein):
        lines = [(0, 0, {"product_id": self.product.id, "product_uom_qty": 1})]
        if with_tradein:
            lines.append(
                (
                    0,
                    0,
                    {
                        "product_id": self.product.id,
                        "is_tradein": True,
                        "tradein_serial_name": uuid.uuid4().hex[:12],
                        "tradein_allowance": 25.0,
                    },
                )
            )
        order = self.env["sale.order"].create({"partner_id": self.customer.id, "order_line": lines})
        order.action_confirm()
        delivery = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        delivery.move_ids.picked = True
        delivery.button_validate()
        invoice = order._create_invoices()
        invoice.action_post()

    def _customer_purchase(self, count, add_all):
        """A customer purchase of `count` serials created, paid out and added
        to inventory at once (Add All to Inventory) or item by item."""
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.seller.id,
                "is_customer_purchase": True,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.used.id,
                            "product_qty": 1,
                            "price_unit": 30.0,
                            "tradein_serial_name": uuid.uuid4().hex[:12],
                        },
                    )
                    for _ in range(count)
                ],
            }
        )
        order._tradein_pay_out("journal", journal=self.journal)
        if add_all:
            order.action_tradein_add_all_to_inventory()
        else:
            for line in order.order_line:
                line.action_tradein_add_to_inventory()

    def _core_purchase(self, count, lines=1):
        """Odoo's own: a purchase order of `count` serials on `lines` lines
        confirmed, received with their serial numbers, billed and paid."""
        vendor = self.env["res.partner"].create({"name": "Bench vendor"})
        line = {"product_id": self.used.id, "product_qty": count / lines, "price_unit": 30.0}
        order = self.env["purchase.order"].create(
            {"partner_id": vendor.id, "order_line": [(0, 0, line) for _ in range(lines)]}
        )
        order.button_confirm()
        picking = order.picking_ids
        for move_line in picking.move_ids.move_line_ids:
            move_line.write({"lot_name": uuid.uuid4().hex[:12], "quantity": 1, "picked": True})
        picking.button_validate()
        order.action_create_invoice()
        bill = order.invoice_ids
        bill.invoice_date = bill.date
        bill.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=bill.ids
        ).create({"journal_id": self.journal.id})._create_payments()

    def row(self, name, measured, baseline=None, unit=None):
        self.rows.append((name, measured, baseline, unit))

    def run(self):
        self._stock(self.repeat * 2 + 2)
        plain = measure(self.env, lambda: self._sale(False), self.repeat)
        tradein = measure(self.env, lambda: self._sale(True), self.repeat)
        self.row("sale + delivery + invoice, with a trade-in vs without", tradein, plain)

        add_all = measure(self.env, lambda: self._customer_purchase(20, True), self.repeat)
        self.row(
            "customer purchase of 20 serials, Add All to Inventory vs Odoo's purchase "
            "of 20 lines of one serial, received, billed and paid",
            add_all,
            measure(self.env, lambda: self._core_purchase(20, lines=20), self.repeat),
        )
        self.row(
            "the same vs Odoo's purchase of one line of 20 serials",
            add_all,
            measure(self.env, lambda: self._core_purchase(20), self.repeat),
        )
        queries, seconds = measure(
            self.env, lambda: self._customer_purchase(20, False), self.repeat
        )
        self.row(
            "customer purchase of 20 serials, Add to Inventory item by item (per item)",
            (queries / 20, seconds / 20),
        )

        lots = self._stock(2)
        small, big = lots[0], lots[1]
        Event = self.env["tradein.serial.event"]
        Event._tradein_log(
            [{"lot_id": big.id, "event_type": "delivery", "partner_id": self.customer.id}] * 300
        )

        def history(lot):
            return lambda: Event.web_search_read(
                [("lot_id", "=", lot.id)],
                {"date": {}, "event_type": {}, "partner_id": {"fields": {"display_name": {}}}},
            )

        self.row(
            "serial history, 300 events vs 3",
            measure(self.env, history(big), self.repeat),
            measure(self.env, history(small), self.repeat),
        )

        owner_many = self.env["res.partner"].create({"name": "Owner of 500"})
        owner_one = self.env["res.partner"].create({"name": "Owner of 1"})
        assets = self.env["stock.lot"].create(
            [{"name": uuid.uuid4().hex[:12], "product_id": self.product.id} for _ in range(501)]
        )
        assets[:500].tradein_owner_id = owner_many
        assets[500].tradein_owner_id = owner_one

        def assets_view(partner):
            domain = partner.action_view_tradein_assets()["domain"]
            return lambda: self.env["stock.lot"].web_search_read(
                domain, {"name": {}, "product_id": {"fields": {"display_name": {}}}}, limit=80
            )

        self.row(
            "customer assets, 500 serials vs 1",
            measure(self.env, assets_view(owner_many), self.repeat),
            measure(self.env, assets_view(owner_one), self.repeat),
        )

        def register():
            wizard = self.env["tradein.dealer.register.wizard"].create({})
            wizard._register_rows()

        self.row("dealer register of the month", measure(self.env, register, self.repeat))

    def print_table(self, rows=None):
        print(f"{'flow':<75} {'queries':>9} {'ms':>9} {'x queries':>10} {'x time':>8}")
        for name, (queries, seconds), baseline, _unit in rows or self.rows:
            ratio_q = ratio_t = ""
            if baseline:
                ratio_q = f"{queries / baseline[0]:.2f}" if baseline[0] else ""
                ratio_t = f"{seconds / baseline[1]:.2f}" if baseline[1] else ""
            print(f"{name:<75} {queries:>9.1f} {seconds * 1000:>9.1f} {ratio_q:>10} {ratio_t:>8}")


class LargeBench:
    """Rows on the generated databases (tools/datagen.py)."""

    def __init__(self, large_env, small_env, repeat):
        self.large, self.small = Bench(large_env, repeat), Bench(small_env, repeat)
        self.env, self.repeat = large_env, repeat
        self.rows = []

    def _year(self):
        """The generated year: the dates of the generated margin periods."""
        periods = self.env["tradein.margin.period"].search([], order="date_from")
        return periods[0].date_from, periods[-1].date_to, periods[0].rate

    def run(self):
        for bench in (self.large, self.small):
            bench._stock(self.repeat * 2 + 2)
        large_serials = self.large.env["stock.lot"].search_count([])
        small_serials = self.small.env["stock.lot"].search_count([])
        self.rows.append(
            (
                f"same sale with a trade-in, {large_serials:,} serials vs {small_serials:,}",
                measure(self.large.env, lambda: self.large._sale(True), self.repeat),
                measure(self.small.env, lambda: self.small._sale(True), self.repeat),
                None,
            )
        )
        date_from, date_to, rate = self._year()
        heavy = max(1, min(self.repeat, 3))
        margin_lines = self.env["account.move.line"].search_count(
            [
                ("parent_state", "=", "posted"),
                ("tradein_margin_scheme", "=", True),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ]
        )

        def margin_register():
            wizard = self.env["tradein.margin.register.wizard"].create(
                {"date_from": date_from, "date_to": date_to}
            )
            wizard._register_rows()

        self.rows.append(
            (
                f"margin register of the year ({margin_lines:,} margin-scheme serials sold)",
                measure(self.env, margin_register, heavy),
                None,
                None,
            )
        )
        # One period over the whole year: the monthly ones go (rolled back).
        self.env["tradein.margin.period"].search([]).unlink()
        period = self.env["tradein.margin.period"].create(
            {"date_from": date_from, "date_to": date_to, "rate": rate}
        )
        self.rows.append(
            (
                f"margin period report over the year ({margin_lines:,} serials sold)",
                measure(self.env, period.action_update_figures, heavy),
                None,
                None,
            )
        )
        purchases = self.env["purchase.order"].search_count(
            [
                ("is_customer_purchase", "=", True),
                ("payout_date", ">=", date_from),
                ("payout_date", "<=", date_to),
            ]
        )

        def dealer_register():
            wizard = self.env["tradein.dealer.register.wizard"].create(
                {"date_from": date_from, "date_to": date_to}
            )
            wizard._register_rows()

        self.rows.append(
            (
                f"dealer register of the year ({purchases:,} customer purchases)",
                measure(self.env, dealer_register, heavy),
                None,
                None,
            )
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--large", help="database generated at scale 1.0 (tools/datagen.py)")
    parser.add_argument("--small", help="database generated at scale 0.01")
    args = parser.parse_args()

    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "--log-level=warn"], setup_logging=True)
    del odoo
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        bench = Bench(env, args.repeat)
        bench.run()
        rows = bench.rows
        if args.large and args.small:
            with (
                Registry(args.large).cursor() as large_cr,
                Registry(args.small).cursor() as small_cr,
            ):
                large = LargeBench(
                    api.Environment(large_cr, SUPERUSER_ID, {}),
                    api.Environment(small_cr, SUPERUSER_ID, {}),
                    args.repeat,
                )
                large.run()
                rows = rows + large.rows
                large_cr.rollback()
                small_cr.rollback()
        bench.print_table(rows)
        cr.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main())
