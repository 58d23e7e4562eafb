"""Flows that cross the add-ons, run with all three installed (the third
way of `make test`): a test that needs two siblings lives here."""

from odoo.addons.tradein_serial_vat.tests.common import MarginSaleMixin
from odoo.addons.tradein_serial_vat.tests.common import UkCompanyCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestRefurbishedMarginSale(MarginSaleMixin, UkCompanyCase):
    """A used phone bought from the public, refurbished, sold under the
    margin scheme (UK chart, 20 %)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._tradein_margin_setup()
        vat20 = cls.company.account_sale_tax_id
        cls.phone = cls._create_used_phone(vat20)
        cls.bought_product = cls.phone
        cls.private = cls.env["res.partner"].create({"name": "Pat Private"})
        cls.buyer = cls.env["res.partner"].create({"name": "Bob Buyer"})

    def test_refurbishment_costs_do_not_enter_the_margin(self):
        lot = self._buy(self.private, "REF-1", 400.0)
        repair = lot._tradein_refurb_create("Screen")
        repair.refurb_labour_hours = 2.0
        repair.refurb_grade = "a"
        repair.action_refurb_done()
        self.assertEqual(lot.refurb_cost, 2.0 * self.company.tradein_refurb_hour_cost)
        self.assertTrue(lot.refurb_cost)
        # The margin is the selling price minus the purchase price: the
        # refurbishment does not reduce it.
        self.assertEqual(lot.tradein_margin_purchase_price, 400.0)
        order = self._sell_and_deliver(self.buyer, lot, 700.0)
        self.assertTrue(order.order_line.tradein_margin_scheme)
        self.assertEqual(order.order_line.price_tax, 50.0)
