import base64
import datetime
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError


class TradeinRegisterMixin(models.AbstractModel):
    """A register over a date range, printed as PDF or exported as XLSX.

    Registers implement ``_register_rows()`` (a list of dicts) and
    ``_xlsx_columns()`` (a list of ``(key, label)``).
    """

    _name = "tradein.register.mixin"
    _description = "Register over a Period"
    _xlsx_sheet = "Register"

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
        for register in self:
            if register.date_from > register.date_to:
                raise UserError(self.env._("The register's start date is after its end date."))

    def _register_rows(self):
        raise NotImplementedError

    def _xlsx_columns(self):
        raise NotImplementedError

    def action_export_xlsx(self):
        self.ensure_one()
        name = self._xlsx_sheet.lower().replace(" ", "_")
        self.write(
            {
                "xlsx_file": base64.b64encode(self._register_xlsx()),
                "xlsx_filename": f"{name}_{self.date_from}_{self.date_to}.xlsx",
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
        # A seller named "=HYPERLINK(...)" stays a name: no cell of a register
        # is ever read as a formula or a link.
        workbook = xlsxwriter.Workbook(
            output, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        )
        sheet = workbook.add_worksheet(self._xlsx_sheet)
        bold = workbook.add_format({"bold": True})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        columns = self._xlsx_columns()
        # Amounts as the books hold them (19.43, not 19.43000000000001).
        company = self.company_id if "company_id" in self._fields else self.env.company
        digits = (company or self.env.company).currency_id.decimal_places
        sheet.write_row(0, 0, [label for _key, label in columns], bold)
        for index, row in enumerate(self._register_rows(), start=1):
            for column, (key, _label) in enumerate(columns):
                value = row[key]
                if isinstance(value, datetime.date):
                    sheet.write_datetime(
                        index, column, fields.Datetime.to_datetime(value), date_format
                    )
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    sheet.write_number(index, column, round(value, digits), money)
                elif isinstance(value, models.BaseModel):
                    sheet.write_string(index, column, value.display_name or "")
                else:
                    sheet.write_string(index, column, str(value or ""))
        sheet.set_column(0, len(columns) - 1, 16)
        workbook.close()
        return output.getvalue()
