import base64
import io

import xlsxwriter

from odoo import api
from odoo import fields
from odoo import models
from odoo.exceptions import UserError


class TradeinDealerRegisterWizard(models.TransientModel):
    _name = "tradein.dealer.register.wizard"
    _description = "Dealer Register of Customer Purchases"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self).replace(day=1)
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    xlsx_file = fields.Binary(readonly=True, attachment=False)
    xlsx_filename = fields.Char(readonly=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise UserError(self.env._("The register's start date is after its end date."))

    def _register_orders(self):
        self.ensure_one()
        return self.env["purchase.order"].search(
            [
                ("is_customer_purchase", "=", True),
                ("company_id", "=", self.company_id.id),
                ("payout_date", ">=", self.date_from),
                ("payout_date", "<=", self.date_to),
            ],
            order="payout_date, name, id",
        )

    def _register_rows(self):
        """One row per item bought, cancelled purchases included."""
        self.ensure_one()
        rows = []
        orders = self._register_orders()
        id_types = dict(
            self.env["purchase.order"]._fields["seller_id_type"]._description_selection(self.env)
        )
        conditions = dict(
            self.env["purchase.order.line"]
            ._fields["tradein_condition"]
            ._description_selection(self.env)
        )
        methods = dict(
            self.env["purchase.order"]._fields["payout_method"]._description_selection(self.env)
        )
        for order in orders:
            identification = " ".join(
                filter(
                    None,
                    [
                        id_types.get(order.seller_id_type),
                        order.seller_id_number,
                        order.seller_id_country_id.code,
                    ],
                )
            )
            for line in order.order_line.filtered(lambda line: not line.display_type):
                rows.append(
                    {
                        "date": order.payout_date,
                        "number": order.name,
                        "seller": order.partner_id.display_name,
                        "seller_address": order.partner_id._display_address(
                            without_company=True
                        ).replace("\n", ", "),
                        "identification": identification,
                        "birthdate": order.seller_birthdate,
                        "item": line._tradein_item_label(),
                        "serial": line._tradein_serial(),
                        "condition": conditions.get(line.tradein_condition, ""),
                        "grade": (line.tradein_grade or "").upper(),
                        "price": line.price_total,
                        "currency": order.currency_id,
                        "payment_method": methods.get(order.payout_method, ""),
                        "cancelled": order.state == "cancel",
                    }
                )
        return rows

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("tradein_serial.action_report_dealer_register").report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        self.write(
            {
                "xlsx_file": base64.b64encode(self._register_xlsx()),
                "xlsx_filename": f"dealer_register_{self.date_from}_{self.date_to}.xlsx",
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
        sheet = workbook.add_worksheet(self.env._("Dealer Register"))
        bold = workbook.add_format({"bold": True})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        headers = [
            self.env._("Date"),
            self.env._("Number"),
            self.env._("Seller"),
            self.env._("Address"),
            self.env._("Identification"),
            self.env._("Date of Birth"),
            self.env._("Item"),
            self.env._("Serial"),
            self.env._("Condition"),
            self.env._("Grade"),
            self.env._("Price"),
            self.env._("Currency"),
            self.env._("Payment Method"),
            self.env._("Status"),
        ]
        sheet.write_row(0, 0, headers, bold)
        for index, row in enumerate(self._register_rows(), start=1):
            sheet.write_datetime(index, 0, fields.Datetime.to_datetime(row["date"]), date_format)
            sheet.write_row(
                index,
                1,
                [row["number"], row["seller"], row["seller_address"], row["identification"]],
            )
            if row["birthdate"]:
                sheet.write_datetime(
                    index, 5, fields.Datetime.to_datetime(row["birthdate"]), date_format
                )
            sheet.write_row(index, 6, [row["item"], row["serial"], row["condition"], row["grade"]])
            sheet.write_number(index, 10, row["price"], money)
            sheet.write_row(
                index,
                11,
                [
                    row["currency"].name,
                    row["payment_method"],
                    self.env._("Cancelled") if row["cancelled"] else self.env._("Valid"),
                ],
            )
        sheet.set_column(0, 1, 12)
        sheet.set_column(2, 4, 28)
        sheet.set_column(5, 5, 12)
        sheet.set_column(6, 7, 24)
        sheet.set_column(8, 13, 14)
        workbook.close()
        return output.getvalue()
