from odoo import api, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def _compute_tax_id(self):
        # Odoo's taxes of a line (the product's supplier taxes, mapped by the
        # fiscal position) on product and fiscal position changes; a customer
        # purchase's lines follow their own rule instead.
        customer_lines = self._tradein_rule_taxed()
        res = super(PurchaseOrderLine, self - customer_lines)._compute_tax_id()
        for line in customer_lines:
            line.tax_ids = line._tradein_taxes()
        return res

    def _tradein_rule_taxed(self):
        """The lines whose taxes follow the customer purchase rule."""
        return self.filtered(
            lambda line: line.order_id.is_customer_purchase and not line.display_type
        )

    def _tradein_taxes(self):
        """Taxes of a customer purchase line: none, a member of the public charges
        no VAT, whatever the product's supplier taxes and the fiscal position.

        Hook: ``tradein_serial_vat`` adds the input VAT of a VAT-registered
        seller who charges it.
        """
        self.ensure_one()
        return self.env["account.tax"]

    def _tradein_supplier_taxes(self):
        """The product's supplier taxes as Odoo maps them for the seller."""
        self.ensure_one()
        line = self.with_company(self.company_id)
        order = line.order_id
        fiscal_position = order.fiscal_position_id or order.fiscal_position_id._get_fiscal_position(
            order.partner_id
        )
        return fiscal_position.map_tax(
            line.product_id.supplier_taxes_id._filter_taxes_by_company(line.company_id)
        )

    @api.model
    def _tradein_tax_trigger_fields(self):
        """Fields whose change re-applies the rule (hook: the VAT add-on adds its own)."""
        return {"product_id", "tax_ids", "order_id"}

    def _tradein_apply_taxes(self):
        """Put the rule's taxes on the lines of unpaid customer purchases."""
        for line in self._tradein_rule_taxed().filtered(lambda line: not line.order_id.payout_date):
            taxes = line._tradein_taxes()
            if line.tax_ids != taxes:
                line.tax_ids = taxes
