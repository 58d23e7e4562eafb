"""Blocked serials, IMEIs and sellers, and the log of what was offered.

One home for the rule: what is offered (serials of the lines, the seller) is
matched here, the attempt is logged here, the flows only ask.
"""

import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

MANAGER_GROUP = "tradein_serial.group_tradein_manager"

SERIAL_REASONS = [
    ("stolen", "Reported stolen"),
    ("lost", "Reported lost"),
    ("fraud", "Fraud or unpaid"),
    ("other", "Other"),
]
SELLER_REASONS = [
    ("stolen_goods", "Offered stolen goods"),
    ("fraud", "Fraud"),
    ("banned", "Banned by the shop"),
    ("other", "Other"),
]


def _match_key(text):
    """How a blocked number is compared: spaces and dashes dropped, case folded."""
    return re.sub(r"[\s\-]", "", text or "").casefold()


class TradeinBlockedMixin(models.AbstractModel):
    _name = "tradein.blocked.mixin"
    _description = "Entry of a Blocked List"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    source = fields.Char(
        tracking=True,
        help="Who reported it: a police report number, an insurer, a device register...",
    )
    date = fields.Date(
        string="Reported On", required=True, default=fields.Date.context_today, tracking=True
    )
    note = fields.Text(string="Details")
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        tracking=True,
        help="Leave empty to block it in every company.",
    )
    active = fields.Boolean(default=True, tracking=True)
    attempt_count = fields.Integer(string="Offers", compute="_compute_attempt_count")

    def _compute_attempt_count(self):
        counts = dict(
            self.env["tradein.blocked.attempt"]._read_group(
                [(self._tradein_attempt_field(), "in", self.ids)],
                [self._tradein_attempt_field()],
                ["__count"],
            )
        )
        for entry in self:
            entry.attempt_count = counts.get(entry, 0)

    @api.model
    def _tradein_attempt_field(self):
        raise NotImplementedError

    @api.model
    def _tradein_company_domain(self, company):
        return [("company_id", "in", [False, company.id])]

    def _tradein_reason_text(self):
        """What the shop is told: the reason, who reported it and when."""
        self.ensure_one()
        reason = dict(self._fields["reason"]._description_selection(self.env))[self.reason]
        return ", ".join(
            filter(None, [reason, self.source, self.date and fields.Date.to_string(self.date)])
        )

    def action_view_attempts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tradein_serial.tradein_blocked_attempt_action"
        )
        action["domain"] = [(self._tradein_attempt_field(), "=", self.id)]
        action["context"] = {}
        return action


class TradeinBlockedSerial(models.Model):
    _name = "tradein.blocked.serial"
    _inherit = ["tradein.blocked.mixin"]
    _description = "Blocked Serial or IMEI"

    name = fields.Char(string="Serial / IMEI", required=True, tracking=True)
    match_key = fields.Char(compute="_compute_match_key", store=True, index=True)
    product_id = fields.Many2one(
        "product.product",
        check_company=True,
        tracking=True,
        help="Leave empty to block the number whatever product it is offered as.",
    )
    reason = fields.Selection(SERIAL_REASONS, required=True, default="stolen", tracking=True)

    @api.depends("name")
    def _compute_match_key(self):
        for entry in self:
            entry.match_key = _match_key(entry.name)

    @api.model
    def _tradein_attempt_field(self):
        return "blocked_serial_id"

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Blocked Serials"),
                "template": "/tradein_serial/static/csv/blocked_serials.csv",
            }
        ]

    @api.model_create_multi
    def create(self, vals_list):
        Lot = self.env["stock.lot"]
        Product = self.env["product.product"]
        return super().create(
            [
                Lot._tradein_clean_serial_vals(vals, "name", Product.browse(vals.get("product_id")))
                for vals in vals_list
            ]
        )

    def write(self, vals):
        if "name" in vals:
            product = self.env["product.product"].browse(vals.get("product_id")) or self.product_id
            vals = self.env["stock.lot"]._tradein_clean_serial_vals(vals, "name", product[:1])
        return super().write(vals)

    @api.constrains("name", "product_id", "company_id", "active")
    def _check_unique(self):
        for entry in self.filtered("active"):
            if not entry.match_key:
                raise ValidationError(self.env._("Enter the blocked serial number or IMEI."))
            duplicate = self.search_count(
                [
                    ("id", "!=", entry.id),
                    ("match_key", "=", entry.match_key),
                    ("product_id", "=", entry.product_id.id),
                    ("company_id", "=", entry.company_id.id),
                ],
                limit=1,
            )
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s is already on the blocked list.", serial=entry.name
                    )
                )

    @api.model
    def _tradein_match(self, serials, products, company):
        """The active entries blocking one of `serials` for `products` in `company`."""
        keys = list({_match_key(serial) for serial in serials if serial})
        if not keys:
            return self.browse()
        # sudo: the list belongs to the Administrators; every clerk's entry
        # is checked against it and only the matching entry is shown.
        return self.sudo().search(
            [
                ("match_key", "in", keys),
                ("product_id", "in", [False, *products.ids]),
                *self._tradein_company_domain(company),
            ]
        )


