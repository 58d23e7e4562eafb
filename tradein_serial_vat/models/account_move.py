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
                    base_line, product_line.tradein_margin_cost
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
