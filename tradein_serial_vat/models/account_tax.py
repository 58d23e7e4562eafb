from odoo import api, fields, models


class AccountTax(models.Model):
    _inherit = "account.tax"

    tradein_margin = fields.Boolean(
        string="Margin Scheme Tax",
        help="VAT on the margin only: (price including VAT - purchase price) x rate / "
        "(1 + rate) per item, never below zero.",
    )

    @api.model
    def _tradein_margin_base_line_values(self, base_line, unit_cost):
        """Force the tax of a margin-scheme base line through Odoo's own engine.

        The one home of the margin rule: margin = price incl. VAT - purchase
        price; VAT = max(0, margin) x rate / (1 + rate), item by item.

        :param base_line: a base line of ``_prepare_base_line_for_taxes_computation``
        :param unit_cost: the purchase price of one item, in the line's currency
        :return: the base line values to update (manual amounts), or {}
        """
        taxes = base_line["tax_ids"].filtered("tradein_margin")
        if len(taxes) != 1 or len(base_line["tax_ids"]) != 1:
            return {}
        currency = base_line["currency_id"]
        quantity = base_line["quantity"]
        total_included = base_line["price_unit"] * (1 - base_line["discount"] / 100.0) * quantity
        margin = total_included - unit_cost * quantity
        rate = taxes.amount / 100.0
        tax_amount = currency.round(max(margin, 0.0) * rate / (1 + rate))
        total_excluded = currency.round(total_included) - tax_amount
        return {
            "manual_total_excluded_currency": total_excluded,
            "manual_tax_amounts": {
                str(taxes.id): {
                    "tax_amount_currency": tax_amount,
                    "base_amount_currency": total_excluded,
                }
            },
        }
