import datetime

from odoo import api, fields, models


class TradeinDealerRegisterWizard(models.TransientModel):
    _name = "tradein.dealer.register.wizard"
    _inherit = "tradein.register.mixin"
    _description = "Dealer Register of Customer Purchases"
    _xlsx_sheet = "Dealer Register"

    def _register_orders(self):
        self.ensure_one()
        return self.env["purchase.order"].search(
            [
                ("is_customer_purchase", "=", True),
                ("company_id", "=", self.company_id.id),
                ("payout_date", ">=", self.date_from),
                ("payout_date", "<=", self.date_to),
            ],
            order="payout_date, name, id",
        )

    def _register_attempts(self):
        """The offers of blocked items or by blocked sellers in the period."""
        self.ensure_one()
        return self.env["tradein.blocked.attempt"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("date", ">=", fields.Datetime.to_datetime(self.date_from)),
                (
                    "date",
                    "<",
                    fields.Datetime.to_datetime(self.date_to) + datetime.timedelta(days=1),
                ),
            ],
            order="date, id",
        )

    def _register_rows(self):
        """One row per item bought, cancelled purchases included; and one per
        offer of a blocked item or by a blocked seller that was refused."""
        self.ensure_one()
        rows = []
        orders = self._register_orders()
        attempts = self._register_attempts()
        bought_blocked = {}
        for attempt in attempts.filtered(lambda attempt: attempt.outcome == "bought"):
            bought_blocked.setdefault(attempt.purchase_id, {})[attempt.serial or ""] = attempt
        id_types = dict(
            self.env["purchase.order"]._fields["seller_id_type"]._description_selection(self.env)
        )
        conditions = dict(
            self.env["purchase.order.line"]
            ._fields["tradein_condition"]
            ._description_selection(self.env)
        )
        methods = dict(
            self.env["purchase.order"]._fields["payout_method"]._description_selection(self.env)
        )
        self._register_prefetch(orders)
        addresses = {partner: partner._tradein_address_line() for partner in orders.partner_id}
        statuses = {
            "cancel": self.env._("Cancelled"),
            "valid": self.env._("Valid"),
        }
        for order in orders:
            # Not filtered(): its recordset would prefetch this order's lines
            # only, a query per order for their serials.
            blocked = bought_blocked.get(order, {})
            seller = {
                "date": order.payout_date,
                "number": order.name,
                # complete_name: display_name without its compute per seller.
                "seller": order.partner_id.complete_name,
                "seller_address": addresses[order.partner_id],
                "identification": self._register_identification(order, id_types),
                "birthdate": order.seller_birthdate,
                "currency": order.currency_id,
                "payment_method": methods.get(order.payout_method, ""),
                "cancelled": order.state == "cancel",
            }
            for line in order.order_line:
                if not line.display_type:
                    serial = line._tradein_serial()
                    attempt = blocked.get(serial) or blocked.get("")
                    item = self._register_item(line, attempt, conditions, serial, statuses)
                    rows.append({**seller, **item})
        for attempt in attempts.filtered(lambda attempt: attempt.outcome == "refused"):
            rows.append(self._register_attempt_row(attempt, addresses, id_types))
        rows.sort(key=lambda row: row["date"])
        return rows

    @api.model
    def _register_identification(self, order, id_types):
        return " ".join(
            filter(
                None,
                [
                    id_types.get(order.seller_id_type),
                    order.seller_id_number,
                    order.seller_id_country_id.code,
                ],
            )
        )

    def _register_prefetch(self, orders):
        """Read what the rows show of `orders`, their items and sellers in a
        few queries of only those columns (not every column of every line)."""
        order_fields = [
            name
            for name in (
                "payout_date",
                "name",
                "partner_id",
                "currency_id",
                "payout_method",
                "state",
                "seller_birthdate",
                "seller_id_type",
                "seller_id_number",
                "seller_id_country_id",
                "order_line",
            )
            # The seller's identification only for those allowed to see it.
            if orders._has_field_access(orders._fields[name], "read")
        ]
        orders.fetch(order_fields)
        lines = orders.order_line
        lines.fetch(
            [
                "order_id",
                "display_type",
                "name",
                "product_id",
                "tradein_lot_id",
                "tradein_serial_name",
                "tradein_is_manual",
                "tradein_manual_name",
                "tradein_condition",
                "tradein_grade",
                "price_total",
            ]
        )
        lines.tradein_lot_id.fetch(["name"])

    def _register_item(self, line, attempt, conditions, serial, statuses):
        """The item columns of the register row of `line` (its serial
        `serial`); `attempt`, the blocked-list offer it was bought despite, if
        any; `statuses`, the translated statuses by key."""
        if line.order_id.state == "cancel":
            status = statuses["cancel"]
        elif attempt:
            status = self.env._(
                "Bought by %(user)s despite the blocked list", user=attempt.decided_by_id.name
            )
        else:
            status = statuses["valid"]
        return {
            "item": line._tradein_item_label(),
            "serial": serial,
            "condition": conditions.get(line.tradein_condition, ""),
            "grade": (line.tradein_grade or "").upper(),
            "price": line.price_total,
            "status": status,
            "blocked": attempt.reason if attempt else "",
        }

    def _register_attempt_row(self, attempt, addresses, id_types):
        """The row of an offer refused because of the blocked list."""
        order = attempt.purchase_id
        partner = attempt.partner_id
        if partner not in addresses:
            addresses[partner] = partner._tradein_address_line()
        identification = " ".join(
            filter(
                None,
                [
                    id_types.get(order.seller_id_type),
                    order.seller_id_number or partner.tradein_id_number,
                    order.seller_id_country_id.code,
                ],
            )
        )
        status = self.env._("Refused: on the blocked list")
        return {
            "date": fields.Date.context_today(self, attempt.date),
            "number": attempt.document,
            "seller": partner.display_name,
            "seller_address": addresses[partner],
            "identification": identification,
            "birthdate": order.seller_birthdate or partner.tradein_birthdate,
            "item": attempt.product_id.display_name or "",
            "serial": attempt.serial or "",
            "condition": "",
            "grade": "",
            "price": 0.0,
            "currency": self.company_id.currency_id,
            "payment_method": "",
            "cancelled": True,
            "status": status,
            "blocked": attempt.reason,
        }

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("tradein_serial.action_report_dealer_register").report_action(self)

    def _xlsx_columns(self):
        return [
            ("date", self.env._("Date")),
            ("number", self.env._("Number")),
            ("seller", self.env._("Seller")),
            ("seller_address", self.env._("Address")),
            ("identification", self.env._("Identification")),
            ("birthdate", self.env._("Date of Birth")),
            ("item", self.env._("Item")),
            ("serial", self.env._("Serial")),
            ("condition", self.env._("Condition")),
            ("grade", self.env._("Grade")),
            ("price", self.env._("Price")),
            ("currency", self.env._("Currency")),
            ("payment_method", self.env._("Payment Method")),
            ("status", self.env._("Status")),
            ("blocked", self.env._("Blocked List")),
        ]