class TradeinBlockedSeller(models.Model):
    _name = "tradein.blocked.seller"
    _inherit = ["tradein.blocked.mixin"]
    _description = "Blocked Seller"

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        check_company=True,
        tracking=True,
        help="The seller's contact; leave empty when only the ID number is known.",
    )
    id_number = fields.Char(
        string="ID Number",
        groups="tradein_serial.group_tradein_seller_identity",
        tracking=True,
        help="The number of the seller's identity document: a contact with this ID number "
        "is blocked too.",
    )
    id_match_key = fields.Char(
        compute="_compute_id_match_key",
        store=True,
        index=True,
        groups="tradein_serial.group_tradein_seller_identity",
    )
    reason = fields.Selection(SELLER_REASONS, required=True, default="stolen_goods", tracking=True)

    @api.depends("partner_id")
    def _compute_name(self):
        for entry in self.filtered("partner_id"):
            entry.name = entry.partner_id.name

    @api.depends("id_number")
    def _compute_id_match_key(self):
        for entry in self:
            entry.id_match_key = _match_key(entry.id_number)

    @api.model
    def _tradein_attempt_field(self):
        return "blocked_seller_id"

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Blocked Sellers"),
                "template": "/tradein_serial/static/csv/blocked_sellers.csv",
            }
        ]

    @api.constrains("name", "partner_id", "id_number", "company_id", "active")
    def _check_who(self):
        # sudo: the ID number is only compared, never shown.
        for entry in self.sudo().filtered("active"):
            if not entry.partner_id and not entry.id_match_key:
                raise ValidationError(
                    self.env._(
                        "Blocked seller %(name)s needs a contact or an ID number.",
                        name=entry.name,
                    )
                )
            matches = self._tradein_match(entry.partner_id, entry.company_id, entry.id_number)
            if (matches - entry).filtered_domain([("company_id", "=", entry.company_id.id)]):
                raise ValidationError(
                    self.env._("%(name)s is already on the blocked sellers list.", name=entry.name)
                )

    @api.model
    def _tradein_match(self, partner, company, id_number=None):
        """The active entries blocking `partner` (or who holds `id_number`)."""
        domains = []
        if partner.commercial_partner_id:
            partners = partner | partner.commercial_partner_id
            domains.append([("partner_id", "in", partners.ids)])
        if _match_key(id_number):
            domains.append([("id_match_key", "=", _match_key(id_number))])
        if not domains:
            return self.browse()
        # sudo: see the blocked serials; the ID numbers stay with the list.
        return self.sudo().search(
            Domain.AND([Domain.OR(domains), self._tradein_company_domain(company)])
        )


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
        for products, serials in lines_serials:
            for block in Serial._tradein_match(serials, products, order.company_id):
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
