import base64
import io

import xlsxwriter

from odoo import fields
from odoo import models
from odoo.exceptions import UserError


class TradeinMarginRegisterWizard(models.TransientModel):
    _name = "tradein.margin.register.wizard"
    _description = "Margin Scheme Stock Book"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self).replace(day=1)
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    xlsx_file = fields.Binary(readonly=True, attachment=False)
    xlsx_filename = fields.Char(readonly=True)

    def _check_dates(self):
        if self.date_from > self.date_to:
            raise UserError(self.env._("The register's start date is after its end date."))

    def _register_rows(self):
        """One row per serial sold under the margin scheme in the period."""
        self.ensure_one()
        self._check_dates()
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
        self._check_dates()
        return self.env.ref("tradein_serial_vat.action_report_margin_register").report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        self.write(
            {
                "xlsx_file": base64.b64encode(self._register_xlsx()),
                "xlsx_filename": f"margin_register_{self.date_from}_{self.date_to}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/xlsx_file/{self.xlsx_filename}"
            "?download=true",
            "target": "self",
        }

    def _register_xlsx(self):
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Margin Register"))
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        columns = [
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
        sheet.write_row(0, 0, [label for _key, label in columns], bold)
        for index, row in enumerate(self._register_rows(), start=1):
            for column, (key, _label) in enumerate(columns):
                value = row[key]
                if isinstance(value, float):
                    sheet.write_number(index, column, value, money)
                else:
                    sheet.write(index, column, str(value or ""))
        sheet.set_column(0, len(columns) - 1, 16)
        workbook.close()
        return output.getvalue()
