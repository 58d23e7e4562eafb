from odoo import api, fields, models


class AccountTax(models.Model):
    _inherit = "account.tax"

    tradein_margin = fields.Boolean(
        string="Margin Scheme Tax",
        help="VAT on the margin only: (price including VAT - purchase price) x rate / "
        "(1 + rate) per item, never below zero.",
    )
    tradein_margin_base = fields.Boolean(
        string="Margin Scheme Return Base",
        help="Companion of a margin tax where the VAT return reports the net margin "
        "(the margin less its VAT) as the taxable amount: it books that amount to the "
        "return's base line and back (two tax lines of the sales account that cancel "
        "out), like a reverse charge. Nothing to pay and no effect on the price.",
    )

    tradein_margin_purchase = fields.Boolean(
        string="Margin Scheme Purchase",
        help="No VAT: put on the purchase of goods bought without VAT for resale under "
        "the margin scheme, where the VAT return reports their purchase price (UK: "
        "Box 7).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        taxes = super().create(vals_list)
        if any(tax.tradein_margin_purchase for tax in taxes):
            self._tradein_invalidate_margin_purchase_tax()
        return taxes

    def write(self, vals):
        margin = any(tax.tradein_margin_purchase for tax in self)
        res = super().write(vals)
        if margin or vals.get("tradein_margin_purchase"):
            self._tradein_invalidate_margin_purchase_tax()
        return res

    def unlink(self):
        margin = any(tax.tradein_margin_purchase for tax in self)
        res = super().unlink()
        if margin:
            self._tradein_invalidate_margin_purchase_tax()
        return res

    def _tradein_invalidate_margin_purchase_tax(self):
        self.env["res.company"].invalidate_model(["tradein_margin_purchase_tax_id"])

    @api.model
    def _tradein_taxable_margin(self, unit_total, quantity, unit_costs):
        """The taxable margin (VAT included) of `quantity` items sold at
        `unit_total` each (VAT included, after discount), item by item: a loss
        on one item is not set off against another.

        :param unit_costs: the purchase price of each item (one per item), or
            of one item for all of them
        """
        costs = list(unit_costs) if isinstance(unit_costs, (list, tuple)) else [unit_costs]
        if costs and len(costs) == round(quantity) and quantity == round(quantity):
            return sum(max(unit_total - cost, 0.0) for cost in costs)
        # Not one price per item: the line's items share the mean price.
        mean_cost = sum(costs) / len(costs) if costs else 0.0
        return max((unit_total - mean_cost) * quantity, 0.0)

    @api.model
    def _tradein_margin_base_line_values(self, base_line, unit_costs):
        """Force the tax of a margin-scheme base line through Odoo's own engine.

        The one home of the margin rule: margin = price incl. VAT - purchase
        price; VAT = max(0, margin) x rate / (1 + rate), item by item.

        :param base_line: a base line of ``_prepare_base_line_for_taxes_computation``
        :param unit_costs: the purchase price of each item (a list, one per
            item) or of every item (a number), in the line's currency
        :return: the base line values to update (manual amounts), or {}
        """
        taxes = base_line["tax_ids"].filtered("tradein_margin")
        base_taxes = base_line["tax_ids"].filtered("tradein_margin_base")
        if len(taxes) != 1 or len(base_taxes) > 1 or base_line["tax_ids"] != taxes | base_taxes:
            return {}
        currency = base_line["currency_id"]
        quantity = base_line["quantity"]
        unit_total = base_line["price_unit"] * (1 - base_line["discount"] / 100.0)
        margin = self._tradein_taxable_margin(unit_total, quantity, unit_costs)
        rate = taxes.amount / 100.0
        tax_amount = currency.round(margin * rate / (1 + rate))
        total_excluded = currency.round(unit_total * quantity) - tax_amount
        manual_tax_amounts = {
            str(taxes.id): {
                "tax_amount_currency": tax_amount,
                "base_amount_currency": total_excluded,
            }
        }
        if base_taxes:
            # The VAT return's taxable amount: the net margin.
            manual_tax_amounts[str(base_taxes.id)] = {
                "tax_amount_currency": currency.round(margin) - tax_amount,
                "base_amount_currency": total_excluded,
            }
        return {
            "manual_total_excluded_currency": total_excluded,
            "manual_tax_amounts": manual_tax_amounts,
        }
