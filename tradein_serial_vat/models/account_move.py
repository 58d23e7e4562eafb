import copy

from odoo import api, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    tradein_has_margin_lines = fields.Boolean(compute="_compute_tradein_has_margin_lines")

    @api.depends("invoice_line_ids.tradein_margin_scheme")
    def _compute_tradein_has_margin_lines(self):
        for move in self:
            move.tradein_has_margin_lines = any(
                move.invoice_line_ids.mapped("tradein_margin_scheme")
            )

    @api.depends("invoice_line_ids.tradein_lot_sold_id", "invoice_line_ids.tradein_margin_scheme")
    def _compute_alerts(self):
        return super()._compute_alerts()

    def _get_alerts(self):
        alerts = super()._get_alerts()
        lines = self._tradein_unnamed_margin_lines()
        if self.state == "draft" and lines:
            alerts["tradein_serial_vat_unnamed_serial"] = {
                "level": "warning",
                "message": self.env._(
                    "%(products)s: used serials of this product were bought under the margin "
                    "scheme, but the line names no Serial Sold, so it is invoiced with "
                    "standard VAT on the full price. Choose the serial sold to invoice it "
                    "under the margin scheme.",
                    products=", ".join(lines.product_id.mapped("display_name")),
                ),
            }
        return alerts

    def _tradein_unnamed_margin_lines(self):
        """Customer invoice lines that sell a product of which margin-scheme
        serials exist, without naming the serial: invoiced with standard VAT."""
        self.ensure_one()
        if self.move_type != "out_invoice" or not self.company_id.tradein_margin_enabled:
            return self.env["account.move.line"]
        lines = self.invoice_line_ids.filtered(
            lambda line: (
                line.display_type == "product"
                and line.product_id.tracking == "serial"
                and not line.tradein_lot_sold_id
                and not line.tradein_margin_scheme
                and not any(line.sale_line_ids.mapped("is_tradein"))
            )
        )
        if not lines:
            return lines
        # Whether such serials exist, not their content: a count over the
        # company's serials, whatever the user's access to inventory.
        margin_products = (
            self.env["stock.lot"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "in", lines.product_id.ids),
                    ("company_id", "in", (self.company_id.id, False)),
                    ("tradein_vat_scheme", "=", "margin"),
                ],
                ["product_id"],
            )
        )
        products = self.env["product.product"].browse(product.id for [product] in margin_products)
        return lines.filtered(lambda line: line.product_id in products)

    def unlink(self):
        # Checked before Odoo deletes the lines, which it does first.
        self._tradein_check_margin_register_kept()
        return super().unlink()

    def _tradein_check_margin_register_kept(self):
        kept = self.filtered(lambda move: move.posted_before and move.tradein_has_margin_lines)
        if kept:
            raise UserError(
                self.env._(
                    "%(moves)s sold serials under the margin scheme: the margin register must "
                    "keep it. Reverse it with a credit note instead.",
                    moves=", ".join(kept.mapped("name")),
                )
            )

    def _prepare_product_base_line_for_taxes_computation(self, product_line):
        base_line = super()._prepare_product_base_line_for_taxes_computation(product_line)
        if product_line.tradein_margin_scheme and product_line.tradein_lot_sold_id:
            base_line.update(
                self.env["account.tax"]._tradein_margin_base_line_values(
                    base_line, product_line.tradein_margin_purchase_price
                )
            )
        return base_line

    def _tradein_printed_tax_totals(self):
        """Tax totals as printed: no VAT shown for margin-scheme lines.

        The margin VAT is part of the price of those lines (it is not shown on
        a margin-scheme invoice), so it moves from the tax groups to the base.
        """
        self.ensure_one()
        totals = copy.deepcopy(self.tax_totals)
        if not totals or not self.tradein_has_margin_lines:
            return totals
        margin_group_ids = set(
            self.invoice_line_ids.tax_ids.filtered("tradein_margin").tax_group_id.ids
        )
        for subtotal in totals.get("subtotals", []):
            kept = []
            for group in subtotal["tax_groups"]:
                if group["id"] in margin_group_ids:
                    subtotal["base_amount_currency"] += group["tax_amount_currency"]
                    totals["base_amount_currency"] += group["tax_amount_currency"]
                    totals["tax_amount_currency"] -= group["tax_amount_currency"]
                else:
                    kept.append(group)
            subtotal["tax_groups"] = kept
        return totals
