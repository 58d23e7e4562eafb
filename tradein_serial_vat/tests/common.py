from odoo import Command
from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.tradein_serial.tests.common import pick_lot
from odoo.tests import Form


class LocalCompanyCase(BaseCommon):
    """A company with a real localisation and its chart of accounts as the
    current company of the test user, no seller identification required."""

    _company_name = "Used Goods Ltd"
    _country = "base.uk"
    _chart = "uk"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {"name": cls._company_name, "country_id": cls.env.ref(cls._country).id}
        )
        cls.env["account.chart.template"]._load(cls._chart, cls.company, install_demo=False)
        cls.env = cls.env(context={**cls.env.context, "allowed_company_ids": cls.company.ids})
        cls.company = cls.company.with_env(cls.env)
        cls.env.user.write(
            {"company_ids": [Command.link(cls.company.id)], "company_id": cls.company.id}
        )
        cls.company.tradein_require_identification = False
        cls.cash = cls.env["account.journal"].create(
            {"name": "Till", "code": "TILL", "type": "cash", "company_id": cls.company.id}
        )

    # The product `_buy` buys: set by each case.
    bought_product = None

    @classmethod
    def _create_used_phone(cls, taxes):
        """A serial-tracked phone at 700 in an AVCO category, with `taxes`."""
        category = cls.env["product.category"].create(
            {"name": "Phones", "property_cost_method": "average"}
        )
        return cls.env["product.product"].create(
            {
                "name": "Phone",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": category.id,
                "list_price": 700.0,
                "taxes_id": [Command.set(taxes.ids)],
            }
        )

    def _buy(self, seller, serial, price, input_vat=None):
        """A customer purchase of one serial of `bought_product` from
        `seller`, through its form, paid out from the till and received."""
        form = Form(
            self.env["purchase.order"].with_context(default_is_customer_purchase=True),
            view="tradein_serial.customer_purchase_view_form",
        )
        form.partner_id = seller
        with form.order_line.new() as line:
            line.product_id = self.bought_product
            line.tradein_serial_name = serial
            line.price_unit = price
            if input_vat:
                line.tradein_input_vat = input_vat
        purchase = form.save()
        purchase._tradein_pay_out("journal", journal=self.cash)
        purchase.order_line._tradein_receive("in_inventory")
        return purchase.order_line.tradein_lot_id


class UkCompanyCase(LocalCompanyCase):
    """A UK company (l10n_uk, 20% VAT)."""

    _company_name = "UK Used Phones"


class NorwegianCompanyCase(LocalCompanyCase):
    """A Norwegian company (l10n_no, 25% VAT)."""

    _company_name = "Brukt Sykkel AS"
    _country = "base.no"
    _chart = "no"


class GermanCompanyCase(LocalCompanyCase):
    """A German company (l10n_de, SKR03, 19% VAT)."""

    _company_name = "Gebrauchtwaren GmbH"
    _country = "base.de"
    _chart = "de_skr03"


class MarginSaleMixin:
    """Selling a used serial by name, as the sales form does."""

    def _sell_and_deliver(self, partner, lot, price):
        form = Form(self.env["sale.order"])
        form.partner_id = partner
        with form.order_line.new() as line:
            line.product_id = lot.product_id
            line.tradein_lot_sold_id = lot
            line.price_unit = price
        order = form.save()
        order.action_confirm()
        pick_lot(order.picking_ids.move_ids, lot)
        order.picking_ids.button_validate()
        return order


class MarginInvoiceMixin:
    """Sales of new and used items to `self.buyer`, invoiced."""

    def _sell(self, lines, date=None):
        """lines: (product, price, lot or None)."""
        form = Form(self.env["sale.order"])
        form.partner_id = self.buyer
        for product, price, lot in lines:
            with form.order_line.new() as line:
                line.product_id = product
                if lot:
                    line.tradein_lot_sold_id = lot
                line.price_unit = price
        order = form.save()
        order.action_confirm()
        return order

    def _invoice(self, order, date=None):
        order.picking_ids.move_ids.picked = True
        for move in order.picking_ids.move_ids:
            lot = move.sale_line_id.tradein_lot_sold_id
            if lot:
                pick_lot(move, lot)
        order.picking_ids.button_validate()
        invoice = order._create_invoices()
        if date:
            invoice.invoice_date = date
        invoice.action_post()
        return invoice

    def _vat_return_amount(self, report_xmlid, code, date_from, date_to, label=None):
        """A line of a localisation's own VAT return (its ``account.report``),
        as the line's tax-tag expressions define it: the balance of the
        period's posted journal items carrying the expression's tags, negated
        where the formula says "-" (Community has the reports, not their
        engine). `label`: one expression of the line (e.g. "base", "tax")."""
        report = self.env.ref(report_xmlid)
        line = report.line_ids.filtered(lambda report_line: report_line.code == code)
        self.assertEqual(len(line), 1, code)
        expressions = line.expression_ids.filtered(
            lambda e: e.engine == "tax_tags" and (not label or e.label == label)
        )
        self.assertTrue(expressions, f"{code} {label or ''}")
        total = 0.0
        for expression in expressions:
            items = self.env["account.move.line"].search(
                [
                    ("company_id", "=", self.company.id),
                    ("parent_state", "=", "posted"),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                    ("tax_tag_ids", "in", expression._get_matching_tags().ids),
                ]
            )
            balance = sum(items.mapped("balance"))
            total += -balance if expression.formula.startswith("-") else balance
        return self.company.currency_id.round(total)
