from collections import defaultdict

from odoo import models
from odoo.tools import SQL


class TradeinMarginRegisterWizard(models.TransientModel):
    _name = "tradein.margin.register.wizard"
    _inherit = "tradein.register.mixin"
    _description = "Margin Scheme Stock Book"
    _xlsx_sheet = "Margin Register"

    def _register_rows(self):
        """One row per serial sold under the margin scheme in the period.

        The lines are chosen by the ORM (access rules apply); their figures
        are then read in one query: a year's register holds ~100,000 lines,
        which read record by record cost seconds per 10,000.
        """
        self.ensure_one()
        Line = self.env["account.move.line"]
        line_ids = Line._search(
            Line._tradein_margin_register_domain(self.company_id, self.date_from, self.date_to),
            order="date, move_id, id",
        ).get_result_ids()
        if not line_ids:
            return []
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT line.id, line.product_id, line.date, line.currency_id, line.quantity,
                       line.price_total, line.price_subtotal, line.tradein_margin_cost,
                       move.name, move.move_type, move.partner_id, lot.name,
                       lot.acquisition_date, lot.acquisition_partner_id, purchase.name
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
             LEFT JOIN stock_lot lot ON lot.id = line.tradein_lot_sold_id
             LEFT JOIN purchase_order_line purchase_line
                    ON purchase_line.id = lot.acquisition_purchase_line_id
             LEFT JOIN purchase_order purchase ON purchase.id = purchase_line.order_id
                 WHERE line.id = ANY(%s)
                """,
                list(line_ids),
            )
        )
        figures = {row[0]: row for row in self.env.cr.fetchall()}
        self.env.cr.execute(
            SQL(
                """
                SELECT rel.account_move_line_id, tax.amount
                  FROM account_move_line_account_tax_rel rel
                  JOIN account_tax tax ON tax.id = rel.account_tax_id
                 WHERE rel.account_move_line_id = ANY(%s)
                 ORDER BY tax.sequence, tax.id
                """,
                list(line_ids),
            )
        )
        rates = defaultdict(list)
        for line_id, amount in self.env.cr.fetchall():
            rates[line_id].append(f"{float(amount):g}%")
        products = self.env["product.product"].browse({row[1] for row in figures.values()} - {None})
        product_names = {product.id: product.display_name for product in products}
        partners = self.env["res.partner"].browse(
            {row[index] for row in figures.values() for index in (10, 13)} - {None}
        )
        partner_names = {partner.id: partner.complete_name for partner in partners}
        Currency = self.env["res.currency"]
        rows = []
        for line_id in line_ids:
            (
                _id,
                product_id,
                date,
                currency_id,
                quantity,
                price_total,
                price_subtotal,
                margin_cost,
                move_name,
                move_type,
                buyer_id,
                serial,
                purchase_date,
                seller_id,
                purchase_name,
            ) = figures[line_id]
            sign = -1 if move_type == "out_refund" else 1
            selling = sign * float(price_total or 0.0)
            purchase = sign * float(margin_cost or 0.0) * float(quantity or 0.0)
            rows.append(
                {
                    "serial": serial or False,
                    "product": product_names.get(product_id, False),
                    "purchase_date": purchase_date or False,
                    "purchase_document": purchase_name or "",
                    "seller": partner_names.get(seller_id) or "",
                    "purchase_price": purchase,
                    "sale_date": date,
                    "sale_document": move_name,
                    "buyer": partner_names.get(buyer_id, False),
                    "selling_price": selling,
                    "margin": selling - purchase,
                    "vat": sign * (float(price_total or 0.0) - float(price_subtotal or 0.0)),
                    "rate": ", ".join(rates[line_id]),
                    "currency": Currency.browse(currency_id),
                }
            )
        return rows

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("tradein_serial_vat.action_report_margin_register").report_action(self)

    def _xlsx_columns(self):
        return [
            ("serial", self.env._("Serial")),
            ("product", self.env._("Product")),
            ("purchase_date", self.env._("Purchase Date")),
            ("purchase_document", self.env._("Purchase Document")),
            ("seller", self.env._("Seller")),
            ("purchase_price", self.env._("Purchase Price")),
            ("sale_date", self.env._("Sale Date")),
            ("sale_document", self.env._("Sale Document")),
            ("buyer", self.env._("Buyer")),
            ("selling_price", self.env._("Selling Price")),
            ("margin", self.env._("Margin")),
            ("vat", self.env._("Margin VAT")),
            ("rate", self.env._("Rate")),
        ]
