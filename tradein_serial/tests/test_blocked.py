import csv
import io
import zipfile

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools.misc import file_path

from .common import TradeinCommon


@tagged("post_install", "-at_install")
class TestBlockedItems(TradeinCommon):
    """Blocked serials, IMEIs and sellers (#17, point 5): a Trade-ins user
    cannot buy or take them in, an Administrator can and is flagged; every
    offer is logged on the seller and in the dealer register."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls._create_user(
            "tradein_owner",
            "base.group_user",
            "tradein_serial.group_tradein_manager",
            "tradein_serial.group_customer_purchase",
            "sales_team.group_sale_salesman_all_leads",
            "account.group_account_invoice",
            name="Olga Owner",
        )
        cls.stolen = cls.env["tradein.blocked.serial"].create(
            {
                "name": "STOLEN-77",
                "reason": "stolen",
                "source": "Police report 2026/4471",
                "date": "2026-11-30",
            }
        )

    def _attempts(self, order):
        field = "purchase_id" if order._name == "purchase.order" else "sale_id"
        return self.env["tradein.blocked.attempt"].search([(field, "=", order.id)])

    def _notes(self, record):
        return " ".join(record.message_ids.mapped("body"))

    def _quotation(self, serial, partner=None, user=None):
        """A quotation selling a tablet with a phone traded in, as typed."""
        form = Form(self.env(user=user or self.clerk)["sale.order"])
        form.partner_id = partner or self.seller
        with form.order_line.new() as line:
            line.product_id = self.tablet
        with form.order_line.new() as line:
            line.is_tradein = True
            line.product_id = self.phone
            line.tradein_serial_name = serial
            line.tradein_allowance = 30.0
        return form.save()

    def _register(self, user=None):
        return self.env(user=user or self.owner)["tradein.dealer.register.wizard"].create(
            {"company_id": self.company.id, "date_from": self._today(), "date_to": self._today()}
        )

    # ------------------------------------------------------------------
    # Customer purchases
    # ------------------------------------------------------------------

    def test_a_blocked_serial_is_refused_to_a_user_and_logged(self):
        # Typed the way a seller spells it: lower case, a space for the dash.
        purchase = self._create_customer_purchase(items=[{"serial": "stolen 77"}])
        self.assertIn("is on the blocked list", purchase.tradein_blocked_warning)
        self.assertIn("Police report 2026/4471", purchase.tradein_blocked_warning)
        attempt = self._attempts(purchase)
        self.assertRecordValues(
            attempt,
            [
                {
                    "serial": "stolen 77",
                    "partner_id": self.seller.id,
                    "user_id": self.clerk.id,
                    "blocked_serial_id": self.stolen.id,
                    "outcome": "refused",
                    "document": purchase.name,
                    "product_id": self.phone.id,
                }
            ],
        )
        # On the seller and on the purchase, as internal notes.
        for record in (self.seller, purchase):
            self.assertIn("stolen 77", self._notes(record))
            self.assertIn("Police report 2026/4471", self._notes(record))
        note = self.seller.message_ids.filtered(lambda message: "stolen 77" in message.body)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        # The clerk cannot pay it out, neither from the button nor by RPC.
        with self.assertRefused(UserError, r"cannot be paid out\. .*stolen 77.*Administrator"):
            self._pay_out(purchase)
        with self.assertRefused(UserError, "cannot be paid out"):
            purchase.with_user(self.clerk)._tradein_pay_out("journal", journal=self.cash_journal)
        self.assertFalse(purchase.payout_date)
        self.assertFalse(purchase.payout_bill_id)
        self.assertEqual(purchase.state, "draft")
        # Saving again logs nothing twice; typing another number does not
        # clear what was offered.
        purchase.with_user(self.clerk).order_line.tradein_serial_name = "OTHER-1"
        self.assertEqual(self._attempts(purchase), attempt)
        self.assertIn("stolen 77", purchase.tradein_blocked_warning)
        with self.assertRefused(UserError, "cannot be paid out"):
            self._pay_out(purchase)
        self.assertFalse(purchase.payout_date)

    def test_the_administrator_buys_it_flagged(self):
        purchase = self._create_customer_purchase(items=[{"serial": "STOLEN-77"}])
        bill = self._pay_out(purchase, user=self.owner)
        self.assertEqual(bill.state, "posted")
        self.assertEqual(purchase.customer_purchase_state, "paid")
        attempt = self._attempts(purchase)
        self.assertRecordValues(
            attempt,
            [{"outcome": "bought", "decided_by_id": self.owner.id, "user_id": self.clerk.id}],
        )
        self.assertIn("Bought by Olga Owner despite the blocked list", self._notes(purchase))
        self.assertIn("Bought by Olga Owner despite the blocked list", self._notes(self.seller))
        self.assertFalse(purchase.tradein_blocked_warning)
        # The dealer register shows the purchase, flagged.
        rows = [row for row in self._register()._register_rows() if row["number"] == purchase.name]
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["serial"], "STOLEN-77")
        self.assertEqual(rows[0]["status"], "Bought by Olga Owner despite the blocked list")
        self.assertIn("Police report 2026/4471", rows[0]["blocked"])

    def test_the_dealer_register_lists_refused_offers(self):
        purchase = self._create_customer_purchase(items=[{"serial": "STOLEN-77"}])
        register = self._register()
        rows = [row for row in register._register_rows() if row["number"] == purchase.name]
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["status"], "Refused: on the blocked list")
        self.assertEqual(rows[0]["seller"], "Sam Seller")
        self.assertIn("P1234567", rows[0]["identification"])
        self.assertEqual(rows[0]["serial"], "STOLEN-77")
        html = (
            self.env["ir.actions.report"]
            .with_user(self.owner)
            ._render_qweb_html("tradein_serial.report_dealer_register", register.ids)[0]
            .decode()
        )
        self.assertIn("Refused: on the blocked list", html)
        self.assertIn("Police report 2026/4471", html)
        workbook = register._register_xlsx()
        self.assertTrue(workbook.startswith(b"PK"))
        # The XLSX holds the same rows (its strings are in sharedStrings).
        with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode()
        self.assertIn("Refused: on the blocked list", strings)
        self.assertIn("Blocked List", strings)

    def test_a_second_imei_is_matched_too(self):
        lot = self.env["stock.lot"].create(
            {"name": "DUAL-1", "product_id": self.phone.id, "tradein_imei2": "DUAL-2"}
        )
        self.env["tradein.blocked.serial"].create({"name": "dual 2", "source": "Insurer"})
        purchase = self._create_customer_purchase(items=[{"lot": lot}])
        self.assertEqual(self._attempts(purchase).serial, "DUAL-1")
        with self.assertRefused(UserError, "cannot be paid out"):
            self._pay_out(purchase)

    # ------------------------------------------------------------------
    # Blocked sellers
    # ------------------------------------------------------------------

    def test_a_blocked_seller_comes_back_as_another_contact(self):
        self.env["tradein.blocked.seller"].create(
            {"name": "John Doe", "id_number": "P9876543", "source": "Police report 2026/4471"}
        )
        newcomer = self.env["res.partner"].create(
            {
                "name": "J. Doe",
                "tradein_id_type": "passport",
                "tradein_id_number": "p-987 6543",
                "tradein_birthdate": "1985-01-01",
            }
        )
        purchase = self._create_customer_purchase(partner=newcomer, items=[{"serial": "OK-1"}])
        self.assertIn("is on the blocked sellers list", purchase.tradein_blocked_warning)
        self.assertEqual(self._attempts(purchase).partner_id, newcomer)
        self.assertIn("blocked sellers list", self._notes(newcomer))
        with self.assertRefused(UserError, "cannot be paid out"):
            self._pay_out(purchase)
        self.assertFalse(purchase.payout_date)

    def test_a_trade_in_from_a_blocked_seller_or_of_a_blocked_serial(self):
        self.env["tradein.blocked.seller"].create(
            {"partner_id": self.seller.id, "reason": "fraud", "source": "Shop manager"}
        )
        for partner, serial, expected in (
            (self.seller, "FINE-1", "blocked sellers list"),
            (self.buyer, "Stolen-77", "is on the blocked list"),
        ):
            order = self._quotation(serial, partner=partner)
            self.assertIn(expected, order.tradein_blocked_warning)
            self.assertEqual(len(self._attempts(order)), 1)
            with self.assertRefused(UserError, r"cannot be taken in\. .*Administrator decides"):
                order.with_user(self.clerk).action_confirm()
            self.assertEqual(order.state, "draft")
            self.assertFalse(order.tradein_purchase_ids)
        # The Administrator takes the last one in: flagged, and no second log
        # for the customer purchase behind it.
        self.buyer.write(
            {
                "tradein_id_type": "passport",
                "tradein_id_number": "B1",
                "tradein_birthdate": "1980-02-02",
            }
        )
        order.with_user(self.owner).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.tradein_purchase_ids.order_line.tradein_serial_name, "Stolen-77")
        self.assertEqual(self._attempts(order).outcome, "bought")
        self.assertFalse(self._attempts(order.tradein_purchase_ids))
        self.assertIn("despite the blocked list", self._notes(order))

    def test_another_company_s_list_does_not_apply(self):
        other = self.env["res.company"].create({"name": "Other Shop"})
        self.stolen.company_id = other
        purchase = self._create_customer_purchase(items=[{"serial": "STOLEN-77"}])
        self.assertFalse(purchase.tradein_blocked_warning)
        self.assertFalse(self._attempts(purchase))
        # A list entry of no company applies everywhere.
        self.stolen.company_id = False
        purchase = self._create_customer_purchase(items=[{"serial": "STOLEN-77"}])
        self.assertTrue(self._attempts(purchase))

    # ------------------------------------------------------------------
    # The lists: entered, imported, protected
    # ------------------------------------------------------------------

    def test_entries_are_cleaned_and_unique(self):
        Serial = self.env(user=self.owner)["tradein.blocked.serial"]
        form = Form(Serial)
        form.name = " \uff33\uff34\uff2f\uff2c\uff25\uff2e-88\u200b"  # full-width
        entry = form.save()
        self.assertEqual(entry.name, "STOLEN-88")
        self.assertEqual(entry.reason, "stolen")
        self.assertEqual(entry.date, self._today())
        self.assertEqual(entry.company_id, self.company)
        with self.assertRefused(UserError, "already on the blocked list"):
            Serial.create({"name": "stolen 88"})
        with self.assertRefused(UserError, "needs a contact or an ID number"):
            self.env(user=self.owner)["tradein.blocked.seller"].create({"name": "Nobody"})
        imei_category = self.env["product.category"].create(
            {"name": "IMEI phones", "tradein_serial_is_imei": True}
        )
        imei_phone = self._create_serial_product("IMEI Phone", categ_id=imei_category.id)
        with self.assertRefused(UserError, "check digit"):
            Serial.create({"name": "356938035643808", "product_id": imei_phone.id})

    def test_the_lists_import_from_csv(self):
        self.env["product.product"].create({"name": "Cargo Bike", "is_storable": True})
        for model, path, count in (
            ("tradein.blocked.serial", "tradein_serial/static/csv/blocked_serials.csv", 2),
            ("tradein.blocked.seller", "tradein_serial/static/csv/blocked_sellers.csv", 1),
        ):
            Model = self.env(user=self.owner)[model]
            self.assertEqual(Model.get_import_templates()[0]["template"], f"/{path}")
            with open(file_path(path), encoding="utf-8") as template:
                header, *rows = list(csv.reader(template))
            result = Model.load(header, rows)
            self.assertFalse(result["messages"], result["messages"])
            self.assertEqual(len(result["ids"]), count)
            # Imported twice: refused, with the reason.
            result = Model.with_context(import_file=True).load(header, rows)
            if model == "tradein.blocked.serial":
                self.assertIn("already on the blocked list", result["messages"][0]["message"])
        imported = self.env["tradein.blocked.serial"].search([("name", "=", "WTU-2291-B")])
        self.assertRecordValues(
            imported,
            [
                {
                    "reason": "stolen",
                    "source": "Insurer claim 88-1203",
                    "date": fields.Date.to_date("2026-11-28"),
                }
            ],
        )
        self.assertEqual(imported.product_id.name, "Cargo Bike")
        seller = self.env["tradein.blocked.seller"].search(
            [("name", "=", "John Doe"), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(seller.id_number, "P9876543")
        # An imported IMEI blocks the phone whoever offers it.
        purchase = self._create_customer_purchase(items=[{"serial": "356938035643809"}])
        self.assertTrue(self._attempts(purchase))

    def test_users_cannot_forge_or_clear_the_lists(self):
        purchase = self._create_customer_purchase(items=[{"serial": "STOLEN-77"}])
        attempt = self._attempts(purchase)
        salesman = self._create_user(
            "blocked_salesman", "base.group_user", "sales_team.group_sale_salesman"
        )
        for user in (self.clerk, salesman):
            env = self.env(user=user)
            for model in ("tradein.blocked.serial", "tradein.blocked.seller"):
                with self.assertRaises(AccessError):
                    env[model].create({"name": "X-1", "partner_id": self.seller.id})
                with self.assertRaises(AccessError):
                    env[model].search([])
            with self.assertRaises(AccessError):
                self.stolen.with_user(user).write({"active": False})
            with self.assertRaises(AccessError):
                self.stolen.with_user(user).unlink()
        # The log: nobody writes it by hand, not even the Administrator.
        for user in (self.clerk, self.owner):
            with self.assertRaises(AccessError):
                attempt.with_user(user).write({"outcome": "bought"})
            with self.assertRaises(AccessError):
                attempt.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env(user=user)["tradein.blocked.attempt"].create(
                    {"company_id": self.company.id, "serial": "FAKE", "outcome": "bought"}
                )
        self.assertTrue(self.stolen.active)
        self.assertRecordValues(attempt, [{"outcome": "refused", "serial": "STOLEN-77"}])
        self.assertEqual(self.env["tradein.blocked.attempt"].search_count([]), 1)
        # The Administrator reads the log; the clerk does not.
        self.assertEqual(self.env(user=self.owner)["tradein.blocked.attempt"].search([]), attempt)
        with self.assertRaises(AccessError):
            self.env(user=self.clerk)["tradein.blocked.attempt"].search([])
        # Archiving the entry later does not undo the refusal of this offer.
        self.stolen.with_user(self.owner).active = False
        with self.assertRefused(UserError, "cannot be paid out"):
            self._pay_out(purchase)
