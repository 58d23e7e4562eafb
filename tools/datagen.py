#!/usr/bin/env python3
"""Large generated data for the benchmarks (`make data`).

At --scale 1.0: 2,000 products (a third with a used twin), 100,000 serials,
30,000 posted-invoiced sale orders (a third with a trade-in), 10,000
customer purchases, margin-scheme and standard-VAT sales spread over the 12
monthly VAT periods of last year, and 1 to 300 history events per serial.
--scale 0.01 gives 1,000 serials, 300 sale orders, and so on.

Partners, products and margin periods go through the ORM's batch create;
the volume (orders, serials, stock, invoices, history) is written with bulk
SQL INSERTs, consistent with what the ORM would have written for the fields
the add-ons read: serials in stock have a quant in stock, sold ones a quant
at the customer's and an owner; each sold serial has its receipt, its
delivery and a line on a posted, balanced invoice (margin-scheme lines with
their margin tax, purchase price and tax line; each margin-scheme serial
its stock-book entry with a stock number). Not generated: vendor bills
and pay-out payments of the purchases, stock valuation entries.

    python3 tools/datagen.py -c ODOO_CONFIG -d DATABASE [--scale 1.0]

or, on the harness' --dev cluster: `python3 tools/harness.py datagen`.
"""

import argparse
import datetime
import heapq
import random
import sys
import time
import uuid

BATCH = 2000
EVENT_FILLERS = ["reserved", "adjustment", "refurbishment", "return", "delivery"]


def chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Generator:
    """Fill the database of `env` with generated data at `scale`."""

    def __init__(self, env, scale=1.0, seed=9, log=print):
        self.env = env(
            context=dict(
                env.context, tracking_disable=True, mail_create_nolog=True, mail_notrack=True
            )
        )
        self.cr = env.cr
        self.scale = scale
        self.rnd = random.Random(seed)
        self.log = log
        self.tag = uuid.uuid4().hex[:4].upper()
        self.year = datetime.date.today().year - 1
        self.now = datetime.datetime.now()
        self.uid = env.uid
        self.counts = {}

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def n(self, full, minimum=1):
        return max(minimum, round(full * self.scale))

    def day(self, offset):
        return datetime.date(self.year, 1, 1) + datetime.timedelta(days=offset)

    def insert(self, table, columns, rows, returning=True):
        """Bulk INSERT `rows` (tuples in `columns` order) with the audit columns;
        return the new ids in order."""
        if not rows:
            return []
        audit = (self.uid, self.uid, self.now, self.now)
        columns = [*columns, "create_uid", "write_uid", "create_date", "write_date"]
        query = f"INSERT INTO {table} ({', '.join(columns)}) VALUES %s"
        if returning:
            query += " RETURNING id"
        ids = []
        for batch in chunks(rows):
            result = self.cr.execute_values(
                query, [(*row, *audit) for row in batch], page_size=len(batch), fetch=returning
            )
            if returning:
                ids.extend(row[0] for row in result)
        self.counts[table] = self.counts.get(table, 0) + len(rows)
        return ids

    def insert_rel(self, table, columns, rows):
        for batch in chunks(rows, 10000):
            self.cr.execute_values(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES %s",
                batch,
                page_size=len(batch),
            )

    # ------------------------------------------------------------------
    # phases
    # ------------------------------------------------------------------

    def run(self):
        started = time.monotonic()
        for phase in (
            self.setup,
            self.partners,
            self.products,
            self.plan,
            self.sale_orders,
            self.purchases,
            self.serials,
            self.sale_lines,
            self.stock,
            self.invoices,
            self.stock_book,
            self.history,
            self.periods,
        ):
            phase_started = time.monotonic()
            phase()
            self.log(
                f"[datagen] {phase.__name__:<12} {time.monotonic() - phase_started:7.1f}s "
                f"(total {time.monotonic() - started:.0f}s)"
            )
        self.env.invalidate_all()
        self.env["ir.config_parameter"].sudo().set_param("tradein_datagen.scale", str(self.scale))
        return self.counts

    def setup(self):
        env = self.env
        company = self.company = env.company
        if not company.chart_template:
            env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        self.currency = company.currency_id
        Tax = env["account.tax"]
        domain = [*Tax._check_company_domain(company), ("type_tax_use", "=", "sale")]
        self.std_tax = Tax.search(
            [
                *domain,
                ("amount_type", "=", "percent"),
                ("amount", ">", 0),
                ("tradein_margin", "=", False),
                ("price_include", "=", False),
            ],
            limit=1,
        )
        if not self.std_tax:
            raise SystemExit("[datagen] the company has no sales tax (price excluded)")
        margin = Tax.search(
            [*domain, ("tradein_margin", "=", True), ("original_tax_ids", "in", self.std_tax.ids)],
            limit=1,
        )
        if not margin:
            company._tradein_margin_setup()
            margin = Tax.search(
                [
                    *domain,
                    ("tradein_margin", "=", True),
                    ("original_tax_ids", "in", self.std_tax.ids),
                ],
                limit=1,
            )
        self.margin_tax = margin
        self.rate = self.std_tax.amount / 100.0
        self.tax_info = {}
        for tax in (self.std_tax, self.margin_tax):
            rep = tax.invoice_repartition_line_ids.filtered(lambda r: r.repartition_type == "tax")[
                :1
            ]
            self.tax_info[tax.id] = (rep.id, rep.account_id.id, tax.tax_group_id.id, tax.name)
        self.journal = env["account.journal"].search(
            [*env["account.journal"]._check_company_domain(company), ("code", "=", "GEN")],
            limit=1,
        ) or env["account.journal"].create(
            {"name": "Generated sales", "code": "GEN", "type": "sale", "company_id": company.id}
        )
        self.receivable = (
            env["account.account"]
            .search(
                [
                    *env["account.account"]._check_company_domain(company),
                    ("account_type", "=", "asset_receivable"),
                ],
                limit=1,
            )
            .id
        )
        self.warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        self.stock_loc = self.warehouse.lot_stock_id.id
        self.customer_loc = env.ref("stock.stock_location_customers").id
        self.supplier_loc = env.ref("stock.stock_location_suppliers").id
        self.in_type = self.warehouse.in_type_id.id
        self.out_type = self.warehouse.out_type_id.id
        self.unit = env.ref("uom.product_uom_unit").id
        self.category = env["product.category"].create(
            {"name": f"Generated {self.tag}", "property_cost_method": "average"}
        )

    def partners(self):
        Partner = self.env["res.partner"]
        country = self.company.country_id or self.env.ref("base.no")
        customers = self.n(20000, 5)
        vals = []
        for index in range(customers):
            vals.append(
                {
                    "name": f"Customer {self.tag}-{index}",
                    "street": f"{index % 200 + 1} Generated Street",
                    "zip": f"{1000 + index % 8000}",
                    "city": "Sampleton",
                    "country_id": country.id,
                    "email": f"c{index}.{self.tag}@example.com",
                    "tradein_id_type": "passport",
                    "tradein_id_number": f"P{self.tag}{index:07d}",
                    "tradein_id_country_id": country.id,
                    "tradein_birthdate": datetime.date(1950 + index % 50, 1 + index % 12, 1),
                }
            )
        self.customers = []
        for batch in chunks(vals):
            self.customers.extend(Partner.create(batch).ids)
        self.identity = {
            partner: (values["tradein_id_number"], values["tradein_birthdate"])
            for partner, values in zip(self.customers, vals, strict=True)
        }
        vendors = self.n(100, 2)
        vendor_vals = [
            {
                "name": f"Vendor {self.tag}-{index}",
                "is_company": True,
                "country_id": country.id,
                "tradein_seller_type": "margin_dealer" if index % 4 else "vat_business",
            }
            for index in range(vendors)
        ]
        vendor_records = Partner.create(vendor_vals)
        self.vendors = [(p.id, p.tradein_seller_type == "margin_dealer") for p in vendor_records]
        self.country = country.id

    def products(self):
        Product = self.env["product.product"]
        count = self.n(2000, 3)
        vals = []
        for index in range(count):
            price = self.rnd.randrange(100, 2000, 10)
            vals.append(
                {
                    "name": f"Generated product {self.tag}-{index}",
                    "default_code": f"G{self.tag}{index:05d}",
                    "is_storable": True,
                    "tracking": "serial",
                    "categ_id": self.category.id,
                    "list_price": price,
                    "standard_price": price * 0.5,
                    "taxes_id": [(6, 0, self.std_tax.ids)],
                }
            )
        products = Product.browse()
        for batch in chunks(vals, 500):
            products |= Product.create(batch)
        with_twin = products[::3]
        twins = Product.create(
            [
                {
                    "name": f"{product.name} (used)",
                    "default_code": f"{product.default_code}U",
                    "is_storable": True,
                    "tracking": "serial",
                    "categ_id": self.category.id,
                    "list_price": product.list_price * 0.6,
                    "standard_price": product.list_price * 0.3,
                    "taxes_id": [(6, 0, self.std_tax.ids)],
                }
                for product in with_twin
            ]
        )
        for product, twin in zip(with_twin, twins, strict=True):
            product.used_product_id = twin
        self.product_price = {p.id: p.list_price for p in products | twins}
        self.product_name = {p.id: p.display_name for p in products | twins}
        self.new_products = products.ids
        self.twin_of = dict(zip(with_twin.ids, twins.ids, strict=True))
        self.all_products = (products | twins).ids
        accounts = (twins[:1] or products[:1]).product_tmpl_id.get_product_accounts()
        self.allowance_account = (accounts.get("stock_valuation") or accounts["expense"]).id
        self.income_account = (
            self.journal.default_account_id
            or products[:1].product_tmpl_id.get_product_accounts()["income"]
        ).id

    def plan(self):
        """Dates, serials and which sale order sells which serial (Python only)."""
        rnd = self.rnd
        serials = self.n(100000, 20)
        sales = self.n(30000, 6)
        purchases = self.n(10000, 2)
        # Sale orders: uniform over the year (day 1 .. 364); every third has a trade-in.
        self.sales = sorted(
            (
                {
                    "day": rnd.randint(1, 364),
                    "partner": rnd.choice(self.customers),
                    "tradein": index % 3 == 0,
                    "lots": [],
                }
                for index in range(sales)
            ),
            key=lambda sale: sale["day"],
        )
        tradeins = sum(sale["tradein"] for sale in self.sales)
        # Customer purchases: 1-9 items each, dated early in the year more often.
        self.cps = []
        for _index in range(purchases):
            self.cps.append(
                {
                    "day": int(364 * rnd.random() ** 2),
                    "partner": rnd.choice(self.customers),
                    "method": rnd.choice(("journal", "store_credit")),
                    "lines": rnd.randint(1, 9),
                }
            )
        cp_lines = sum(cp["lines"] for cp in self.cps)
        vendor_lots = max(serials - tradeins - cp_lines, 20)
        # Vendor purchases of 20 serials, a tenth of them opening stock on day 0.
        self.vendor_pos = []
        for _index in range(-(-vendor_lots // 20)):
            vendor, margin = rnd.choice(self.vendors)
            self.vendor_pos.append(
                {
                    "day": 0 if rnd.random() < 0.1 else int(364 * rnd.random() ** 3),
                    "partner": vendor,
                    "margin": margin,
                    "lines": 20,
                }
            )
        # Serials: dicts completed as the phases write them.
        self.lots = []

        def new_lot(product, day, price, kind, margin, partner):
            lot = {
                "product": product,
                "day": day,
                "price": price,
                "kind": kind,
                "margin": margin,
                "partner": partner,
                "sale": None,
            }
            self.lots.append(lot)
            return lot

        for po in self.vendor_pos:
            po["lots"] = []
            for _line in range(po["lines"]):
                product = rnd.choice(self.new_products)
                price = round(self.product_price[product] * 0.5, 2)
                po["lots"].append(
                    new_lot(
                        product, po["day"], price, "vendor_purchase", po["margin"], po["partner"]
                    )
                )
        for cp in self.cps:
            cp["lots"] = []
            for _line in range(cp["lines"]):
                base = rnd.choice(self.new_products)
                product = self.twin_of.get(base, base)
                price = round(self.product_price[base] * rnd.uniform(0.3, 0.5), 2)
                cp["lots"].append(
                    new_lot(product, cp["day"], price, "customer_purchase", True, cp["partner"])
                )
        # Sell: each order takes 1-5 serials acquired before its day; trade-ins
        # enter the pool the day after their sale.
        waiting = sorted(((lot["day"], index) for index, lot in enumerate(self.lots)), reverse=True)
        future = []  # heap of (day, index) of trade-ins
        pool = []
        for sale in self.sales:
            while waiting and waiting[-1][0] < sale["day"]:
                pool.append(waiting.pop()[1])
            while future and future[0][0] < sale["day"]:
                pool.append(heapq.heappop(future)[1])
            for _line in range(rnd.randint(1, 5)):
                if not pool:
                    break
                pick = rnd.randrange(len(pool))
                pool[pick], pool[-1] = pool[-1], pool[pick]
                lot = self.lots[pool.pop()]
                lot["sale"] = sale
                sale["lots"].append(lot)
            if sale["tradein"] and sale["lots"]:
                base = rnd.choice(self.new_products)
                product = self.twin_of.get(base, base)
                total = sum(self.product_price[lot["product"]] for lot in sale["lots"])
                allowance = round(min(self.product_price[base] * 0.4, total * 0.5), 2)
                lot = new_lot(product, sale["day"], allowance, "trade_in", True, sale["partner"])
                sale["tradein_lot"], sale["tradein_base"] = lot, base
                heapq.heappush(future, (sale["day"], len(self.lots) - 1))
            else:
                sale["tradein"] = False
        self.sales = [sale for sale in self.sales if sale["lots"]]
        self.log(
            f"[datagen] plan: {len(self.lots)} serials, {len(self.sales)} sale orders "
            f"({sum(s['tradein'] for s in self.sales)} with a trade-in), {len(self.cps)} "
            f"customer purchases, {len(self.vendor_pos)} vendor purchases, "
            f"{sum(1 for lot in self.lots if lot['sale'])} serials sold"
        )

    def sale_orders(self):
        rows = []
        for index, sale in enumerate(self.sales):
            sale["name"] = f"GS{self.tag}{index:06d}"
            date = datetime.datetime.combine(self.day(sale["day"]), datetime.time(10))
            sale["date"] = date
            rows.append(
                (
                    sale["name"],
                    self.company.id,
                    sale["partner"],
                    sale["partner"],
                    sale["partner"],
                    self.currency.id,
                    date,
                    "sale",
                    "invoiced",
                    "full",
                    1.0,
                    False,
                    False,
                    False,
                    1.0,
                    self.warehouse.id,
                    "direct",
                    "full",
                    date,
                )
            )
        ids = self.insert(
            "sale_order",
            [
                "name",
                "company_id",
                "partner_id",
                "partner_invoice_id",
                "partner_shipping_id",
                "currency_id",
                "date_order",
                "state",
                "invoice_status",
                "tradein_billing_status",
                "currency_rate",
                "locked",
                "require_signature",
                "require_payment",
                "prepayment_percent",
                "warehouse_id",
                "picking_policy",
                "delivery_status",
                "effective_date",
            ],
            rows,
        )
        for sale, sale_id in zip(self.sales, ids, strict=True):
            sale["id"] = sale_id

    def purchases(self):
        """Vendor purchases, customer purchases and the purchases behind trade-ins."""
        orders = []
        for index, po in enumerate(self.vendor_pos):
            po.update(name=f"GP{self.tag}{index:06d}", cp=False, method=None, sale=None)
            orders.append(po)
        for index, cp in enumerate(self.cps):
            cp.update(name=f"GC{self.tag}{index:06d}", cp=True, sale=None)
            orders.append(cp)
        for index, sale in enumerate(s for s in self.sales if s["tradein"]):
            lot = sale["tradein_lot"]
            orders.append(
                {
                    "name": f"GT{self.tag}{index:06d}",
                    "day": sale["day"],
                    "partner": sale["partner"],
                    "cp": True,
                    "method": "allowance",
                    "sale": sale,
                    "lots": [lot],
                }
            )
        self.orders = orders
        rows = []
        for order in orders:
            date = datetime.datetime.combine(self.day(order["day"]), datetime.time(9))
            order["date"] = date
            total = round(sum(lot["price"] for lot in order["lots"]), 2)
            cp = order["cp"]
            rows.append(
                (
                    order["name"],
                    order["partner"],
                    self.currency.id,
                    self.company.id,
                    date,
                    date,
                    date,
                    "purchase",
                    "to invoice",
                    "full",
                    self.in_type,
                    total,
                    0.0,
                    total,
                    total,
                    1.0,
                    "0",
                    False,
                    False,
                    cp,
                    "completed" if cp else None,
                    order["method"],
                    date.date() if cp else None,
                    "passport" if cp else None,
                    self.identity[order["partner"]][0] if cp else None,
                    self.country if cp else None,
                    self.identity[order["partner"]][1] if cp else None,
                    order["sale"]["id"] if order["sale"] else None,
                    order["sale"]["name"] if order["sale"] else None,
                    date,
                )
            )
        ids = self.insert(
            "purchase_order",
            [
                "name",
                "partner_id",
                "currency_id",
                "company_id",
                "date_order",
                "date_approve",
                "date_planned",
                "state",
                "invoice_status",
                "receipt_status",
                "picking_type_id",
                "amount_untaxed",
                "amount_tax",
                "amount_total",
                "amount_total_cc",
                "currency_rate",
                "priority",
                "locked",
                "acknowledged",
                "is_customer_purchase",
                "customer_purchase_state",
                "payout_method",
                "payout_date",
                "seller_id_type",
                "seller_id_number",
                "seller_id_country_id",
                "seller_birthdate",
                "tradein_sale_id",
                "origin",
                "effective_date",
            ],
            rows,
        )
        line_rows, line_lots = [], []
        for order, order_id in zip(orders, ids, strict=True):
            order["id"] = order_id
            for sequence, lot in enumerate(order["lots"]):
                lot["order"] = order
                lot["serial"] = f"G{self.tag}{len(line_lots):07d}"
                cp = order["cp"]
                line_rows.append(
                    (
                        order_id,
                        sequence,
                        self.unit,
                        lot["product"],
                        self.company.id,
                        order["partner"],
                        "stock_moves",
                        self.product_name[lot["product"]],
                        1.0,
                        1.0,
                        0.0,
                        lot["price"],
                        lot["price"],
                        lot["price"],
                        0.0,
                        0.0,
                        1.0,
                        1.0,
                        False,
                        order["date"],
                        lot["price"],
                        True,
                        lot["serial"] if cp else None,
                        "used" if cp else None,
                        self.rnd.choice("abc") if cp else None,
                        "in_inventory",
                        True,
                        "none" if lot["margin"] else "deductible",
                    )
                )
                line_lots.append(lot)
        line_ids = self.insert(
            "purchase_order_line",
            [
                "order_id",
                "sequence",
                "product_uom_id",
                "product_id",
                "company_id",
                "partner_id",
                "qty_received_method",
                "name",
                "product_qty",
                "product_uom_qty",
                "discount",
                "price_unit",
                "price_subtotal",
                "price_total",
                "price_tax",
                "qty_invoiced",
                "qty_received",
                "qty_to_invoice",
                "is_downpayment",
                "date_planned",
                "technical_price_unit",
                "propagate_cancel",
                "tradein_serial_name",
                "tradein_condition",
                "tradein_grade",
                "tradein_state",
                "tradein_manual_serialized",
                "tradein_input_vat",
            ],
            line_rows,
        )
        for lot, line_id in zip(line_lots, line_ids, strict=True):
            lot["po_line"] = line_id

    def serials(self):
        rows = []
        for lot in self.lots:
            sold = lot["sale"]
            used = lot["kind"] != "vendor_purchase"
            rows.append(
                (
                    lot["product"],
                    self.company.id,
                    lot["serial"],
                    self.customer_loc if sold else self.stock_loc,
                    lot["kind"],
                    lot["partner"],
                    self.day(lot["day"]),
                    lot["price"],
                    lot["po_line"],
                    "used" if used else "new",
                    self.rnd.choice("abc") if used else None,
                    used,
                    sold["partner"] if sold else None,
                    "margin" if lot["margin"] else "standard",
                    lot["price"] if lot["margin"] else 0.0,
                    not lot["margin"],
                )
            )
        ids = self.insert(
            "stock_lot",
            [
                "product_id",
                "company_id",
                "name",
                "location_id",
                "acquisition_type",
                "acquisition_partner_id",
                "acquisition_date",
                "acquisition_price",
                "acquisition_purchase_line_id",
                "tradein_condition",
                "tradein_grade",
                "is_used",
                "tradein_owner_id",
                "tradein_vat_scheme",
                "tradein_margin_purchase_price",
                "tradein_input_vat_deducted",
            ],
            rows,
        )
        for lot, lot_id in zip(self.lots, ids, strict=True):
            lot["id"] = lot_id
        # Customer purchase lines name the serial they brought in.
        self.cr.execute(
            """
            UPDATE purchase_order_line line SET tradein_lot_id = lot.id
              FROM stock_lot lot
             WHERE lot.acquisition_purchase_line_id = line.id
               AND lot.id = ANY(%s) AND lot.acquisition_type != 'vendor_purchase'
            """,
            [ids],
        )

    def stock_book(self):
        """One margin-scheme acquisition (stock-book entry, with its stock
        number) per margin serial, and the invoice lines that sold it."""
        margin_lots = sorted(
            (lot for lot in self.lots if lot["margin"]), key=lambda lot: (lot["day"], lot["id"])
        )
        rows = [
            (
                f"G{self.tag}{index:07d}",
                self.company.id,
                self.day(lot["day"]),
                lot["id"],
                lot["serial"],
                lot["product"],
                self.product_name[lot["product"]],
                lot["po_line"],
                lot["order"]["id"],
                lot["partner"],
                lot["price"],
            )
            for index, lot in enumerate(margin_lots, start=1)
        ]
        ids = self.insert(
            "tradein_margin_acquisition",
            [
                "stock_number",
                "company_id",
                "date",
                "lot_id",
                "serial",
                "product_id",
                "description",
                "purchase_line_id",
                "purchase_order_id",
                "seller_id",
                "purchase_price",
            ],
            rows,
        )
        self.cr.execute(
            """
            UPDATE account_move_line line SET tradein_margin_acquisition_id = acquisition.id
              FROM tradein_margin_acquisition acquisition
             WHERE acquisition.lot_id = line.tradein_lot_sold_id
               AND acquisition.id = ANY(%s)
            """,
            [ids],
        )

    def sale_lines(self):
        """Order lines: one per serial sold (margin scheme or standard VAT), and
        the trade-in line with its allowance."""
        rows, keys, taxes = [], [], []
        rate = self.rate
        for sale in self.sales:
            untaxed = tax_total = 0.0
            for sequence, lot in enumerate(sale["lots"]):
                price = self.product_price[lot["product"]]
                if lot["margin"]:
                    tax_amount = round(max(price - lot["price"], 0.0) * rate / (1 + rate), 2)
                    subtotal, total, tax = round(price - tax_amount, 2), price, self.margin_tax.id
                else:
                    tax_amount = round(price * rate, 2)
                    subtotal, total, tax = price, round(price + tax_amount, 2), self.std_tax.id
                lot.update(subtotal=subtotal, total=total, tax=tax, tax_amount=tax_amount)
                untaxed += subtotal
                tax_total += tax_amount
                rows.append(
                    (
                        *self._sale_line_row(
                            sale, sequence, lot["product"], price, subtotal, total
                        ),
                        *(False, 0.0, None, None, None, None, lot["id"], lot["margin"]),
                    )
                )
                keys.append(("sold", lot))
                taxes.append(tax)
            if sale["tradein"]:
                lot = sale["tradein_lot"]
                allowance = lot["price"]
                rows.append(
                    (
                        *self._sale_line_row(
                            sale, 99, sale["tradein_base"], -allowance, -allowance, -allowance
                        ),
                        True,
                        allowance,
                        lot["product"],
                        lot["serial"],
                        "used",
                        lot["po_line"],
                        None,
                        False,
                    )
                )
                keys.append(("tradein", sale))
                taxes.append(None)
                untaxed -= allowance
            sale["untaxed"], sale["tax"] = round(untaxed, 2), round(tax_total, 2)
        ids = self.insert(
            "sale_order_line",
            [
                "order_id",
                "sequence",
                "company_id",
                "currency_id",
                "order_partner_id",
                "product_id",
                "product_uom_id",
                "state",
                "qty_delivered_method",
                "invoice_status",
                "name",
                "product_uom_qty",
                "price_unit",
                "technical_price_unit",
                "discount",
                "price_subtotal",
                "price_total",
                "price_tax",
                "price_reduce_taxexcl",
                "price_reduce_taxinc",
                "qty_delivered",
                "qty_invoiced",
                "qty_to_invoice",
                "untaxed_amount_invoiced",
                "untaxed_amount_to_invoice",
                "is_downpayment",
                "is_expense",
                "customer_lead",
                "warehouse_id",
                "is_tradein",
                "tradein_allowance",
                "tradein_product_id",
                "tradein_serial_name",
                "tradein_condition",
                "tradein_purchase_line_id",
                "tradein_lot_sold_id",
                "tradein_margin_scheme",
            ],
            rows,
        )
        rel = []
        for (kind, record), line_id, tax in zip(keys, ids, taxes, strict=True):
            if kind == "sold":
                record["so_line"] = line_id
            else:
                record["tradein_so_line"] = line_id
            if tax:
                rel.append((line_id, tax))
        self.insert_rel(
            "account_tax_sale_order_line_rel", ["sale_order_line_id", "account_tax_id"], rel
        )
        self.cr.execute(
            """
            UPDATE purchase_order_line line SET tradein_sale_line_id = sol.id
              FROM sale_order_line sol
             WHERE sol.tradein_purchase_line_id = line.id AND sol.id = ANY(%s)
            """,
            [ids],
        )
        self.cr.execute_values(
            """
            UPDATE sale_order so SET amount_untaxed = v.untaxed, amount_tax = v.tax,
                   amount_total = v.untaxed + v.tax
              FROM (VALUES %s) AS v(id, untaxed, tax) WHERE so.id = v.id
            """,
            [(sale["id"], sale["untaxed"], sale["tax"]) for sale in self.sales],
            page_size=5000,
        )

    def _sale_line_row(self, sale, sequence, product, price, subtotal, total):
        return (
            sale["id"],
            sequence,
            self.company.id,
            self.currency.id,
            sale["partner"],
            product,
            self.unit,
            "sale",
            "stock_move",
            "invoiced",
            self.product_name[product],
            1.0,
            price,
            price,
            0.0,
            subtotal,
            total,
            round(total - subtotal, 2),
            subtotal,
            total,
            1.0,
            1.0,
            0.0,
            subtotal,
            0.0,
            False,
            False,
            0.0,
            self.warehouse.id,
        )

    def stock(self):
        """Receipts of every purchase, deliveries of every sale, quants."""
        pickings = []
        for order in self.orders:
            pickings.append(("in", order, order["date"], order["partner"], order["lots"]))
        for sale in self.sales:
            date = sale["date"] + datetime.timedelta(hours=2)
            pickings.append(("out", sale, date, sale["partner"], sale["lots"]))
        rows = []
        for index, (kind, doc, date, partner, _lots) in enumerate(pickings):
            incoming = kind == "in"
            rows.append(
                (
                    f"G{self.tag}/{'IN' if incoming else 'OUT'}/{index:07d}",
                    self.supplier_loc if incoming else self.stock_loc,
                    self.stock_loc if incoming else self.customer_loc,
                    self.in_type if incoming else self.out_type,
                    partner,
                    self.company.id,
                    doc["name"],
                    "direct",
                    "done",
                    "0",
                    True,
                    False,
                    date,
                    date,
                    None if incoming else doc["id"],
                )
            )
        picking_ids = self.insert(
            "stock_picking",
            [
                "name",
                "location_id",
                "location_dest_id",
                "picking_type_id",
                "partner_id",
                "company_id",
                "origin",
                "move_type",
                "state",
                "priority",
                "is_locked",
                "printed",
                "scheduled_date",
                "date_done",
                "sale_id",
            ],
            rows,
        )
        move_rows, move_keys = [], []
        for (kind, doc, date, partner, lots), picking_id, picking_row in zip(
            pickings, picking_ids, rows, strict=True
        ):
            incoming = kind == "in"
            doc["picking"] = picking_id
            for lot in lots:
                move_rows.append(
                    (
                        self.company.id,
                        lot["product"],
                        self.unit,
                        picking_row[1],
                        picking_row[2],
                        partner,
                        picking_id,
                        picking_row[3],
                        self.warehouse.id,
                        "1",
                        "done",
                        "make_to_stock",
                        picking_row[0],
                        1.0,
                        1.0,
                        1.0,
                        True,
                        False,
                        False,
                        date,
                        lot["price"] if incoming else 0.0,
                        incoming,
                        not incoming,
                        lot["po_line"] if incoming else None,
                        None if incoming else lot["so_line"],
                        False,
                        False,
                    )
                )
                move_keys.append((picking_id, lot, date, picking_row))
                lot["in_picking" if incoming else "out_picking"] = picking_id
        move_ids = self.insert(
            "stock_move",
            [
                "company_id",
                "product_id",
                "product_uom",
                "location_id",
                "location_dest_id",
                "partner_id",
                "picking_id",
                "picking_type_id",
                "warehouse_id",
                "priority",
                "state",
                "procure_method",
                "reference",
                "product_qty",
                "product_uom_qty",
                "quantity",
                "picked",
                "propagate_cancel",
                "is_inventory",
                "date",
                "price_unit",
                "is_in",
                "is_out",
                "purchase_line_id",
                "sale_line_id",
                "additional",
                "is_dropship",
            ],
            move_rows,
        )
        line_rows = [
            (
                picking_id,
                move_id,
                self.company.id,
                lot["product"],
                self.unit,
                lot["id"],
                row[1],
                row[2],
                "done",
                1.0,
                1.0,
                True,
                date,
            )
            for move_id, (picking_id, lot, date, row) in zip(move_ids, move_keys, strict=True)
        ]
        self.insert(
            "stock_move_line",
            [
                "picking_id",
                "move_id",
                "company_id",
                "product_id",
                "product_uom_id",
                "lot_id",
                "location_id",
                "location_dest_id",
                "state",
                "quantity",
                "quantity_product_uom",
                "picked",
                "date",
            ],
            line_rows,
            returning=False,
        )
        quants = []
        for lot in self.lots:
            sold = lot["sale"]
            quants.append(
                (
                    lot["product"],
                    self.company.id,
                    self.customer_loc if sold else self.stock_loc,
                    lot["id"],
                    1.0,
                    0.0,
                    False,
                    datetime.datetime.combine(self.day(lot["day"]), datetime.time(9)),
                )
            )
        self.insert(
            "stock_quant",
            [
                "product_id",
                "company_id",
                "location_id",
                "lot_id",
                "quantity",
                "reserved_quantity",
                "inventory_quantity_set",
                "in_date",
            ],
            quants,
            returning=False,
        )

    def invoices(self):
        """One posted invoice per sale order, balanced: product lines, the
        trade-in allowance, one tax line per tax, the receivable."""
        self.cr.execute(
            "SELECT COALESCE(MAX(sequence_number), 0) FROM account_move WHERE journal_id = %s",
            [self.journal.id],
        )
        start = self.cr.fetchone()[0] + 1
        prefix = f"{self.journal.code}/{self.year}/"
        rows = []
        for index, sale in enumerate(self.sales, start=start):
            sale["invoice"] = f"{prefix}{index:06d}"
            untaxed, tax = sale["untaxed"], sale["tax"]
            total = round(untaxed + tax, 2)
            date = sale["date"].date() + datetime.timedelta(days=1)
            date = min(date, datetime.date(self.year, 12, 31))
            sale["invoice_date"] = date
            rows.append(
                (
                    sale["invoice"],
                    prefix,
                    index,
                    self.journal.id,
                    self.company.id,
                    sale["partner"],
                    sale["partner"],
                    sale["partner"],
                    self.currency.id,
                    "posted",
                    "out_invoice",
                    "no",
                    "not_paid",
                    sale["name"],
                    date,
                    date,
                    date,
                    1.0,
                    untaxed,
                    tax,
                    total,
                    total,
                    untaxed,
                    untaxed,
                    tax,
                    total,
                    total,
                    total,
                    False,
                    True,
                    False,
                    False,
                    False,
                    True,
                )
            )
        ids = self.insert(
            "account_move",
            [
                "name",
                "sequence_prefix",
                "sequence_number",
                "journal_id",
                "company_id",
                "partner_id",
                "commercial_partner_id",
                "partner_shipping_id",
                "currency_id",
                "state",
                "move_type",
                "auto_post",
                "payment_state",
                "invoice_origin",
                "date",
                "invoice_date",
                "invoice_date_due",
                "invoice_currency_rate",
                "amount_untaxed",
                "amount_tax",
                "amount_total",
                "amount_residual",
                "amount_untaxed_signed",
                "amount_untaxed_in_currency_signed",
                "amount_tax_signed",
                "amount_total_signed",
                "amount_total_in_currency_signed",
                "amount_residual_signed",
                "always_tax_exigible",
                "posted_before",
                "made_sequence_gap",
                "is_manually_modified",
                "is_move_sent",
                "checked",
            ],
            rows,
        )
        lines, keys = [], []
        for sale, move_id in zip(self.sales, ids, strict=True):
            sale["move"] = move_id

            def line(
                display_type,
                account,
                balance,
                name,
                sale=sale,
                move_id=move_id,
                **values,
            ):
                return (
                    move_id,
                    self.journal.id,
                    self.company.id,
                    self.currency.id,
                    self.currency.id,
                    sale["partner"],
                    sale["invoice"],
                    "posted",
                    sale["invoice_date"],
                    sale["invoice_date"],
                    display_type,
                    account,
                    name,
                    max(balance, 0.0),
                    max(-balance, 0.0),
                    balance,
                    balance,
                    values.get("residual", 0.0),
                    values.get("residual", 0.0),
                    False,
                    values.get("quantity", 0.0 if display_type != "product" else 1.0),
                    values.get("price_unit", 0.0),
                    values.get("subtotal", 0.0),
                    values.get("total", 0.0),
                    0.0,
                    values.get("sequence", 10),
                    values.get("product"),
                    self.unit if values.get("product") else None,
                    values.get("tax_line"),
                    values.get("tax_group"),
                    values.get("repartition"),
                    values.get("tax_base", 0.0),
                    values.get("maturity"),
                    values.get("lot"),
                    values.get("margin", False),
                    values.get("margin_cost", 0.0),
                    False,
                    False,
                    False,
                    False,
                    0.0,
                    0.0,
                )

            per_tax = {}
            for sequence, lot in enumerate(sale["lots"]):
                price = self.product_price[lot["product"]]
                lines.append(
                    line(
                        "product",
                        self.income_account,
                        -lot["subtotal"],
                        self.product_name[lot["product"]],
                        price_unit=price,
                        subtotal=lot["subtotal"],
                        total=lot["total"],
                        sequence=sequence,
                        product=lot["product"],
                        lot=lot["id"],
                        margin=lot["margin"],
                        margin_cost=lot["price"] if lot["margin"] else 0.0,
                    )
                )
                keys.append(("product", lot["so_line"], lot["tax"]))
                base, amount = per_tax.get(lot["tax"], (0.0, 0.0))
                per_tax[lot["tax"]] = (base + lot["subtotal"], amount + lot["tax_amount"])
            if sale["tradein"]:
                allowance = sale["tradein_lot"]["price"]
                lines.append(
                    line(
                        "product",
                        self.allowance_account,
                        allowance,
                        self.product_name[sale["tradein_base"]],
                        price_unit=-allowance,
                        subtotal=-allowance,
                        total=-allowance,
                        sequence=99,
                        product=sale["tradein_base"],
                    )
                )
                keys.append(("product", sale["tradein_so_line"], None))
            for tax_id, (base, tax_amount) in per_tax.items():
                amount = round(tax_amount, 2)
                if not amount:
                    continue
                repartition, account, group, name = self.tax_info[tax_id]
                lines.append(
                    line(
                        "tax",
                        account,
                        -amount,
                        name,
                        tax_line=tax_id,
                        tax_group=group,
                        repartition=repartition,
                        tax_base=round(base, 2),
                    )
                )
                keys.append(("tax", None, None))
            total = round(sale["untaxed"] + sale["tax"], 2)
            lines.append(
                line(
                    "payment_term",
                    self.receivable,
                    total,
                    sale["invoice"],
                    residual=total,
                    maturity=sale["invoice_date"],
                )
            )
            keys.append(("term", None, None))
        line_ids = self.insert(
            "account_move_line",
            [
                "move_id",
                "journal_id",
                "company_id",
                "company_currency_id",
                "currency_id",
                "partner_id",
                "move_name",
                "parent_state",
                "date",
                "invoice_date",
                "display_type",
                "account_id",
                "name",
                "debit",
                "credit",
                "balance",
                "amount_currency",
                "amount_residual",
                "amount_residual_currency",
                "reconciled",
                "quantity",
                "price_unit",
                "price_subtotal",
                "price_total",
                "discount",
                "sequence",
                "product_id",
                "product_uom_id",
                "tax_line_id",
                "tax_group_id",
                "tax_repartition_line_id",
                "tax_base_amount",
                "date_maturity",
                "tradein_lot_sold_id",
                "tradein_margin_scheme",
                "tradein_margin_purchase_price",
                "is_downpayment",
                "no_followup",
                "is_storno",
                "is_imported",
                "discount_amount_currency",
                "discount_balance",
            ],
            lines,
        )
        tax_rel, sale_rel = [], []
        for (kind, so_line, tax), line_id in zip(keys, line_ids, strict=True):
            if kind == "product":
                sale_rel.append((line_id, so_line))
                if tax:
                    tax_rel.append((line_id, tax))
        self.insert_rel(
            "account_move_line_account_tax_rel",
            ["account_move_line_id", "account_tax_id"],
            tax_rel,
        )
        self.insert_rel(
            "sale_order_line_invoice_rel", ["invoice_line_id", "order_line_id"], sale_rel
        )

    def history(self):
        """The real events (acquisition, delivery, invoice) and fillers up to
        1-300 events per serial: most serials have few, some very many."""
        rnd = self.rnd
        self.cr.execute(
            """
            CREATE TEMP TABLE datagen_lot (
                lot_id int, events int, day timestamp, partner_id int, kind varchar,
                doc varchar, picking_id int, amount numeric
            ) ON COMMIT DROP
            """
        )
        rows, real = [], []
        acquisition_event = {
            "vendor_purchase": "purchase",
            "customer_purchase": "customer_purchase",
            "trade_in": "trade_in",
        }
        for index, lot in enumerate(self.lots):
            events = 1 + int(299 * rnd.random() ** 9)
            if index == 0:
                events = 300
            date = datetime.datetime.combine(self.day(lot["day"]), datetime.time(9))
            real.append(
                (
                    lot["id"],
                    self.company.id,
                    date,
                    acquisition_event[lot["kind"]],
                    lot["partner"],
                    f"purchase.order,{lot['order']['id']}",
                    lot["in_picking"],
                    lot["price"],
                    self.currency.id,
                )
            )
            sale = lot["sale"]
            if sale:
                real.append(
                    (
                        lot["id"],
                        self.company.id,
                        sale["date"] + datetime.timedelta(hours=2),
                        "delivery",
                        sale["partner"],
                        f"sale.order,{sale['id']}",
                        lot["out_picking"],
                        lot["total"],
                        self.currency.id,
                    )
                )
                real.append(
                    (
                        lot["id"],
                        self.company.id,
                        datetime.datetime.combine(sale["invoice_date"], datetime.time(12)),
                        "invoice",
                        sale["partner"],
                        f"account.move,{sale['move']}",
                        None,
                        round(sale["untaxed"] + sale["tax"], 2),
                        self.currency.id,
                    )
                )
            fillers = events - (3 if sale else 1)
            if fillers > 0:
                rows.append((lot["id"], fillers, date, lot["partner"]))
        columns = [
            "lot_id",
            "company_id",
            "date",
            "event_type",
            "partner_id",
            "document_ref",
            "picking_id",
            "amount",
            "currency_id",
        ]
        self.insert("tradein_serial_event", columns, real, returning=False)
        self.cr.execute_values(
            "INSERT INTO datagen_lot (lot_id, events, day, partner_id) VALUES %s",
            rows,
            page_size=5000,
        )
        self.cr.execute(
            """
            INSERT INTO tradein_serial_event
                (lot_id, company_id, date, event_type, partner_id, note,
                 create_uid, write_uid, create_date, write_date)
            SELECT l.lot_id, %(company)s, l.day + i * interval '7 minutes',
                   (%(types)s::varchar[])[1 + i %% %(ntypes)s], l.partner_id, 'generated',
                   %(uid)s, %(uid)s, %(now)s, %(now)s
              FROM datagen_lot l, generate_series(1, l.events) AS i
            """,
            {
                "company": self.company.id,
                "types": EVENT_FILLERS,
                "ntypes": len(EVENT_FILLERS),
                "uid": self.uid,
                "now": self.now,
            },
        )
        self.counts["tradein_serial_event"] = (
            self.counts.get("tradein_serial_event", 0) + self.cr.rowcount
        )
        self.log(f"[datagen] history: {self.counts['tradein_serial_event']} events")

    def periods(self):
        rate = self.margin_tax.amount
        self.env["tradein.margin.period"].create(
            [
                {
                    "company_id": self.company.id,
                    "date_from": datetime.date(self.year, month, 1),
                    "date_to": (
                        datetime.date(self.year + month // 12, month % 12 + 1, 1)
                        - datetime.timedelta(days=1)
                    ),
                    "rate": rate,
                }
                for month in range(1, 13)
            ]
        )
        self.env.flush_all()
        for table in (
            "stock_lot",
            "stock_quant",
            "stock_move",
            "stock_move_line",
            "stock_picking",
            "sale_order",
            "sale_order_line",
            "purchase_order",
            "purchase_order_line",
            "account_move",
            "account_move_line",
            "tradein_serial_event",
        ):
            self.cr.execute(f"ANALYZE {table}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()

    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "--log-level=warn"], setup_logging=True)
    del odoo
    started = time.monotonic()
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        done = env["ir.config_parameter"].get_param("tradein_datagen.scale")
        if done:
            print(
                f"[datagen] '{args.database}' already holds data of scale {done}: kept "
                "(--fresh drops it)",
                flush=True,
            )
            return 0
        counts = Generator(env, args.scale, log=lambda msg: print(msg, flush=True)).run()
        cr.commit()
    for table, count in sorted(counts.items()):
        print(f"[datagen] {table:<28} {count:>10}")
    print(f"[datagen] scale {args.scale}: {time.monotonic() - started:.0f}s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
