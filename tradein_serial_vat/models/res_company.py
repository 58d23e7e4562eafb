from odoo import api, fields, models
from odoo.addons.base.models.ir_sequence import _update_nogap

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
        return self._tradein_next_stock_numbers(1)[0]

    def _tradein_next_stock_numbers(self, count):
        """The next `count` stock numbers of the company's margin-scheme stock
        book, drawn together (one lock of its no-gap sequence for a batch)."""
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
        if count <= 1 or sequence.implementation != "no_gap" or sequence.use_date_range:
            return [sequence.next_by_id() for _ in range(count)]
        step = sequence.number_increment
        first = _update_nogap(sequence, step * count)
        return [sequence.get_next_char(first + step * rank) for rank in range(count)]

    @api.depends("country_id")
    def _compute_tradein_margin_mention(self):
        for company in self:
            if not company.tradein_margin_mention:
                company.tradein_margin_mention = MARGIN_MENTIONS.get(
                    company.country_id.code, DEFAULT_MENTION
                )
