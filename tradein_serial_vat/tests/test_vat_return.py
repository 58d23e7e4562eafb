from odoo import Command
from odoo.tests import tagged

from .common import GermanCompanyCase
from .common import MarginInvoiceMixin
from .common import NorwegianCompanyCase

# Every posted entry of the test's own company.
ALL_DATES = ("2000-01-01", "2100-12-31")


class NetMarginReturnMixin(MarginInvoiceMixin):
    """A company whose VAT return reports the net margin of a margin-scheme
    sale (the margin less its VAT) as the taxable amount."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._tradein_margin_setup()
        cls.vat = cls.company.account_sale_tax_id
        cls.phone = cls._create_used_phone(cls.vat)
        cls.bought_product = cls.phone
        cls.charger = cls.env["product.product"].create(
            {"name": "Charger", "list_price": 100.0, "taxes_id": [Command.set(cls.vat.ids)]}
        )
        cls.private = cls.env["res.partner"].create({"name": "Pat Private"})
        cls.buyer = cls.env["res.partner"].create({"name": "Bob Buyer"})

    def _sell_gain_loss_and_new(self):
        """A used phone bought 400 sold 700, one bought 450 sold 300, a new
        charger at 100 before VAT: one invoice."""
        gain = self._buy(self.private, "RET-GAIN", 400.0)
        loss = self._buy(self.private, "RET-LOSS", 450.0)
        return self._invoice(
            self._sell(
                [(self.phone, 700.0, gain), (self.phone, 300.0, loss), (self.charger, 100.0, None)]
            )
        )

    def _revenue(self, move):
        """What `move` books as revenue (credit positive)."""
        lines = move.line_ids.filtered(lambda line: line.account_id.account_type == "income")
        return -sum(lines.mapped("balance"))

    def _return_line(self, code, label=None):
        return self._vat_return_amount(self._report, code, *ALL_DATES, label=label)


@tagged("post_install", "-at_install")
class TestNorwegianVatReturn(NetMarginReturnMixin, NorwegianCompanyCase):
    """Norway (l10n_no, MVA-melding). Skatteetaten: the basis of a sale under
    the used-goods scheme is the margin less its VAT (merverdiavgiftsloven
    § 4-5; Merverdiavgiftshåndboken M-4-5.2 and M-4-5.4), reported under code
    3 (domestic sales, 25 %)."""

    _report = "l10n_no.tax_report"

    def test_code_3_reports_the_net_margin(self):
        """used phone  bought 400, sold 700: margin 300, VAT 300 x 25/125 = 60.00,
                       basis 300 - 60 = 240.00
        used phone  bought 450, sold 300: a loss, no VAT, basis 0
        charger     new, 100 + 25 % VAT = 25.00, basis 100.00

        Code 3: basis 340.00, VAT 85.00. The invoice (1,125.00, VAT 85.00) and
        the revenue (640 + 300 + 100 = 1,040.00) are as without the basis
        lines, which cancel out on the sales account."""
        invoice = self._sell_gain_loss_and_new()
        self.assertEqual(
            (invoice.amount_total, invoice.amount_tax, invoice.amount_untaxed),
            (1125.0, 85.0, 1040.0),
        )
        self.assertEqual(self._revenue(invoice), 1040.0)
        vat_account = self.vat.invoice_repartition_line_ids.account_id
        vat_lines = invoice.line_ids.filtered(lambda line: line.account_id == vat_account)
        self.assertEqual(-sum(vat_lines.mapped("balance")), 85.0)
        # Printed: only the charger's VAT; the margin VAT is in the price.
        printed = invoice._tradein_printed_tax_totals()
        self.assertEqual(
            (printed["base_amount_currency"], printed["tax_amount_currency"]), (1100.0, 25.0)
        )
        self.assertEqual(self._return_line("BASE_3"), 340.0)
        self.assertEqual(self._return_line("TAX_3"), 85.0)

    def test_credit_note_takes_the_net_margin_back(self):
        """The phone bought 400 and sold 700 is returned: the credit note
        takes back its basis 240.00 and VAT 60.00, code 3 is back to the
        charger's 100.00 / 25.00."""
        self.company.tradein_return_credit_note = "posted"
        invoice = self._sell_gain_loss_and_new()
        gain = invoice.invoice_line_ids.tradein_lot_sold_id.filtered(
            lambda lot: lot.name == "RET-GAIN"
        )
        stock = self.env["stock.warehouse"].search([("company_id", "=", self.company.id)], limit=1)
        credit_note = gain._tradein_return(stock.lot_stock_id, "Unwanted")
        self.assertEqual((credit_note.amount_total, credit_note.amount_tax), (700.0, 60.0))
        self.assertEqual(self._return_line("BASE_3"), 100.0)
        self.assertEqual(self._return_line("TAX_3"), 25.0)

    def test_setup_moves_the_base_tags_to_the_return_base_tax(self):
        """A margin tax set up before the return base existed (version
        19.0.1.1.0) gets it when the setup runs again (the migration does)."""
        position = self.company.tradein_margin_fiscal_position_id
        margin, base = position.map_tax(self.vat).sorted(lambda tax: tax.tradein_margin_base)
        self.assertTrue(margin.tradein_margin)
        self.assertTrue(base.tradein_margin_base)
        self.assertEqual(
            base.invoice_repartition_line_ids.mapped("factor_percent"), [100.0, 100.0, -100.0]
        )
        self.assertFalse(base.invoice_repartition_line_ids.account_id)
        base_tags = self.vat.repartition_line_ids.filtered(
            lambda line: line.repartition_type == "base"
        ).tag_ids
        self.assertEqual(base.repartition_line_ids.tag_ids, base_tags)
        self.assertFalse(
            margin.repartition_line_ids.filtered(
                lambda line: line.repartition_type == "base"
            ).tag_ids
        )
        # As 19.0.1.1.0 left it: the margin tax's base carries the tags, no companion.
        base.unlink()
        margin.repartition_line_ids.filtered(
            lambda line: line.repartition_type == "base"
        ).tag_ids = base_tags
        self.company._tradein_margin_setup()
        self.company._tradein_margin_setup()
        new_base = position.map_tax(self.vat) - margin
        self.assertEqual(len(new_base), 1)
        self.assertEqual(new_base.repartition_line_ids.tag_ids, base_tags)
        self.assertFalse(
            margin.repartition_line_ids.filtered(
                lambda line: line.repartition_type == "base"
            ).tag_ids
        )


