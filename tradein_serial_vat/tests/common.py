from odoo import Command
from odoo.addons.base.tests.common import BaseCommon
from odoo.tests import Form


def pick_lot(move, lot):
    """The storekeeper picks serial `lot` for delivery `move`."""
    move.move_line_ids.unlink()
    move.move_line_ids = [
        Command.create(
            {
                "product_id": move.product_id.id,
                "lot_id": lot.id,
                "quantity": 1,
                "location_id": move.location_id.id,
                "location_dest_id": move.location_dest_id.id,
                "picking_id": move.picking_id.id,
                "picked": True,
            }
        )
    ]


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
