from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import check_amount_values
from ..tools import check_workflow_create
from ..tools import check_workflow_fields
from ..tools import in_workflow
from ..tools import workflow_method
from .stock_lot import CONDITIONS
from .stock_lot import GRADES

LINE_STATES = [
    ("pending", "Pending"),
    ("product_created", "Product Created"),
    ("in_inventory", "Added to Inventory"),
    ("waiting_refurb", "Waiting on Refurb"),
    ("refurbished", "Refurbished"),
]
# Written by the workflow only (see tools/workflow.py).
LINE_WORKFLOW_FIELDS = ("tradein_state", "tradein_sale_line_id")
# Register-relevant fields of an item: each change is logged on the purchase.
TRACKED_LINE_FIELDS = (
    "product_id",
    "product_qty",
    "price_unit",
    "tradein_serial_name",
    "tradein_lot_id",
)
# Amounts a client may send: numbers only.
AMOUNT_FIELDS = ("price_unit", "product_qty", "discount", "tradein_retail_price")
# What the register holds of an item of a paid customer purchase.
PAID_LINE_FIELDS = (
    "product_id",
    "product_qty",
    "product_uom_id",
    "price_unit",
    "discount",
    "tradein_serial_name",
    "tradein_lot_id",
    "order_id",
)


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    is_customer_purchase = fields.Boolean(related="order_id.is_customer_purchase")
    tradein_lot_id = fields.Many2one(
        "stock.lot",
        string="Serial",
        index="btree_not_null",
        copy=False,
        check_company=True,
        # Serials we may buy: not in our stock.
        domain="[('product_id', '=?', product_id), '|', ('location_id', '=', False), "
        "('location_id.usage', 'not in', ('internal', 'transit'))]",
        help="A serial we know (for example one we sold to this customer); after "
        "the item is added to inventory, the serial received.",
    )
    tradein_serial_name = fields.Char(
        string="New Serial", copy=False, help="Serial number of an item new to us."
    )
    tradein_serial_display = fields.Char(
        string="Serial Number",
        compute="_compute_tradein_serial_display",
        help="The item's serial: the known serial picked or the new one typed.",
    )
    tradein_is_manual = fields.Boolean(
        string="Not in Catalogue",
        compute="_compute_tradein_is_manual",
        help="A manual item: the product is created with Add Product.",
    )
    tradein_manual_name = fields.Char(string="Item Name")
    tradein_manual_categ_id = fields.Many2one("product.category", string="Item Category")
    tradein_manual_serialized = fields.Boolean(string="Serialized Item", default=True)
    tradein_condition = fields.Selection(CONDITIONS, string="Condition", default="used")
    tradein_grade = fields.Selection(GRADES, string="Grade")
    tradein_retail_price = fields.Monetary(
        string="Retail Price",
        help="Price of this serial when sold; empty means the product's sales price.",
    )
    tradein_state = fields.Selection(
        LINE_STATES, string="Item Status", default="pending", copy=False, readonly=True
    )
    tradein_last_owner_id = fields.Many2one(
        related="tradein_lot_id.last_customer_id", string="Last Sold To"
    )
    tradein_owner_warning = fields.Char(compute="_compute_tradein_owner_warning")
    tradein_refurb_issue = fields.Text(string="Refurb Issue", copy=False)
    tradein_refurb_open = fields.Boolean(
        string="In Refurbishment",
        compute="_compute_tradein_refurb_open",
        help="A refurbishment of the item is under way (none after a cancelled one).",
    )
    tradein_sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Trade-in Line",
        copy=False,
        index="btree_not_null",
        check_company=True,
    )

    @api.depends("tradein_lot_id.name", "tradein_serial_name")
    def _compute_tradein_serial_display(self):
        for line in self:
            line.tradein_serial_display = line._tradein_serial()

    @api.depends("product_id")
    def _compute_tradein_is_manual(self):
        # The xmlid lookup is cached: no query per line.
        placeholder_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "tradein_serial.product_unlisted_item", raise_if_not_found=False
        )
        for line in self:
            line.tradein_is_manual = bool(placeholder_id) and line.product_id.id == placeholder_id

    @api.depends("tradein_state")
    def _compute_tradein_refurb_open(self):
        # Without a refurbishment app, waiting on refurb is the refurbishment.
        # Hook: tradein_refurb looks for an open refurbishment order.
        for line in self:
            line.tradein_refurb_open = line.tradein_state == "waiting_refurb"

    @api.depends("tradein_lot_id", "order_id.partner_id")
    def _compute_tradein_owner_warning(self):
        for line in self:
            owner = line.tradein_last_owner_id
            seller = line.order_id.partner_id.commercial_partner_id
            if owner and seller and owner.commercial_partner_id != seller:
                line.tradein_owner_warning = self.env._(
                    "Serial %(serial)s was sold to %(owner)s, not to %(seller)s.",
                    serial=line.tradein_lot_id.name,
                    owner=owner.display_name,
                    seller=seller.display_name,
                )
            else:
                line.tradein_owner_warning = False

    def _compute_qty_invoiced(self):
        # A customer purchase is billed (self-billing) and paid before its items
        # are received: bill what was ordered, whatever the product's policy.
        # A trade-in is settled on the customer's invoice: nothing to bill.
        res = super()._compute_qty_invoiced()
        for line in self:
            if line.tradein_sale_line_id:
                line.qty_to_invoice = 0.0
            elif line.is_customer_purchase and line.order_id.state == "purchase":
                line.qty_to_invoice = line.product_qty - line.qty_invoiced
        return res

    @api.onchange("tradein_lot_id")
    def _onchange_tradein_lot_id(self):
        if self.tradein_lot_id and self.tradein_lot_id.product_id != self.product_id:
            self.product_id = self.tradein_lot_id.product_id

    @api.constrains("price_unit", "order_id")
    def _check_tradein_price(self):
        for line in self:
            if line.is_customer_purchase and not line.display_type and line.price_unit <= 0:
                raise ValidationError(
                    self.env._(
                        "The price offered for %(item)s must be more than zero.",
                        item=line._tradein_item_label(),
                    )
                )

    def _compute_tax_id(self):
        # Odoo's taxes of a line (the product's supplier taxes, mapped by the
        # fiscal position) on product and fiscal position changes; a customer
        # purchase's lines follow their own rule instead.
        customer_lines = self._tradein_rule_taxed()
        res = super(PurchaseOrderLine, self - customer_lines)._compute_tax_id()
        for line in customer_lines:
            line.tax_ids = line._tradein_taxes()
        return res

    @api.model_create_multi
    def create(self, vals_list):
        Lot = self.env["stock.lot"]
        check_workflow_create(self, vals_list, LINE_WORKFLOW_FIELDS)
        for vals in vals_list:
            check_amount_values(self, vals, AMOUNT_FIELDS)
        self._tradein_check_paid_order_unchanged(
            self.env["purchase.order"].browse({vals.get("order_id") for vals in vals_list} - {None})
        )
        Product = self.env["product.product"]
        lines = super().create(
            [
                Lot._tradein_clean_serial_vals(vals, product=Product.browse(vals.get("product_id")))
                for vals in vals_list
            ]
        )
        # Whatever taxes the client sent (it sends every field of a new line).
        lines._tradein_apply_taxes()
        self.env["tradein.blocked.attempt"]._tradein_log_orders(lines.order_id)
        return lines

    def write(self, vals):
        if "tradein_serial_name" in vals and "product_id" not in vals and len(self.product_id) > 1:
            # A serial is spelt by its product's rule (IMEIs): one line at a time.
            return all(line.write(vals) for line in self)
        check_workflow_fields(self, vals, LINE_WORKFLOW_FIELDS)
        check_amount_values(self, vals, AMOUNT_FIELDS)
        check_workflow_fields(self._tradein_paid_lines(), vals, PAID_LINE_FIELDS)
        paid = self.env["purchase.order.line"]
        if "tax_ids" in vals:
            paid = self._tradein_rule_taxed().filtered("order_id.payout_date")
        taxes_before = {line: line.tax_ids for line in paid}
        tracked = self._tradein_tracked_values(vals)
        product = self.env["product.product"].browse(vals.get("product_id")) or self.product_id
        res = super().write(
            self.env["stock.lot"]._tradein_clean_serial_vals(vals, product=product[:1])
        )
        self._tradein_log_changes(tracked)
        changed = paid.filtered(lambda line: line.tax_ids != taxes_before[line])
        if changed:
            raise UserError(
                self.env._(
                    "Customer purchase %(names)s was paid out: its taxes cannot change.",
                    names=", ".join(changed.order_id.mapped("name")),
                )
            )
        if self._tradein_tax_trigger_fields() & vals.keys():
            self._tradein_apply_taxes()
        if {"product_id", "tradein_lot_id", "tradein_serial_name"} & vals.keys():
            self.env["tradein.blocked.attempt"]._tradein_log_orders(self.order_id)
        return res

    def _tradein_tracked_values(self, vals):
        """The register-relevant values of the customer purchase items that
        `vals` may change, before the change."""
        names = [name for name in TRACKED_LINE_FIELDS if name in vals]
        if not names:
            return {}
        lines = self.filtered(lambda line: line.is_customer_purchase and not line.display_type)
        return {line: {name: line[name] for name in names} for line in lines}

    def _tradein_log_changes(self, tracked):
        """Log on each purchase what changed on its items (the audit trail of
        the register: a line has no chatter of its own)."""
        for line, before in tracked.items():
            changes = [
                self.env._(
                    "%(field)s: %(old)s → %(new)s",
                    field=line._fields[name].get_description(self.env)["string"],
                    old=line._tradein_format_value(name, value),
                    new=line._tradein_format_value(name, line[name]),
                )
                for name, value in before.items()
                if value != line[name]
            ]
            if changes:
                line.order_id._message_log(
                    body=Markup("%s<br/>%s")
                    % (line._tradein_item_label(), Markup("<br/>").join(changes))
                )

    def _tradein_format_value(self, name, value):
        if isinstance(value, models.BaseModel):
            return value.display_name or "-"
        if name == "price_unit":
            return self.currency_id.format(value)
        return str(value) if value not in (False, None) else "-"

    @api.constrains("tradein_lot_id", "tradein_sale_line_id", "order_id")
    def _check_tradein_company(self):
        # Odoo checks the companies of purchase lines in the views only.
        self._check_company(["tradein_lot_id", "tradein_sale_line_id"])

    @api.constrains("price_unit", "tradein_retail_price")
    def _check_tradein_item_amount(self):
        for line in self.filtered(lambda line: line.is_customer_purchase and not line.display_type):
            date = line.order_id.date_order or fields.Date.context_today(line)
            company = line.order_id.company_id
            company._tradein_check_item_amount(
                line.price_unit, line.currency_id, date, line._tradein_item_label()
            )
            company._tradein_check_item_amount(
                line.tradein_retail_price, line.currency_id, date, line._tradein_item_label()
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_paid_customer_purchase_line(self):
        if not in_workflow(self.env):
            self._tradein_check_paid_order_unchanged(self._tradein_paid_lines().order_id)

    def _tradein_paid_lines(self):
        return self.filtered(lambda line: line.is_customer_purchase and line.order_id.payout_date)

    def _tradein_check_paid_order_unchanged(self, orders):
        paid = orders.filtered(lambda order: order.is_customer_purchase and order.payout_date)
        if paid and not in_workflow(self.env):
            raise UserError(
                self.env._(
                    "Customer purchase %(names)s was paid out: its items cannot be added or "
                    "removed. Cancel it instead.",
                    names=", ".join(paid.mapped("name")),
                )
            )

    @api.constrains("tradein_lot_id", "tradein_serial_name", "product_id", "product_qty")
    def _check_tradein_serial(self):
        for line in self.filtered(lambda line: line.is_customer_purchase and not line.display_type):
            if line.tradein_state in ("pending", "product_created"):
                self.env["stock.lot"]._tradein_check_product(line.product_id)
            serial = line._tradein_serial()
            if serial and line._tradein_is_serialized():
                if line.product_uom_id.compare(line.product_qty, 1.0) != 0:
                    raise ValidationError(
                        self.env._(
                            "A line with serial %(serial)s is for exactly one item.",
                            serial=serial,
                        )
                    )
        self._tradein_check_serials()

    # ------------------------------------------------------------------
    # Taxes of a customer purchase
    # ------------------------------------------------------------------

    def _tradein_rule_taxed(self):
        """The lines whose taxes follow the customer purchase rule."""
        return self.filtered(
            lambda line: line.order_id.is_customer_purchase and not line.display_type
        )

    def _tradein_taxes(self):
        """Taxes of a customer purchase line: none, a member of the public charges
        no VAT, whatever the product's supplier taxes and the fiscal position.

        Hook: ``tradein_serial_vat`` adds the input VAT of a VAT-registered
        seller who charges it.
        """
        self.ensure_one()
        return self.env["account.tax"]

    def _tradein_supplier_taxes(self):
        """The product's supplier taxes as Odoo maps them for the seller."""
        self.ensure_one()
        line = self.with_company(self.company_id)
        order = line.order_id
        fiscal_position = order.fiscal_position_id or order.fiscal_position_id._get_fiscal_position(
            order.partner_id
        )
        return fiscal_position.map_tax(
            line.product_id.supplier_taxes_id._filter_taxes_by_company(line.company_id)
        )

    @api.model
    def _tradein_tax_trigger_fields(self):
        """Fields whose change re-applies the rule (hook: the VAT add-on adds its own)."""
        return {"product_id", "tax_ids", "order_id"}

    def _tradein_apply_taxes(self):
        """Put the rule's taxes on the lines of unpaid customer purchases."""
        for line in self._tradein_rule_taxed().filtered(lambda line: not line.order_id.payout_date):
            taxes = line._tradein_taxes()
            if line.tax_ids != taxes:
                line.tax_ids = taxes

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _tradein_item_label(self):
        self.ensure_one()
        if self.tradein_is_manual:
            return self.tradein_manual_name or self.name
        return self.product_id.display_name or self.name

    def _tradein_is_serialized(self):
        self.ensure_one()
        if self.tradein_is_manual:
            return self.tradein_manual_serialized
        return self.product_id.tracking == "serial"

    def _tradein_serial(self):
        """The serial number of the line, known or typed."""
        self.ensure_one()
        return self.tradein_lot_id.name or (self.tradein_serial_name or "").strip()

    def _tradein_existing_lot(self):
        """The lot of the line: the one picked, or the one with the typed number."""
        self.ensure_one()
        if self.tradein_lot_id:
            return self.tradein_lot_id
        if self.tradein_is_manual:
            return self.env["stock.lot"]
        return self.env["stock.lot"]._tradein_find(
            self.product_id, self._tradein_serial(), self.company_id
        )

    def _tradein_check_serials(self):
        """Refuse serials that are already in our stock, of another product, or
        twice on a purchase; and, checked again at pay-out and Add to
        Inventory in case something changed since the line was saved, an
        archived product, one of another company, or a missing serial."""
        lines = self.filtered(
            lambda line: (
                line.is_customer_purchase
                and not line.display_type
                and line.tradein_state in ("pending", "product_created")
                and line.order_id.state != "cancel"
            )
        )
        for line in lines:
            serial = line._tradein_serial()
            if not line.tradein_is_manual:
                self.env["stock.lot"]._tradein_check_product(line.product_id)
                product_company = line.product_id.company_id
                if product_company and product_company != line.order_id.company_id:
                    raise ValidationError(
                        self.env._(
                            "%(product)s belongs to %(company)s: it cannot be bought on %(name)s.",
                            product=line.product_id.display_name,
                            company=product_company.name,
                            name=line.order_id.name,
                        )
                    )
            if not serial:
                if line._tradein_is_serialized():
                    raise ValidationError(
                        self.env._(
                            "Enter the serial number of %(item)s on %(name)s: each item of a "
                            "serial-tracked product is bought with its serial.",
                            item=line._tradein_item_label(),
                            name=line.order_id.name or self.env._("the customer purchase"),
                        )
                    )
                continue
            others = line.order_id.order_line - line
            if serial in [o._tradein_serial() for o in others if o.product_id == line.product_id]:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s is on %(name)s twice.",
                        serial=serial,
                        name=line.order_id.name,
                    )
                )
            if not line.tradein_is_manual:
                self.env["stock.lot"]._tradein_check_acquirable(
                    line.product_id,
                    line.company_id,
                    lot=line.tradein_lot_id,
                    serial=serial,
                )

    def _tradein_check_ready_to_receive(self):
        for line in self:
            if line.order_id.state != "purchase" or not line.order_id.payout_date:
                raise UserError(
                    self.env._(
                        "Pay out %(name)s before adding its items to inventory.",
                        name=line.order_id.name,
                    )
                )
            if line.tradein_is_manual:
                raise UserError(
                    self.env._(
                        "Create the product of %(item)s first (Add Product or Add One-Time "
                        "Product).",
                        item=line._tradein_item_label(),
                    )
                )
            if line.tradein_state not in ("pending", "product_created", "waiting_refurb"):
                raise UserError(
                    self.env._("%(item)s is already in inventory.", item=line._tradein_item_label())
                )
            if line._tradein_is_serialized() and not line._tradein_serial():
                raise UserError(
                    self.env._(
                        "Enter the serial number of %(item)s first.",
                        item=line._tradein_item_label(),
                    )
                )

    # ------------------------------------------------------------------
    # Actions (buttons on the lines)
    # ------------------------------------------------------------------

    def action_tradein_add_product(self):
        return self._tradein_create_product(one_time=False)

    def action_tradein_add_one_time_product(self):
        return self._tradein_create_product(one_time=True)

    def action_tradein_add_to_inventory(self):
        self._tradein_receive("in_inventory")
        return True

    def action_tradein_start_refurb(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Start Refurb"),
            "res_model": "tradein.refurb.start.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_purchase_line_id": self.id},
        }

    def action_tradein_finish_refurb(self):
        """Without a refurbishment app, the user says the item is ready."""
        self.filtered(lambda line: line.tradein_state == "waiting_refurb")._tradein_refurb_done()
        return True

    def action_tradein_print_label(self):
        lots = self.tradein_lot_id
        if not lots:
            raise UserError(
                self.env._("Add the item to inventory first: its serial is created then.")
            )
        return self.env.ref("stock.action_report_lot_label").report_action(lots)

    def action_tradein_move_product(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Move to Another Product"),
            "res_model": "tradein.move.product.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_purchase_line_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @workflow_method
    def _tradein_create_product(self, one_time=False):
        """Turn a manual item into a product of the catalogue."""
        templates = self.env["product.template"]
        for line in self:
            if not line.tradein_is_manual:
                raise UserError(
                    self.env._(
                        "%(item)s is already a product of the catalogue.",
                        item=line._tradein_item_label(),
                    )
                )
            if not line.tradein_manual_name:
                raise UserError(self.env._("Enter the name of the item first."))
            # sudo: the product of the item is created by the purchase's own
            # action, for a counter clerk who may not manage the catalogue
            # (Trade-ins / User is not Product Creation).
            template = templates.sudo().create(line._tradein_product_values(one_time)).sudo(False)
            line._tradein_swap_product(template.product_variant_id)
            line.tradein_state = "product_created"
            templates |= template
        return True

    def _tradein_product_values(self, one_time):
        self.ensure_one()
        return self.env["product.template"]._tradein_prepare_values(
            self.tradein_manual_name,
            self.tradein_manual_categ_id,
            self.tradein_manual_serialized,
            one_time,
            self.tradein_retail_price or self.price_unit,
            self._tradein_company_price(),
            self.company_id,
        )

    @workflow_method
    def _tradein_swap_product(self, product):
        """File the line (and its pending receipt) under another product, same cost."""
        self.ensure_one()
        if self.tradein_state not in ("pending", "product_created"):
            raise UserError(
                self.env._(
                    "%(item)s is already in inventory: it can no longer change product.",
                    item=self._tradein_item_label(),
                )
            )
        if self.tradein_lot_id and self.tradein_lot_id.product_id != product:
            raise UserError(
                self.env._(
                    "Serial %(serial)s is a serial of %(product)s: pick an item without a "
                    "known serial to move it.",
                    serial=self.tradein_lot_id.name,
                    product=self.tradein_lot_id.product_id.display_name,
                )
            )
        moves = self.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        moves._do_unreserve()
        price = self.price_unit
        self.write({"product_id": product.id, "name": product.display_name, "price_unit": price})
        moves.write({"product_id": product.id, "product_uom": product.uom_id.id})
        moves._action_assign()

    def _tradein_company_price(self):
        """The unit price paid, in the company currency."""
        self.ensure_one()
        order = self.order_id
        return order.currency_id._convert(
            self.price_unit,
            order.company_id.currency_id,
            order.company_id,
            order.payout_date or fields.Date.context_today(self),
        )

    def _tradein_lot_values(self):
        """Values of the serial received through this line."""
        self.ensure_one()
        order = self.order_id
        values = {
            "acquisition_type": order._tradein_acquisition_type(),
            "acquisition_partner_id": order.partner_id.id,
            "acquisition_date": order.payout_date or fields.Date.context_today(self),
            "acquisition_price": self._tradein_company_price(),
            "acquisition_purchase_line_id": self.id,
        }
        if order.is_customer_purchase:
            values.update(
                {
                    "tradein_condition": self.tradein_condition or "used",
                    "tradein_grade": self.tradein_grade,
                    "tradein_retail_price": self.tradein_retail_price,
                }
            )
        return values

    def _tradein_paid_out(self):
        """Hook, in the workflow: the items of these lines are paid out (the
        self-billing bill is posted), before they are added to inventory.

        The VAT add-on gives each margin-scheme item its stock number here,
        so that the purchase receipt printed at the counter carries it.
        """
        return True

    @workflow_method
    def _tradein_receive(self, state):
        """Validate the receipt of these lines into stock, with their serials.

        :param state: the item status of the lines once received
        """
        self._tradein_check_ready_to_receive()
        self.tradein_lot_id._tradein_lock()
        self._tradein_check_serials()
        for line in self:
            moves = line.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
            if not moves:
                raise UserError(
                    self.env._("%(item)s has no pending receipt.", item=line._tradein_item_label())
                )
            lot = self.env["stock.lot"]
            if line._tradein_is_serialized():
                lot = line._tradein_existing_lot() or self.env["stock.lot"].create(
                    {
                        "name": line._tradein_serial(),
                        "product_id": line.product_id.id,
                        "company_id": line.company_id.id,
                    }
                )
            customer_location = lot and lot._tradein_customer_location()
            if customer_location:
                # Bought back from a customer we sold it to: it leaves the
                # customer's location, or selling it again would count it
                # twice there (Odoo refuses a serial twice in one place).
                moves.location_id = customer_location
            picking = moves.picking_id
            destination = line.order_id._tradein_receipt_location()
            if destination:
                moves.location_dest_id = destination
            other_moves = picking.move_ids - moves
            other_moves.picked = False
            for move in moves:
                move._tradein_pick(lot, move.product_uom_qty)
            picking.with_context(skip_backorder=True).button_validate()
            line.write({"tradein_state": state, "tradein_lot_id": lot.id})
            if lot:
                lot._tradein_acquire(line)
        return True

    @workflow_method
    def _tradein_start_refurb(self, issue):
        """Send the items to refurbishment. Returns an action or True.

        Hook: ``tradein_refurb`` overrides it to open a refurbishment order.
        """
        for line in self:
            if line.tradein_refurb_open:
                raise UserError(
                    self.env._(
                        "%(item)s is already waiting on refurb.", item=line._tradein_item_label()
                    )
                )
            if line.tradein_state in ("pending", "product_created"):
                line._tradein_receive("waiting_refurb")
            line.write({"tradein_state": "waiting_refurb", "tradein_refurb_issue": issue})
            line.order_id.message_post(
                body=self.env._(
                    "%(item)s sent to refurb: %(issue)s",
                    item=line._tradein_item_label(),
                    issue=issue,
                )
            )
        return True

    @workflow_method
    def _tradein_refurb_done(self):
        """The refurbishment of these items is finished: they are sellable."""
        self.tradein_state = "refurbished"
        self.tradein_lot_id.filtered(
            lambda lot: lot.tradein_condition == "used"
        ).tradein_condition = "refurbished"

    def _tradein_sold_on_lots(self):
        """Serials received through these lines that have left our stock since."""
        lots = self.filtered(
            lambda line: line.tradein_state in ("in_inventory", "waiting_refurb", "refurbished")
        ).tradein_lot_id
        return lots - lots._tradein_in_stock()

    @workflow_method
    def _tradein_return_received(self):
        """Send back to the seller what these lines brought into stock."""
        done_moves = self.move_ids.filtered(
            lambda m: m.state == "done" and not m.origin_returned_move_id
        )
        for picking in done_moves.picking_id:
            wizard = (
                self.env["stock.return.picking"]
                .with_context(active_id=picking.id, active_model="stock.picking")
                .create({})
            )
            for return_line in wizard.product_return_moves:
                if return_line.move_id in done_moves:
                    return_line.quantity = return_line.move_id.quantity
                else:
                    return_line.quantity = 0
            action = wizard.action_create_returns()
            returned = self.env["stock.picking"].browse(action["res_id"])
            for move in returned.move_ids:
                origin_lots = move.origin_returned_move_id.move_line_ids.lot_id
                move.move_line_ids.unlink()
                move.move_line_ids = [
                    fields.Command.create(
                        {
                            "product_id": move.product_id.id,
                            "product_uom_id": move.product_uom.id,
                            "quantity": ml.quantity,
                            "lot_id": ml.lot_id.id,
                            "location_id": move.location_id.id,
                            "location_dest_id": move.location_dest_id.id,
                            "picking_id": returned.id,
                            "picked": True,
                        }
                    )
                    for ml in move.origin_returned_move_id.move_line_ids
                    if not origin_lots or ml.lot_id
                ]
                move.picked = True
            returned.with_context(skip_backorder=True).button_validate()
