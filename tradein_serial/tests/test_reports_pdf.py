from odoo import Command
from odoo.tests import tagged

from .common import TradeinTourCase
from .common import pdf_text


@tagged("post_install", "-at_install")
class TestReportsPdf(TradeinTourCase):
    """Each report of tradein_serial printed from its button as a real PDF
    (wkhtmltopdf) and read back (pdftotext), as a shop hands it out or
    files it. (An HTTP case: wkhtmltopdf loads the report's styles from the
    running server.)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.phone = cls._create_serial_product("Print Phone", purchase_ok=True)
        cls.seller = cls.env["res.partner"].create(
            {
                "name": "Petra Printseller",
                "street": "7 Harbour Road",
                "city": "Bergen",
                "tradein_id_type": "passport",
                "tradein_id_number": "PP-445566",
                "tradein_birthdate": "1988-03-04",
            }
        )
        cls.lot = cls._bought_from_the_public(cls, cls.seller, cls.phone, "PRINT-SN-1", 45.0)
        cls.purchase = cls.lot.acquisition_purchase_line_id.order_id

    def _print(self, action, user=None):
        """The PDF a click on a Print button gives, as text."""
        self.assertEqual(action["type"], "ir.actions.report", "a print, not a dialog")
        report = self.env["ir.actions.report"]._get_report(action["report_name"])
        records = self.env[report.model].browse(action["context"]["active_ids"])
        env = self.env(user=user) if user else self.env
        return pdf_text(env, action["report_name"], records.with_env(env))

    def test_a_first_print_needs_no_layout_set_up(self):
        # The demo company has its document layout: the administrator's first
        # print is a print, not "Configure your document layout".
        self.assertTrue(self.env.ref("base.main_company").external_report_layout_id)
        self.assertEqual(self.purchase.action_tradein_print_receipt()["type"], "ir.actions.report")

    def test_purchase_receipt_with_and_without_seller_identity(self):
        text = self._print(self.purchase.action_tradein_print_receipt())
        for expected in (
            f"Purchase Receipt {self.purchase.name}",
            "Petra Printseller",
            "7 Harbour Road",
            "Seller Identification",
            "PP-445566",
            "Print Phone",
            "PRINT-SN-1",
            "45.00",
            "Seller's signature",
        ):
            self.assertIn(expected, text)
        # A clerk without the Seller identity group prints it without the
        # identification, the rest unchanged.
        clerk = self.env["res.users"].create(
            {
                "name": "Print Clerk",
                "login": "print_clerk",
                "group_ids": [
                    Command.set(
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref("tradein_serial.group_tradein_user").id,
                            self.env.ref("tradein_serial.group_customer_purchase").id,
                        ]
                    )
                ],
            }
        )
        self.assertFalse(clerk.has_group("tradein_serial.group_tradein_seller_identity"))
        action = self.purchase.with_user(clerk).action_tradein_print_receipt()
        text = self._print(action, user=clerk)
        self.assertIn("Petra Printseller", text)
        self.assertIn("PRINT-SN-1", text)
        self.assertNotIn("PP-445566", text)
        self.assertNotIn("Seller Identification", text)
        self.assertNotIn("1988", text)

    def test_serial_label_and_history(self):
        label = self._print(self.purchase.order_line.action_tradein_print_label())
        self.assertIn("PRINT-SN-1", label)
        self.assertIn("Print Phone", label)
        history = self._print(self.lot.action_print_tradein_history())
        self.assertIn("History of serial PRINT-SN-1", history)
        self.assertIn("Print Phone", history)
        self.assertIn("Petra Printseller", history)
        self.assertIn(self.purchase.name, history)

    def test_dealer_register(self):
        wizard = self.env["tradein.dealer.register.wizard"].create(
            {"date_from": self.purchase.payout_date, "date_to": self.purchase.payout_date}
        )
        text = self._print(wizard.action_print_pdf())
        for expected in (
            "Dealer Register",
            self.purchase.name,
            "Petra Printseller",
            "PP-445566",
            "PRINT-SN-1",
            "45.00",
            "Valid",
        ):
            self.assertIn(expected, text)
