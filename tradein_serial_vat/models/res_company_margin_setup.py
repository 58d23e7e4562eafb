from odoo import Command, api, fields, models

from .res_company import MARGIN_PURCHASE_RETURN_TAGS
from .res_company import PRICE_LESS_VAT_BASE_COUNTRIES


class ResCompany(models.Model):
    _inherit = "res.company"

    tradein_margin_purchase_tax_id = fields.Many2one(
        "account.tax",
        string="Margin Scheme Purchase Tax",
        compute="_compute_tradein_margin_purchase_tax_id",
    )

    def _tradein_margin_taxes(self, taxes):
        """The margin taxes replacing `taxes` on a margin-scheme line."""
        self.ensure_one()
        return self.tradein_margin_fiscal_position_id.map_tax(taxes)

    def _tradein_margin_setup(self):
        """Create the margin taxes (one per sales VAT rate) and their fiscal position."""
        Tax = self.env["account.tax"]
        for company in self:
            position = company.tradein_margin_fiscal_position_id
            if not position:
                position = self.env["account.fiscal.position"].create(
                    {
                        "name": self.env._("Used goods (margin scheme)"),
                        "company_id": company.id,
                        "auto_apply": False,
                        "sequence": 100,
                    }
                )
                company.tradein_margin_fiscal_position_id = position
            sale_taxes = Tax.search(
                [
                    *Tax._check_company_domain(company),
                    ("type_tax_use", "=", "sale"),
                    ("amount_type", "=", "percent"),
                    ("amount", ">", 0),
                    ("tradein_margin", "=", False),
                    ("original_tax_ids", "=", False),
                ]
            )
            for tax in sale_taxes:
                margin_tax = company._tradein_margin_tax_of(tax, position)
                if company.country_id.code not in PRICE_LESS_VAT_BASE_COUNTRIES:
                    company._tradein_margin_net_base_setup(margin_tax)
            company._tradein_margin_purchase_tax_setup()

    def _tradein_margin_tax_of(self, tax, position):
        """The margin tax of the sales tax `tax`, created on `position` if none."""
        Tax = self.env["account.tax"]
        # An archived margin tax counts: the company chose to archive it.
        margin_tax = Tax.with_context(active_test=False).search(
            [("tradein_margin", "=", True), ("original_tax_ids", "in", tax.ids)], limit=1
        )
        if margin_tax:
            return margin_tax
        group = tax.tax_group_id.copy(
            {"name": self.env._("%(group)s (margin scheme)", group=tax.tax_group_id.name)}
        )
        return tax.copy(
            {
                "name": self.env._("%(tax)s (margin scheme)", tax=tax.name),
                "tax_group_id": group.id,
                "tradein_margin": True,
                "price_include_override": "tax_included",
                "original_tax_ids": [Command.set(tax.ids)],
                "fiscal_position_ids": [Command.set(position.ids)],
                "description": False,
            }
        )

    def _tradein_margin_purchase_tax(self):
        """The no-VAT tax of the company's margin-scheme purchases, if its VAT
        return reports them."""
        self.ensure_one()
        return self.tradein_margin_purchase_tax_id

    def _compute_tradein_margin_purchase_tax_id(self):
        # Read once per transaction for every line of a purchase; account.tax
        # invalidates it when a margin purchase tax changes.
        taxes = self.env["account.tax"].search(
            [("tradein_margin_purchase", "=", True), ("company_id", "in", self.ids)]
        )
        for company in self:
            company.tradein_margin_purchase_tax_id = taxes.filtered(
                lambda tax, company=company: tax.company_id == company
            )[:1]

    def _tradein_margin_purchase_tax_setup(self):
        """A 0 % purchase tax whose base carries the return line of margin-scheme
        purchases (``MARGIN_PURCHASE_RETURN_TAGS``): what the self-billing bill
        and the trade-in line of such a purchase carry."""
        self.ensure_one()
        tag_name = MARGIN_PURCHASE_RETURN_TAGS.get(self.country_id.code)
        Tax = self.env["account.tax"].with_context(active_test=False)
        if not tag_name or Tax.search_count(
            [("tradein_margin_purchase", "=", True), ("company_id", "=", self.id)], limit=1
        ):
            return
        tags = self.env["account.account.tag"]._get_tax_tags(tag_name, self.country_id.id)
        if not tags:
            return
        group = self.env["account.tax.group"].create(
            {
                "name": self.env._("Margin scheme purchases (no VAT)"),
                "company_id": self.id,
                "country_id": self.country_id.id,
            }
        )
        lines = {
            document_type: [
                Command.create(
                    {
                        "document_type": document_type,
                        "repartition_type": "base",
                        "tag_ids": [Command.set(tags.ids)],
                    }
                ),
                Command.create({"document_type": document_type, "repartition_type": "tax"}),
            ]
            for document_type in ("invoice", "refund")
        }
        Tax.create(
            {
                "name": self.env._("0% Margin scheme purchase (no VAT)"),
                "invoice_label": self.env._("No VAT (margin scheme)"),
                "company_id": self.id,
                "country_id": self.country_id.id,
                "type_tax_use": "purchase",
                "amount_type": "percent",
                "amount": 0.0,
                "tax_group_id": group.id,
                "tradein_margin_purchase": True,
                "invoice_repartition_line_ids": lines["invoice"],
                "refund_repartition_line_ids": lines["refund"],
            }
        )

    def _tradein_margin_net_base_setup(self, margin_tax):
        """Report the net margin as the VAT return's taxable amount of
        `margin_tax`'s sales: its base tags move to the tax lines of a
        companion "return base" tax (+100 % tagged, -100 % untagged, both on the
        sales account, so the books do not change) whose amount is the net
        margin, set by ``account.tax._tradein_margin_base_line_values``. Nothing
        to do for a margin tax without base tags (a chart without a VAT return).
        """
        self.ensure_one()
        Tax = self.env["account.tax"].with_context(active_test=False)
        base_tags = margin_tax.repartition_line_ids.filtered(
            lambda line: line.repartition_type == "base"
        ).tag_ids
        if not base_tags or Tax.search_count(
            [
                ("tradein_margin_base", "=", True),
                ("company_id", "=", self.id),
                ("original_tax_ids", "in", margin_tax.original_tax_ids.ids),
            ],
            limit=1,
        ):
            return
        lines = {
            document_type: self._tradein_return_base_lines(margin_tax, document_type)
            for document_type in ("invoice", "refund")
        }
        Tax.create(
            {
                "name": self.env._(
                    "%(tax)s (margin scheme, return base)", tax=margin_tax.original_tax_ids[:1].name
                ),
                "company_id": self.id,
                "country_id": margin_tax.country_id.id,
                "type_tax_use": "sale",
                "amount_type": "percent",
                "amount": 0.0,
                "sequence": margin_tax.sequence + 1,
                "active": margin_tax.active,
                "tax_group_id": margin_tax.tax_group_id.id,
                "tradein_margin_base": True,
                "original_tax_ids": [Command.set(margin_tax.original_tax_ids.ids)],
                "fiscal_position_ids": [Command.set(margin_tax.fiscal_position_ids.ids)],
                "invoice_repartition_line_ids": lines["invoice"],
                "refund_repartition_line_ids": lines["refund"],
            }
        )

    @api.model
    def _tradein_return_base_lines(self, margin_tax, document_type):
        """The repartition lines of the return-base tax for `document_type`;
        `margin_tax`'s base tags for it move to them."""
        base_line = margin_tax.repartition_line_ids.filtered(
            lambda line: line.document_type == document_type and line.repartition_type == "base"
        )
        lines = [
            Command.create({"document_type": document_type, "repartition_type": "base"}),
            Command.create(
                {
                    "document_type": document_type,
                    "repartition_type": "tax",
                    "factor_percent": 100.0,
                    "tag_ids": [Command.set(base_line.tag_ids.ids)],
                }
            ),
            Command.create(
                {
                    "document_type": document_type,
                    "repartition_type": "tax",
                    "factor_percent": -100.0,
                }
            ),
        ]
        base_line.tag_ids = [Command.clear()]
        return lines
