from markupsafe import Markup

from odoo import api, fields, models

from .tradein_blocked import MANAGER_GROUP


class TradeinBlockedAttempt(models.Model):
    """An offer of a blocked item, or by a blocked seller: the log the police
    and the Administrator read. Written by the flows only, never edited."""

    _name = "tradein.blocked.attempt"
    _description = "Offer of a Blocked Item"
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Entered By", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Seller", readonly=True)
    document = fields.Char(readonly=True)
    purchase_id = fields.Many2one(
        "purchase.order", string="Customer Purchase", readonly=True, ondelete="set null"
    )
    sale_id = fields.Many2one("sale.order", readonly=True, ondelete="set null")
    product_id = fields.Many2one("product.product", readonly=True)
    serial = fields.Char(readonly=True)
    blocked_serial_id = fields.Many2one(
        "tradein.blocked.serial", readonly=True, ondelete="set null"
    )
    blocked_seller_id = fields.Many2one(
        "tradein.blocked.seller", readonly=True, ondelete="set null"
    )
    reason = fields.Char(readonly=True, help="The blocked list's reason, as it was at the offer.")
    outcome = fields.Selection(
        [("refused", "Refused"), ("bought", "Bought by an Administrator")],
        required=True,
        default="refused",
        readonly=True,
    )
    decided_by_id = fields.Many2one("res.users", string="Bought By", readonly=True)

    def _compute_display_name(self):
        for attempt in self:
            attempt.display_name = " - ".join(
                filter(None, [attempt.document, attempt.serial or attempt.partner_id.name])
            )

    @api.model
    def _tradein_offers(self, order, lines_serials, partner, id_number):
        """What `order` offers that is blocked.

        :param lines_serials: ``[(products, serials)]``, the numbers of each
            item and the products it may be filed under
        :return: list of dicts ``{"block", "product", "serial"}``
        """
        Serial = self.env["tradein.blocked.serial"]
        offers = []
        # One look-up for every item, shared out below.
        entries = Serial._tradein_match(
            [serial for _products, serials in lines_serials for serial in serials],
            self.env["product.product"].union(*(products for products, _s in lines_serials)),
            order.company_id,
        )
        for products, serials in lines_serials:
            for block in entries._tradein_blocking(serials, products):
                offers.append({"block": block, "product": products[:1], "serial": serials[0]})
        for block in self.env["tradein.blocked.seller"]._tradein_match(
            partner, order.company_id, id_number
        ):
            offers.append({"block": block, "product": self.env["product.product"], "serial": ""})
        return offers

    @api.model
    def _tradein_order_field(self, order):
        return "purchase_id" if order._name == "purchase.order" else "sale_id"

    @api.model
    def _tradein_log(self, order, offers):
        """Log the offers of `order` not logged yet, on the seller and the order."""
        order.ensure_one()
        field = self._tradein_order_field(order)
        # sudo: the log is written by the flow, whoever typed the offer, and
        # nobody may write it by hand (see the access rights).
        Attempt = self.sudo()
        known = {
            (attempt.blocked_serial_id or attempt.blocked_seller_id, attempt.serial or "")
            for attempt in Attempt.search([(field, "=", order.id)])
        }
        partner = order.partner_id.commercial_partner_id
        logged = Attempt
        for offer in offers:
            block = offer["block"]
            serial_block = block if block._name == "tradein.blocked.serial" else block.browse()
            seller_block = block if block._name == "tradein.blocked.seller" else block.browse()
            key = (block, offer["serial"] or "")
            if key in known:
                continue
            known.add(key)
            logged |= Attempt.create(
                {
                    "company_id": order.company_id.id,
                    "user_id": self.env.user.id,
                    "partner_id": partner.id,
                    "document": order.name,
                    field: order.id,
                    "product_id": offer["product"].id,
                    "serial": offer["serial"],
                    "blocked_serial_id": serial_block.id,
                    "blocked_seller_id": seller_block.id,
                    "reason": block._tradein_reason_text(),
                }
            )
        if logged:
            body = Markup("<br/>").join(attempt._tradein_message() for attempt in logged)
            # sudo: a clerk logs on the seller whatever their contact rights;
            # an internal note, never sent to the seller.
            for record in (order, partner):
                record.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        return logged

    @api.model
    def _tradein_offer_text(self, block, serial, product, seller):
        """What the shop is told about one blocked offer."""
        if block._name == "tradein.blocked.serial":
            return self.env._(
                "Serial %(serial)s (%(product)s) is on the blocked list: %(reason)s.",
                serial=serial,
                product=product.display_name or block.product_id.display_name or "-",
                reason=block._tradein_reason_text(),
            )
        return self.env._(
            "%(seller)s is on the blocked sellers list: %(reason)s.",
            seller=seller.display_name,
            reason=block._tradein_reason_text(),
        )

    @api.model
    def _tradein_log_orders(self, orders):
        """Log what `orders` offer that is blocked, as soon as it is saved.

        The orders say what they offer (``_tradein_blocked_offers()``) and
        whether they are checked (``_tradein_checks_blocked()``)."""
        for order in orders.filtered(lambda order: order.id and order._tradein_checks_blocked()):
            offers = order._tradein_blocked_offers()
            if offers:
                self._tradein_log(order, offers)

    @api.model
    def _tradein_warning(self, order):
        """The banner of `order`: what it offers that is blocked, and what was
        found offered on it earlier and not bought."""
        if not order._tradein_checks_blocked():
            return False
        offers = order._tradein_blocked_offers()
        texts = [
            self._tradein_offer_text(
                offer["block"], offer["serial"], offer["product"], order.partner_id
            )
            for offer in offers
        ]
        live = {(offer["block"], offer["serial"] or "") for offer in offers}
        if order.id:
            for attempt in self._tradein_refused(order):
                block = attempt.blocked_serial_id or attempt.blocked_seller_id
                if (block, attempt.serial or "") not in live:
                    texts.append(attempt._tradein_message())
        return " ".join(texts) or False

    def _tradein_message(self):
        self.ensure_one()
        if self.blocked_serial_id:
            return self.env._(
                "Offered on %(document)s: serial %(serial)s (%(product)s), on the blocked list "
                "(%(reason)s).",
                document=self.document,
                serial=self.serial,
                product=self.product_id.display_name or "-",
                reason=self.reason,
            )
        return self.env._(
            "Offered on %(document)s by %(seller)s, on the blocked sellers list (%(reason)s).",
            document=self.document,
            seller=self.partner_id.display_name,
            reason=self.reason,
        )

    @api.model
    def _tradein_refusal(self, order, offers):
        """Why a user may not buy what `order` offers, or was found offering
        (logged first); ``""`` when nothing is blocked or for an Administrator."""
        self._tradein_log(order, offers)
        if self.env.user.has_group(MANAGER_GROUP):
            return ""
        return " ".join(attempt._tradein_message() for attempt in self._tradein_refused(order))

    @api.model
    def _tradein_refused(self, order):
        # sudo: see _tradein_log
        return self.sudo().search(
            [(self._tradein_order_field(order), "=", order.id), ("outcome", "=", "refused")]
        )

    @api.model
    def _tradein_accept(self, order):
        """An Administrator buys what `order` offers despite the blocked list:
        the offers are flagged as bought by them, on the order and the seller."""
        attempts = self._tradein_refused(order)
        if not attempts:
            return
        attempts.write({"outcome": "bought", "decided_by_id": self.env.user.id})
        body = self.env._(
            "Bought by %(user)s despite the blocked list. %(reasons)s",
            user=self.env.user.name,
            reasons=" ".join(attempt._tradein_message() for attempt in attempts),
        )
        # sudo: see _tradein_log
        for record in (order, order.partner_id.commercial_partner_id):
            record.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
