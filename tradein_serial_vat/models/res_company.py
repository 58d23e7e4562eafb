from odoo import Command, api, fields, models

# Legal mention of margin-scheme invoices, by country code.
MARGIN_MENTIONS = {
    "NO": "Brukthandel - avgiftsberegning etter merverdiavgiftsloven § 4-5 (margin).",
    "DK": "Brugtmoms - varen er solgt efter reglerne for brugte varer.",
    "SE": "Vinstmarginalbeskattning för begagnade varor.",
    "DE": "Gebrauchtgegenstände / Sonderregelung (Differenzbesteuerung nach § 25a UStG).",
    "GB": "Margin scheme - second-hand goods (VAT Notice 718).",
}
DEFAULT_MENTION = "Margin scheme - second-hand goods (Articles 311-325 of Directive 2006/112/EC)."

# Mention of the self-billing purchase document of goods bought without VAT.
PURCHASE_MENTIONS = {
    "NO": "Kjøpt uten merverdiavgift for videresalg etter merverdiavgiftsloven § 4-5 "
    "(brukthandel); ingen merverdiavgift er beregnet.",
    "DK": "Købt uden moms til videresalg efter reglerne for brugte varer; der er ikke "
    "beregnet moms.",
    "SE": "Köpt utan mervärdesskatt för vidareförsäljning med vinstmarginalbeskattning; "
    "ingen mervärdesskatt har debiterats.",
    "DE": "Ankauf ohne Umsatzsteuer zum Wiederverkauf nach § 25a UStG "
    "(Differenzbesteuerung); es wurde keine Umsatzsteuer berechnet.",
    "GB": "Self-billed purchase of second-hand goods for resale under the margin scheme "
    "(VAT Notice 718): no VAT was charged.",
}
DEFAULT_PURCHASE_MENTION = (
    "Self-billed purchase of second-hand goods for resale under the margin scheme: no VAT "
    "was charged."
)
# Items bought above this price may not go through the global margin.
GLOBAL_MARGIN_THRESHOLDS = {"GB": 500.0}
# Countries whose VAT return reports a margin-scheme sale at its selling price
# less the margin VAT (HMRC, VAT Notice 718: Box 6 holds the full price less
# VAT). Elsewhere the return's taxable amount is the net margin, the margin
# less its VAT (Article 315 of Directive 2006/112/EC; Norway: mval. § 4-5 and
# Merverdiavgiftshåndboken M-4-5.2; Germany: § 25a Abs. 3 UStG).
PRICE_LESS_VAT_BASE_COUNTRIES = {"GB"}
# The VAT return line (its tax tag) that holds the purchase price of goods
# bought without VAT under the margin scheme, where the return has one (HMRC,
# VAT Notice 718 and "How to fill in and submit your VAT Return": Box 7
# includes the purchase price of margin-scheme goods bought).
MARGIN_PURCHASE_RETURN_TAGS = {"GB": "7"}


class ResCompany(models.Model):
    _inherit = "res.company"

    tradein_margin_enabled = fields.Boolean(
        string="Margin Scheme for Used Goods",
        default=True,
        help="Sell eligible used serials under the margin scheme; off: used goods are "
        "sold with standard VAT.",
    )
    tradein_margin_fiscal_position_id = fields.Many2one(
        "account.fiscal.position",
        string="Margin Scheme Fiscal Position",
        help="Maps each sales tax to the margin tax of the same rate, line by line.",
    )
    tradein_margin_mention = fields.Text(
        string="Margin Scheme Mention",
        compute="_compute_tradein_margin_mention",
        store=True,
        readonly=False,
        help="The legal mention printed on invoices with margin-scheme lines.",
    )
    tradein_margin_return_credit_note = fields.Boolean(
        string="Credit Notes for Margin-Scheme Returns",
        default=True,
        help="Returning a margin-scheme serial credits its invoice line automatically "
        "(as set for all returns); off: credit margin-scheme returns by hand.",
    )
    tradein_margin_global = fields.Boolean(
        string="Global Margin",
        help="Tax the margin per period (sales minus purchases of the period), carrying "
        "a negative result forward, instead of item by item.",
    )

    tradein_margin_purchase_mention = fields.Text(
        string="Margin Scheme Purchase Mention",
        compute="_compute_tradein_margin_purchase_mention",
        store=True,
        readonly=False,
        help="Printed on the purchase receipt (the self-billing purchase document) of "
        "items bought without VAT under the margin scheme.",
    )
    tradein_global_margin_threshold = fields.Monetary(
        string="Global Margin Threshold",
        compute="_compute_tradein_global_margin_threshold",
        store=True,
        readonly=False,
        currency_field="currency_id",
        help="With the global margin, items bought for more than this price are taxed "
        "item by item (UK: 500). Zero: no threshold.",
    )

    @api.depends("country_id")
    def _compute_tradein_margin_purchase_mention(self):
        for company in self:
            if not company.tradein_margin_purchase_mention:
                company.tradein_margin_purchase_mention = PURCHASE_MENTIONS.get(
                    company.country_id.code, DEFAULT_PURCHASE_MENTION
                )

    @api.depends("country_id")
    def _compute_tradein_global_margin_threshold(self):
        for company in self:
            if not company.tradein_global_margin_threshold:
                company.tradein_global_margin_threshold = GLOBAL_MARGIN_THRESHOLDS.get(
                    company.country_id.code, 0.0
                )

    def _tradein_next_stock_number(self):
        """The next stock number of the company's margin-scheme stock book."""
        self.ensure_one()
        # sudo: the stock book's own sequence, drawn by the workflow.
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", "tradein.margin.stock.number"), ("company_id", "=", self.id)], limit=1
        )
        if not sequence:
            sequence = Sequence.create(
                {
                    "name": self.env._(
                        "Margin scheme stock numbers (%(company)s)", company=self.name
                    ),
                    "code": "tradein.margin.stock.number",
                    "company_id": self.id,
                    "padding": 6,
                    "implementation": "no_gap",
                }
            )
        return sequence.next_by_id()

    @api.depends("country_id")
    def _compute_tradein_margin_mention(self):
        for company in self:
            if not company.tradein_margin_mention:
                company.tradein_margin_mention = MARGIN_MENTIONS.get(
                    company.country_id.code, DEFAULT_MENTION
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
                # An archived margin tax counts: the company chose to archive it.
                margin_tax = Tax.with_context(active_test=False).search(
                    [("tradein_margin", "=", True), ("original_tax_ids", "in", tax.ids)], limit=1
                )
                if not margin_tax:
                    group = tax.tax_group_id.copy(
                        {
                            "name": self.env._(
                                "%(group)s (margin scheme)", group=tax.tax_group_id.name
                            )
                        }
                    )
                    margin_tax = tax.copy(
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
                if company.country_id.code not in PRICE_LESS_VAT_BASE_COUNTRIES:
                    company._tradein_margin_net_base_setup(margin_tax)
            company._tradein_margin_purchase_tax_setup()

    def _tradein_margin_purchase_tax(self):
        """The no-VAT tax of the company's margin-scheme purchases, if its VAT
        return reports them."""
        self.ensure_one()
        return self.env["account.tax"].search(
            [("tradein_margin_purchase", "=", True), ("company_id", "=", self.id)], limit=1
        )

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
        lines = {}
        for document_type in ("invoice", "refund"):
            base_line = margin_tax.repartition_line_ids.filtered(
                lambda line, doc=document_type: (
                    line.document_type == doc and line.repartition_type == "base"
                )
            )
            lines[document_type] = [
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
