import base64
import csv
import io

from odoo import fields, models
from odoo.exceptions import UserError

from ..tools import workflow_method

COLUMNS = ("product", "serial", "cost")


class TradeinSerialImportWizard(models.TransientModel):
    """Bring serials into stock from a CSV file.

    The file has a header line and the columns ``product`` (internal
    reference or exact name), ``serial``, ``cost`` and optionally
    ``condition`` (new, used or refurbished) and ``grade`` (a, b or c).
    """

    _name = "tradein.serial.import.wizard"
    _description = "Import Serials"

    file = fields.Binary(string="CSV File", required=True)
    filename = fields.Char()
    location_id = fields.Many2one(
        "stock.location",
        string="Into",
        required=True,
        domain="[('usage', '=', 'internal')]",
        default=lambda self: self.env["stock.lot"]._tradein_default_location(),
    )

    def _read_rows(self):
        self.ensure_one()
        text = base64.b64decode(self.file).decode("utf-8-sig")
        reader = csv.DictReader(io.StringIO(text))
        missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            raise UserError(
                self.env._("The file needs the columns %(columns)s.", columns=", ".join(COLUMNS))
            )
        return list(reader)

    def _parse_row(self, number, row):
        Product = self.env["product.product"]
        name = (row.get("product") or "").strip()
        product = Product.search(
            [("default_code", "=", name), ("tracking", "=", "serial")], limit=1
        ) or Product.search([("name", "=", name), ("tracking", "=", "serial")], limit=1)
        if not product:
            raise UserError(
                self.env._(
                    "Line %(line)s: no serialized product %(product)s.", line=number, product=name
                )
            )
        serial = self.env["stock.lot"]._tradein_clean_serial((row.get("serial") or "").strip())
        if not serial:
            raise UserError(self.env._("Line %(line)s: the serial is empty.", line=number))
        try:
            cost = float(row.get("cost") or 0.0)
        except ValueError as error:
            raise UserError(
                self.env._("Line %(line)s: the cost is not a number.", line=number)
            ) from error
        if cost < 0:
            raise UserError(self.env._("Line %(line)s: the cost is negative.", line=number))
        self.env["stock.lot"]._tradein_check_acquirable(
            product, self.location_id.company_id or self.env.company, serial=serial
        )
        return product, serial, cost, row.get("condition") or "new", row.get("grade") or False

    @workflow_method
    def action_import(self):
        self.ensure_one()
        rows = [
            self._parse_row(number, row) for number, row in enumerate(self._read_rows(), start=2)
        ]
        if not rows:
            raise UserError(self.env._("The file holds no serial."))
        company = self.location_id.company_id or self.env.company
        Lot = self.env["stock.lot"]
        quants = self.env["stock.quant"]
        for product, serial, cost, condition, grade in rows:
            lot = Lot._tradein_find(product, serial, company) or Lot.create(
                {"name": serial, "product_id": product.id, "company_id": company.id}
            )
            lot.write(
                {
                    "acquisition_type": "import",
                    "acquisition_date": fields.Date.context_today(self),
                    "acquisition_price": cost,
                    "tradein_condition": condition,
                    "tradein_grade": grade,
                }
            )
            if product.lot_valuated:
                lot.standard_price = cost
            quants |= (
                self.env["stock.quant"]
                .with_context(inventory_mode=True)
                .create(
                    {
                        "product_id": product.id,
                        "location_id": self.location_id.id,
                        "lot_id": lot.id,
                        "inventory_quantity": 1,
                    }
                )
            )
        quants.with_context(tradein_serial_import=True)._apply_inventory()
        self._tradein_value_imported(rows)
        return {"type": "ir.actions.act_window_close"}

    def _tradein_value_imported(self, rows):
        """Each imported serial enters the stock value at its own cost.

        Under Odoo's default valuation (not per serial) an inventory
        adjustment is valued at the product's average cost; the cost of the
        file is set on the move as Odoo's manual move value (product.value),
        which moves the average cost as a receipt at that price would.
        """
        costs = {
            (product.id, serial): cost
            for product, serial, cost, _condition, _grade in rows
            if not product.lot_valuated
        }
        if not costs:
            return
        move_lines = self.env["stock.move.line"].search(
            [
                ("lot_id.name", "in", [serial for _product, serial in costs]),
                ("product_id", "in", list({product for product, _serial in costs})),
                ("location_dest_id", "=", self.location_id.id),
                ("move_id.is_inventory", "=", True),
                ("state", "=", "done"),
            ],
            order="id desc",
        )
        values = []
        seen = set()
        for move_line in move_lines:
            key = (move_line.product_id.id, move_line.lot_id.name)
            if key in costs and key not in seen:
                seen.add(key)
                values.append(
                    {
                        "move_id": move_line.move_id.id,
                        "value": costs[key] * move_line.quantity_product_uom,
                        "description": self.env._("Cost of the imported serial"),
                    }
                )
        self.env["product.value"].create(values)
