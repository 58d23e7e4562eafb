import re
import unicodedata

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import check_workflow_create
from ..tools import check_workflow_fields
from ..tools import lock_rows


def _like_escape(text):
    """`text` as a literal (I)LIKE pattern."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# The longest serial number a shop types or scans (IMEI 15, VIN 17, most
# manufacturers' serials under 30).
SERIAL_MAX_LENGTH = 64

CONDITIONS = [
    ("new", "New"),
    ("used", "Used"),
    ("refurbished", "Refurbished"),
]
GRADES = [
    ("a", "A - as new"),
    ("b", "B - light wear"),
    ("c", "C - heavy wear"),
]
ACQUISITIONS = [
    ("vendor_purchase", "Vendor purchase"),
    ("customer_purchase", "Customer purchase"),
    ("trade_in", "Trade-in"),
    ("import", "Import"),
    ("adjustment", "Inventory adjustment"),
]


class StockLot(models.Model):
    _inherit = "stock.lot"
    _rec_names_search = ["name", "ref", "tradein_imei2"]

    acquisition_type = fields.Selection(ACQUISITIONS, tracking=True)
    acquisition_partner_id = fields.Many2one(
        "res.partner", string="Acquired From", tracking=True, index="btree_not_null"
    )
    acquisition_date = fields.Date(tracking=True)
    tradein_hold_until = fields.Date(
        string="On Hold Until",
        compute="_compute_tradein_hold_until",
        store=True,
        help="Bought from the public or taken in trade: it cannot be delivered or sold "
        "before this day (Hold Days, Settings > Used Goods). Refurbishment may start.",
    )
    tradein_on_hold = fields.Boolean(
        string="On Hold", compute="_compute_tradein_on_hold", search="_search_tradein_on_hold"
    )
    acquisition_price = fields.Monetary(
        currency_field="company_currency_id",
        tracking=True,
        help="What we paid for this serial, in the company currency.",
    )
    acquisition_purchase_line_id = fields.Many2one(
        "purchase.order.line", string="Acquisition Line", index="btree_not_null", copy=False
    )
    tradein_condition = fields.Selection(
        CONDITIONS, string="Condition", default="new", required=True, tracking=True
    )
    tradein_grade = fields.Selection(GRADES, string="Grade", tracking=True)
    is_used = fields.Boolean(compute="_compute_is_used", store=True)
    tradein_retail_price = fields.Monetary(
        string="Retail Price",
        currency_field="company_currency_id",
        tracking=True,
        help="Price of this very serial when sold; empty means the product's sales price.",
    )
    # Named apart from stock's `owner_id` of quants and move lines, which is
    # the consignment owner of the stock, not the customer holding the serial.
    tradein_imei2 = fields.Char(
        string="Second IMEI",
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="The second IMEI of a dual-SIM phone; searched like the serial.",
    )
    tradein_owner_id = fields.Many2one(
        "res.partner",
        string="Owner",
        tracking=True,
        index="btree_not_null",
        copy=False,
        help="The customer this serial was delivered to; cleared when it comes back.",
    )
    warranty_end_date = fields.Date(tracking=True, copy=False)
    history_ids = fields.One2many("tradein.serial.event", "lot_id")
    history_count = fields.Integer(compute="_compute_history_count")
    last_customer_id = fields.Many2one(
        "res.partner",
        compute="_compute_last_customer_id",
        string="Last Sold To",
        help="The customer this serial was last delivered to.",
    )

    @api.depends("acquisition_date", "acquisition_type", "company_id.tradein_hold_days")
    def _compute_tradein_hold_until(self):
        for lot in self:
            days = lot._tradein_company().tradein_hold_days
            held = lot.acquisition_type in ("customer_purchase", "trade_in")
            lot.tradein_hold_until = (
                lot.acquisition_date + relativedelta(days=days)
                if held and days and lot.acquisition_date
                else False
            )

    def _compute_tradein_on_hold(self):
        today = fields.Date.context_today(self)
        for lot in self:
            lot.tradein_on_hold = bool(lot.tradein_hold_until and lot.tradein_hold_until > today)

    def _search_tradein_on_hold(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        on_hold = [("tradein_hold_until", ">", fields.Date.context_today(self))]
        return on_hold if (operator == "=") == value else ["!", *on_hold]

    def _tradein_check_not_on_hold(self, what):
        """Refuse to deliver or sell serials still on hold."""
        held = self.filtered("tradein_on_hold")
        if held:
            raise UserError(
                self.env._(
                    "Serial %(serial)s is on hold until %(date)s (Hold Days, Settings > Used "
                    "Goods): it cannot be %(what)s before.",
                    serial=held[0].name,
                    date=held[0].tradein_hold_until,
                    what=what,
                )
            )

    @api.model
    def _tradein_workflow_fields(self):
        """Fields of the serial that only the workflow writes (its acquisition).

        Hook: the VAT add-on adds the serial's VAT scheme and margin price.
        """
        return (
            "acquisition_type",
            "acquisition_partner_id",
            "acquisition_date",
            "acquisition_price",
            "acquisition_purchase_line_id",
        )

    def _tradein_acquire(self, purchase_line):
        """Record that this serial was acquired through `purchase_line` (a
        customer purchase, a trade-in or a vendor purchase), in the workflow.

        Hook: the VAT add-on gives a margin-scheme acquisition its stock number.
        """
        self.ensure_one()
        self.write(purchase_line._tradein_lot_values())

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, self._tradein_workflow_fields())
        Product = self.env["product.product"]
        vals_list = [
            self._tradein_clean_serial_vals(
                self._tradein_clean_serial_vals(
                    vals, "name", Product.browse(vals.get("product_id"))
                ),
                "tradein_imei2",
                Product.browse(vals.get("product_id")),
            )
            for vals in vals_list
        ]
        lots = super().create(vals_list)
        lots._tradein_check_lookalike()
        return lots

    def write(self, vals):
        check_workflow_fields(self, vals, self._tradein_workflow_fields())
        if "name" in vals:
            self._tradein_check_unmoved(self.env._("renamed"))
        if {"name", "tradein_imei2"} & vals.keys():
            product = self.env["product.product"].browse(vals.get("product_id")) or self.product_id
            vals = self._tradein_clean_serial_vals(vals, "name", product[:1])
            vals = self._tradein_clean_serial_vals(vals, "tradein_imei2", product[:1])
        res = super().write(vals)
        if {"name", "product_id", "company_id"} & vals.keys():
            self._tradein_check_lookalike()
        return res

    def _tradein_check_lookalike(self):
        """One serial, one spelling: refuse a serial that another serial of the
        same product and company already is, but for upper and lower case."""
        for lot in self:
            other = self._tradein_lookalike(lot.product_id, lot.name, lot.company_id, exclude=lot)
            if other:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s of %(product)s already exists as %(existing)s: "
                        "use that one.",
                        serial=lot.name,
                        product=lot.product_id.display_name,
                        existing=other.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_moved_serial(self):
        self._tradein_check_unmoved(self.env._("deleted"))

    def _tradein_check_unmoved(self, what):
        """With the serial stock policy, only a serial never moved may change."""
        lots = self.filtered(lambda lot: lot._tradein_company().tradein_serial_policy)
        if not lots:
            return
        moved = self.env["stock.move.line"]._read_group(
            [("lot_id", "in", lots.ids), ("state", "=", "done")], ["lot_id"]
        )
        if moved:
            raise UserError(
                self.env._(
                    "Serial %(serials)s has stock moves: it can no longer be %(what)s.",
                    serials=", ".join(lot.name for (lot,) in moved),
                    what=what,
                )
            )

    # Odoo checks this rule in Python only, which two transactions at once can
    # pass together: the database keeps one serial per product and company.
    _tradein_serial_uniq = models.UniqueIndex(
        "(product_id, COALESCE(company_id, 0), name)",
        "A serial number exists once per product and company.",
    )

    @api.depends("tradein_condition")
    def _compute_is_used(self):
        for lot in self:
            lot.is_used = lot.tradein_condition != "new"

    def _compute_history_count(self):
        counts = dict(
            self.env["tradein.serial.event"]._read_group(
                [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
            )
        )
        for lot in self:
            lot.history_count = counts.get(lot, 0)

    def _compute_last_customer_id(self):
        move_lines = self.env["stock.move.line"].search(
            [
                ("lot_id", "in", self.ids),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            order="date desc, id desc",
        )
        last = {}
        for move_line in move_lines:
            last.setdefault(move_line.lot_id.id, move_line)
        for lot in self:
            move_line = last.get(lot.id)
            lot.last_customer_id = move_line and (
                move_line.picking_id.partner_id or move_line.move_id.partner_id
            )

    @api.depends_context("tradein_lot_picker")
    def _compute_display_name(self):
        """In the serial pickers of the order lines (context key
        ``tradein_lot_picker``): what the assistant picks by, the product,
        where the serial is, its condition and grade."""
        super()._compute_display_name()
        if not self.env.context.get("tradein_lot_picker"):
            return
        conditions = dict(self._fields["tradein_condition"]._description_selection(self.env))
        for lot in self:
            usage = lot.location_id.usage
            if usage == "internal":
                where = self.env._("in stock")
            elif usage == "customer":
                where = self.env._("at a customer")
            else:
                where = self.env._("not in stock")
            details = [lot.product_id.display_name, where]
            if lot.tradein_condition:
                details.append(conditions[lot.tradein_condition])
            if lot.tradein_grade:
                details.append(self.env._("grade %(grade)s", grade=lot.tradein_grade.upper()))
            lot.display_name = f"{lot.name} ({', '.join(details)})"

    def _tradein_in_stock(self):
        """Return the serials of `self` that sit in an internal location."""
        quants = self.env["stock.quant"]._read_group(
            [
                ("lot_id", "in", self.ids),
                ("location_id.usage", "=", "internal"),
                ("quantity", ">", 0),
            ],
            ["lot_id"],
        )
        return self.browse([lot.id for (lot,) in quants])

    def _tradein_customer_location(self):
        """The customer location this serial was delivered to and is still
        counted at (Odoo keeps a +1 quant there), or an empty recordset."""
        self.ensure_one()
        quant = self.env["stock.quant"].search(
            [
                ("lot_id", "=", self.id),
                ("location_id.usage", "=", "customer"),
                ("quantity", ">", 0),
            ],
            limit=1,
        )
        return quant.location_id

    @api.model
    def _tradein_clean_serial(self, serial):
        """The one home of how a serial is spelt, at every entry (customer
        purchase, trade-in, receipt, import, a serial created by hand).

        Unicode NFKC (full-width digits, ligatures and odd spaces become their
        plain form), format characters such as zero-width spaces and
        right-to-left marks dropped, control and line or paragraph separator
        characters refused, surrounding spaces trimmed, at most
        SERIAL_MAX_LENGTH characters.
        """
        if not serial:
            return serial
        text = unicodedata.normalize("NFKC", serial)
        text = "".join(char for char in text if unicodedata.category(char) != "Cf")
        if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in text):
            raise UserError(
                self.env._(
                    "The serial number %(serial)r contains control or line-break characters: "
                    "type it again.",
                    serial=serial[:SERIAL_MAX_LENGTH],
                )
            )
        text = text.strip()
        if len(text) > SERIAL_MAX_LENGTH:
            raise UserError(
                self.env._(
                    "A serial number has at most %(max)s characters; %(serial)s... has %(length)s.",
                    max=SERIAL_MAX_LENGTH,
                    serial=text[:20],
                    length=len(text),
                )
            )
        return text

    @api.model
    def _tradein_clean_serial_vals(self, vals, field="tradein_serial_name", product=None):
        """`vals` with its typed serial number cleaned (see above), as an
        IMEI when `product`'s category says its serials are IMEIs."""
        if vals.get(field) and isinstance(vals[field], str):
            serial = self._tradein_clean_serial(vals[field])
            if product and product.categ_id.tradein_serial_is_imei:
                serial = self._tradein_clean_imei(serial)
            vals = {**vals, field: serial}
        return vals

    @api.model
    def _tradein_clean_imei(self, serial):
        """An IMEI: 15 digits (spaces and dashes removed) whose last one is
        the Luhn check digit of the others."""
        digits = re.sub(r"[\s-]", "", serial)
        if not (len(digits) == 15 and digits.isascii() and digits.isdigit()):
            raise UserError(
                self.env._("%(serial)s is not an IMEI: an IMEI has 15 digits.", serial=serial)
            )
        total = 0
        for index, char in enumerate(reversed(digits)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10:
            raise UserError(
                self.env._(
                    "The check digit of IMEI %(imei)s is wrong: check the number.", imei=digits
                )
            )
        return digits

    @api.model
    def _tradein_lookalike(self, product, serial, company, exclude=None):
        """A serial of `product` in `company` spelt like `serial` but for
        upper and lower case (not `serial` itself)."""
        if not product or not serial:
            return self.browse()
        folded = serial.casefold()
        # sudo: a look-alike must be refused whoever types it; only its
        # existence and name are shown.
        candidates = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("product_id", "=", product.id),
                    ("name", "=ilike", _like_escape(serial)),
                    *self._check_company_domain(company),
                ]
            )
        )
        return candidates.filtered(
            lambda lot: lot != exclude and lot.name != serial and lot.name.casefold() == folded
        )[:1]

    @api.model
    def _tradein_check_product(self, product):
        """Only goods of the catalogue still in use can be bought or taken in."""
        if not product:
            return
        if not product.active:
            raise ValidationError(
                self.env._(
                    "%(product)s is archived: restore it or choose another product.",
                    product=product.display_name,
                )
            )
        if product.type != "consu":
            raise ValidationError(
                self.env._(
                    "%(product)s is not goods: a customer purchase or a trade-in is for items.",
                    product=product.display_name,
                )
            )

    @api.model
    def _tradein_find(self, product, serial, company):
        """The serial `serial` of `product` in `company`, if we know it."""
        if not product or not serial:
            return self.browse()
        return self.search(
            [
                ("product_id", "=", product.id),
                ("name", "=", self._tradein_clean_serial(serial)),
                *self._check_company_domain(company),
            ],
            limit=1,
        )

    @api.model
    def _tradein_check_acquirable(self, products, company, lot=None, serial=None):
        """Refuse to buy or take in a serial that is not the customer's to sell.

        :param products: the products the item may be filed under (the
            product and its used twin)
        :param lot: the serial picked, if any; else ``serial``, the number typed
        """
        serial = self._tradein_clean_serial(serial)
        if lot and products and lot.product_id not in products:
            raise ValidationError(
                self.env._(
                    "Serial %(serial)s belongs to %(lot_product)s, not to %(product)s.",
                    serial=lot.name,
                    lot_product=lot.product_id.display_name,
                    product=products[:1].display_name,
                )
            )
        if not lot:
            for product in products:
                lot = self._tradein_find(product, serial, company)
                if lot:
                    break
        if not lot and serial:
            for product in products:
                lookalike = self._tradein_lookalike(product, serial, company)
                if lookalike:
                    raise ValidationError(
                        self.env._(
                            "Serial %(serial)s of %(product)s already exists as %(existing)s: "
                            "pick it as the Known Serial, or check the number.",
                            serial=serial,
                            product=product.display_name,
                            existing=lookalike.name,
                        )
                    )
            # sudo: a serial in the stock of another company must not be
            # bought a second time; only its existence is looked at.
            elsewhere = (
                self.sudo()
                .search(
                    [
                        ("product_id", "in", products.ids),
                        ("name", "=", serial),
                    ]
                )
                ._tradein_in_stock()
            )
            if elsewhere:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s is in the stock of %(company)s: it cannot be "
                        "bought again.",
                        serial=serial,
                        company=elsewhere[0].company_id.name or self.env._("another company"),
                    )
                )
        if lot and lot._tradein_in_stock():
            raise ValidationError(
                self.env._(
                    "Serial %(serial)s of %(product)s is already in our stock: it cannot "
                    "be bought again.",
                    serial=lot.name,
                    product=lot.product_id.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_view_tradein_history(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("History of %(serial)s", serial=self.name),
            "res_model": "tradein.serial.event",
            "view_mode": "list,form",
            "domain": [("lot_id", "=", self.id)],
            "context": {"default_lot_id": self.id},
        }

    def action_print_tradein_history(self):
        return self.env.ref("tradein_serial.action_report_serial_history").report_action(self)

    def action_tradein_return(self):
        self.ensure_one()
        return self._tradein_wizard_action("tradein.serial.return.wizard", self.env._("Return"))

    def action_tradein_swap(self):
        self.ensure_one()
        return self._tradein_wizard_action("tradein.serial.swap.wizard", self.env._("Swap"))

    def _tradein_wizard_action(self, model, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_lot_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _tradein_default_location(self):
        """The stock location of the current company's first warehouse."""
        return (
            self.env["stock.warehouse"]
            .search([("company_id", "=", self.env.company.id)], limit=1)
            .lot_stock_id
        )

    def _tradein_lock(self):
        """Lock these serials while they change hands (receipt, return, swap):
        a second operation on the same serial at the same time gets an error
        instead of bringing it into stock twice."""
        busy = lock_rows(self)
        if busy:
            raise UserError(
                self.env._(
                    "Serial %(serials)s is being received, returned or swapped by someone "
                    "else right now: try again in a moment.",
                    serials=", ".join(busy.mapped("name")),
                )
            )

    def _tradein_company(self):
        """The company whose settings apply (a serial may be shared by all)."""
        self.ensure_one()
        return self.company_id or self.env.company

    def _tradein_check_returnable(self, partner=None):
        """Refuse to take back a serial that no customer holds (or another one does)."""
        self.ensure_one()
        if not self.tradein_owner_id:
            raise UserError(
                self.env._(
                    "Serial %(serial)s is not with a customer: it was never sold, or it has "
                    "already been returned.",
                    serial=self.name,
                )
            )
        if partner and self.tradein_owner_id != partner.commercial_partner_id:
            raise UserError(
                self.env._(
                    "Serial %(serial)s belongs to %(owner)s, not to %(partner)s.",
                    serial=self.name,
                    owner=self.tradein_owner_id.display_name,
                    partner=partner.display_name,
                )
            )

    def _tradein_last_delivery(self):
        """The done move line that delivered this serial to its owner."""
        self.ensure_one()
        return self.env["stock.move.line"].search(
            [
                ("lot_id", "=", self.id),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            order="date desc, id desc",
            limit=1,
        )

    def _tradein_take_back(self, location, reason, event_type="return"):
        """Receive this serial back from its owner into `location`.

        :return: the validated return transfer
        """
        self.ensure_one()
        delivery = self._tradein_last_delivery()
        if not delivery:
            raise UserError(
                self.env._("No delivery of serial %(serial)s to take back.", serial=self.name)
            )
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=delivery.picking_id.id, active_model="stock.picking")
            .create({})
        )
        for return_line in wizard.product_return_moves:
            return_line.quantity = 1 if return_line.move_id == delivery.move_id else 0
            return_line.to_refund = True
        returned = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        returned.location_dest_id = location
        for move in returned.move_ids:
            move.location_dest_id = location
            move._tradein_pick(self)
        returned.with_context(
            skip_backorder=True,
            tradein_event_type={"return": event_type},
            tradein_event_note=reason,
        ).button_validate()
        return returned

    def _tradein_invoice_line(self):
        """The posted customer invoice line that charged this serial."""
        self.ensure_one()
        delivery = self._tradein_last_delivery()
        sale_line = delivery.move_id.sale_line_id
        lines = sale_line.invoice_lines.filtered(
            lambda line: line.move_id.state == "posted" and line.move_id.move_type == "out_invoice"
        )
        # A line of several serials is invoiced one line per serial.
        lines = lines.filtered(lambda line: line.tradein_lot_sold_id == self) or lines
        return lines.sorted(
            lambda line: (line.move_id.invoice_date or fields.Date.today(), line.id)
        )[-1:]

    def _tradein_credit_note(self, invoice_line, reason, post):
        """A credit note of what `invoice_line` charged for one unit (this serial)."""
        self.ensure_one()
        invoice = invoice_line.move_id
        credit_note = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": invoice.partner_id.id,
                "reversed_entry_id": invoice.id,
                "invoice_origin": invoice.invoice_origin,
                "ref": self.env._(
                    "Return of %(serial)s: %(reason)s", serial=self.name, reason=reason
                ),
                "currency_id": invoice.currency_id.id,
                "fiscal_position_id": invoice.fiscal_position_id.id,
                "invoice_line_ids": [
                    fields.Command.create(
                        {
                            "product_id": invoice_line.product_id.id,
                            "name": f"{invoice_line.name} ({self.name})",
                            "quantity": 1,
                            "product_uom_id": invoice_line.product_uom_id.id,
                            "price_unit": invoice_line.price_unit,
                            "discount": invoice_line.discount,
                            "tax_ids": [fields.Command.set(invoice_line.tax_ids.ids)],
                            "account_id": invoice_line.account_id.id,
                            "sale_line_ids": [fields.Command.set(invoice_line.sale_line_ids.ids)],
                            "tradein_lot_sold_id": self.id,
                            **invoice_line._tradein_credit_note_line_values(),
                        }
                    )
                ],
            }
        )
        credit_note._tradein_log_invoice_events(self)
        if post:
            # sudo: the company posts return credit notes by itself (Settings),
            # also when the return is recorded by an Inventory user.
            credit_note.sudo().action_post()
        return credit_note

    def _tradein_return_credit_note_mode(self):
        """Hook: "off", "draft" or "posted" for the credit note of a return."""
        self.ensure_one()
        return self._tradein_company().tradein_return_credit_note

    def _tradein_return(self, location, reason, partner=None):
        """Take this sold serial back; credit what its invoice charged.

        :return: the credit note, if one was made
        """
        self.ensure_one()
        self._tradein_lock()
        self._tradein_check_returnable(partner)
        invoice_line = self._tradein_invoice_line()
        self._tradein_take_back(location, reason)
        mode = self._tradein_return_credit_note_mode()
        if not invoice_line or mode == "off":
            return self.env["account.move"]
        return self._tradein_credit_note(invoice_line, reason, post=mode == "posted")

    def _tradein_swap(self, new_lot, location, reason):
        """Return this serial and deliver `new_lot` of the same product instead."""
        self.ensure_one()
        (self | new_lot)._tradein_lock()
        self._tradein_check_returnable()
        if new_lot.product_id != self.product_id:
            raise UserError(
                self.env._(
                    "Swap %(serial)s for a serial of the same product (%(product)s).",
                    serial=self.name,
                    product=self.product_id.display_name,
                )
            )
        if not new_lot._tradein_in_stock():
            raise UserError(
                self.env._(
                    "Serial %(serial)s is not in stock to be delivered.", serial=new_lot.name
                )
            )
        customer = self.tradein_owner_id
        delivery = self._tradein_last_delivery()
        sale_line = delivery.move_id.sale_line_id
        self._tradein_check_swap(new_lot, sale_line)
        old_warranty = self.warranty_end_date
        self._tradein_take_back(location, reason, event_type="swap_out")
        if (
            self._tradein_company().tradein_swap_warranty == "remainder"
            or not self.product_id.tradein_warranty_months
        ):
            warranty_end = old_warranty
        else:
            warranty_end = False  # computed from the delivery date
        picking_type = (
            delivery.picking_id.picking_type_id
            or self.env["stock.warehouse"]
            .search([("company_id", "=", self._tradein_company().id)], limit=1)
            .out_type_id
        )
        source = new_lot.quant_ids.filtered(
            lambda q: q.location_id.usage == "internal" and q.quantity > 0
        )[:1].location_id
        destination = delivery.location_dest_id
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": customer.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "origin": self.env._("Swap of %(serial)s", serial=self.name),
                "move_ids": [
                    fields.Command.create(
                        {
                            "product_id": new_lot.product_id.id,
                            "product_uom_qty": 1,
                            "product_uom": new_lot.product_id.uom_id.id,
                            "location_id": source.id,
                            "location_dest_id": destination.id,
                            "sale_line_id": delivery.move_id.sale_line_id.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids._tradein_pick(new_lot)
        picking.with_context(
            skip_backorder=True,
            tradein_event_type={"delivery": "swap_in"},
            tradein_event_note=reason,
            tradein_warranty_end=warranty_end,
        ).button_validate()
        # The sale line sells the serial the customer now has.
        if sale_line:
            sale_line._tradein_rename_serial_sold(new_lot)
        return picking

    def _tradein_check_swap(self, new_lot, sale_line):
        """Hook: refuse to swap this serial, sold on `sale_line`, for `new_lot`
        (the VAT add-on: a margin-scheme sale stays margin-scheme)."""
        return True