@tagged("post_install", "-at_install")
class TestGermanVatReturn(NetMarginReturnMixin, GermanCompanyCase):
    """Germany (l10n_de, UStVA). § 25a Abs. 3 UStG: the taxable amount of a
    sale under the margin scheme is the margin less its VAT (UStAE 25a.1
    Abs. 8); reported in Kz 81 (19 %) with the other sales at that rate."""

    _report = "l10n_de.tax_report"

    def test_kz_81_reports_the_net_margin(self):
        """used phone  bought 400, sold 700: margin 300, VAT 300 x 19/119 = 47.90,
                       taxable amount 300 - 47.90 = 252.10
        used phone  bought 450, sold 300: a loss, no VAT, nothing taxable
        charger     new, 100 + 19 % VAT = 19.00, taxable amount 100.00

        Kz 81: taxable amount 352.10, VAT 66.90; the invoice 1,119.00 with VAT
        66.90, revenue 652.10 + 300 + 100 = 1,052.10."""
        invoice = self._sell_gain_loss_and_new()
        self.assertEqual(
            (invoice.amount_total, invoice.amount_tax, invoice.amount_untaxed),
            (1119.0, 66.9, 1052.1),
        )
        self.assertEqual(self._revenue(invoice), 1052.1)
        self.assertEqual(self._return_line("DE_81", "base"), 352.1)
        self.assertEqual(self._return_line("DE_81", "tax"), 66.9)
