from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    """The customer purchase flow in a real browser (Chromium)."""

    def test_customer_purchase_to_pay_out(self):
        self.env.ref("base.user_admin").group_ids |= self.env.ref(
            "tradein_serial.group_customer_purchase"
        )
        self.env["res.partner"].create(
            {
                "name": "Tour Seller",
                "tradein_id_type": "passport",
                "tradein_id_number": "TOUR-1",
                "tradein_birthdate": "1990-01-01",
            }
        )
        self.env["product.product"].create(
            {
                "name": "Tour Phone",
                "is_storable": True,
                "tracking": "serial",
                "purchase_ok": True,
                "supplier_taxes_id": [(5,)],
            }
        )
        self.start_tour(
            "/odoo/action-tradein_serial.customer_purchase_action",
            "tradein_customer_purchase_tour",
            login="admin",
        )
        purchase = self.env["purchase.order"].search(
            [("partner_id.name", "=", "Tour Seller"), ("is_customer_purchase", "=", True)]
        )
        self.assertEqual(purchase.customer_purchase_state, "paid")
        self.assertEqual(purchase.order_line.tradein_serial_name, "TOUR-SN-1")
        self.assertEqual(purchase.amount_total, 45.0)
        self.assertEqual(purchase.payout_method, "store_credit")
        self.assertEqual(purchase.payout_bill_id.state, "posted")
