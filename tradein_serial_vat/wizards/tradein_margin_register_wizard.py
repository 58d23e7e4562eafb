from odoo import models


class TradeinMarginRegisterWizard(models.TransientModel):
    _name = "tradein.margin.register.wizard"
    _inherit = "tradein.register.mixin"
    _description = "Margin Scheme Stock Book"
    _xlsx_sheet = "Margin Register"

    def _register_rows(self):
        """One row per serial sold under the margin scheme in the period."""
        self.ensure_one()
        lines = self.env["account.move.line"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("parent_state", "=", "posted"),
                ("move_id.move_type", "in", ("out_invoice", "out_refund")),
                ("tradein_margin_scheme", "=", True),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            order="date, move_id, id",
        )
        rows = []
        for line in lines:
            lot = line.tradein_lot_sold_id
            sign = -1 if line.move_id.move_type == "out_refund" else 1
            selling = sign * line.price_total
            purchase = sign * line.tradein_margin_cost * line.quantity
            rows.append(
                {
                    "serial": lot.name,
                    "product": line.product_id.display_name,
                    "purchase_date": lot.acquisition_date,
                    "purchase_document": lot.acquisition_purchase_line_id.order_id.name or "",
                    "seller": lot.acquisition_partner_id.display_name or "",
                    "purchase_price": purchase,
                    "sale_date": line.date,
                    "sale_document": line.move_id.name,
                    "buyer": line.move_id.partner_id.display_name,
                    "selling_price": selling,
                    "margin": selling - purchase,
                    "vat": sign * (line.price_total - line.price_subtotal),
                    "rate": ", ".join(f"{tax.amount:g}%" for tax in line.tax_ids),
                    "currency": line.currency_id,
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
