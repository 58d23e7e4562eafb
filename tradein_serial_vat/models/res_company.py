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
                if margin_tax:
                    continue
                group = tax.tax_group_id.copy(
                    {"name": self.env._("%(group)s (margin scheme)", group=tax.tax_group_id.name)}
                )
                tax.copy(
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
