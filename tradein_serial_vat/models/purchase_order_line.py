from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    tradein_input_vat = fields.Selection(
        [("none", "Without VAT"), ("deductible", "With deductible VAT")],
        string="Input VAT",
        compute="_compute_tradein_input_vat",
        store=True,
        readonly=False,
        help="Without VAT: the item may be resold under the margin scheme. With "
        "deductible VAT (VAT-registered sellers only): resold with standard VAT.",
    )

    tradein_margin_acquisition_ids = fields.One2many(
        "tradein.margin.acquisition", "purchase_line_id", string="Stock Book Entries"
    )

    @api.depends("order_id.partner_id", "order_id.is_customer_purchase")
    def _compute_tradein_input_vat(self):
        for line in self:
            seller_type = line.order_id.partner_id.commercial_partner_id.tradein_seller_type
            if not line.order_id.is_customer_purchase:
                line.tradein_input_vat = (
                    "none"
                    if seller_type in ("private", "vat_exempt", "margin_dealer")
                    else "deductible"
                )
            elif not line.tradein_input_vat or seller_type != "vat_business":
                line.tradein_input_vat = "deductible" if seller_type == "vat_business" else "none"

    @api.constrains("tradein_input_vat", "order_id")
    def _check_tradein_input_vat(self):
        for line in self:
            seller = line.order_id.partner_id.commercial_partner_id
            if (
                line.tradein_input_vat == "deductible"
                and seller.tradein_seller_type != "vat_business"
            ):
                raise ValidationError(
                    self.env._(
                        "%(seller)s is not a VAT-registered business: nothing bought from them "
                        "carries deductible VAT.",
                        seller=seller.display_name,
                    )
                )

    @api.onchange("tradein_input_vat")
    def _onchange_tradein_input_vat(self):
        # Taxes of a purchase line are no compute in Odoo: apply the rule in
        # the form as soon as Input VAT changes (typed, or from the seller).
        self._compute_tax_id()

    def _tradein_taxes(self):
        # A VAT-registered business that charges VAT: its input VAT is on the
        # bill. Trade-ins are settled on the customer's invoice, never billed.
        taxes = super()._tradein_taxes()
        seller = self.order_id.partner_id.commercial_partner_id
        if (
            self.tradein_input_vat == "deductible"
            and seller.tradein_seller_type == "vat_business"
            and not self.tradein_sale_line_id
        ):
            taxes |= self._tradein_supplier_taxes()
        elif self._tradein_margin_acquired() and not self.tradein_sale_line_id:
            # No VAT, but the purchase price goes to the VAT return where it
            # reports margin-scheme purchases (UK: Box 7).
            company = self.company_id or self.order_id.company_id or self.env.company
            taxes |= company._tradein_margin_purchase_tax()
        return taxes

    @api.model
    def _tradein_tax_trigger_fields(self):
        return super()._tradein_tax_trigger_fields() | {"tradein_input_vat"}

    def _tradein_margin_acquired(self):
        """Whether the items of this line are bought under the margin scheme:
        without deductible VAT, from the public (customer purchase, trade-in)
        or from a margin-scheme dealer."""
        self.ensure_one()
        seller_type = self.order_id.partner_id.commercial_partner_id.tradein_seller_type
        return self.tradein_input_vat != "deductible" and (
            self.order_id.is_customer_purchase or seller_type == "margin_dealer"
        )

    def _tradein_stock_numbers(self):
        """The stock numbers of the items of this line, as printed."""
        self.ensure_one()
        return ", ".join(self.tradein_margin_acquisition_ids.sorted("id").mapped("stock_number"))

    def _tradein_paid_out(self):
        res = super()._tradein_paid_out()
        # sudo: the stock book is the workflow's; users only read it.
        self.env["tradein.margin.acquisition"].sudo()._tradein_record_paid_out(
            self.filtered(lambda line: line._tradein_margin_acquired())
        )
        return res

    def _tradein_lot_values(self):
        values = super()._tradein_lot_values()
        deductible = self.tradein_input_vat == "deductible"
        margin = self._tradein_margin_acquired()
        values.update(
            {
                "tradein_input_vat_deducted": deductible,
                "tradein_vat_scheme": "margin" if margin else "standard",
                "tradein_margin_purchase_price": values.get("acquisition_price") if margin else 0.0,
            }
        )
        return values
