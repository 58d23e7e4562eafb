from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import check_amount_values
from ..tools import check_workflow_create
from ..tools import check_workflow_fields
from ..tools import in_workflow
from .stock_lot import CONDITIONS
from .stock_lot import GRADES

LINE_STATES = [
    ("pending", "Pending"),
    ("product_created", "Product Created"),
    ("in_inventory", "Added to Inventory"),
    ("waiting_refurb", "Waiting on Refurb"),
    ("refurbished", "Refurbished"),
]
# An item not yet received into stock: bought and paid, but not in inventory.
NOT_RECEIVED_STATES = ("pending", "product_created")
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
    _name = "purchase.order.line"
    _inherit = ["purchase.order.line", "tradein.item.mixin"]

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
    tradein_condition = fields.Selection(CONDITIONS, string="Condition", default="used")
    tradein_grade = fields.Selection(GRADES, string="Grade")
    tradein_retail_price = fields.Monetary(
        string="Retail Price",
        help="Price of this serial when sold; empty means the product's sales price.",
    )
    tradein_state = fields.Selection(
        LINE_STATES, string="Item Status", default="pending", copy=False, readonly=True
    )
    tradein_sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Trade-in Line",
        copy=False,
        index="btree_not_null",
        check_company=True,
    )

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

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, LINE_WORKFLOW_FIELDS)
        for vals in vals_list:
            check_amount_values(self, vals, AMOUNT_FIELDS)
        self._tradein_check_paid_order_unchanged(
            self.env["purchase.order"].browse({vals.get("order_id") for vals in vals_list} - {None})
        )
        lines = super().create(vals_list)
        # Whatever taxes the client sent (it sends every field of a new line).
        lines._tradein_apply_taxes()
        self.env["tradein.blocked.attempt"]._tradein_log_orders(lines.order_id)
        return lines

    def write(self, vals):
        check_workflow_fields(self, vals, LINE_WORKFLOW_FIELDS)
        check_amount_values(self, vals, AMOUNT_FIELDS)
        check_workflow_fields(self._tradein_paid_lines(), vals, PAID_LINE_FIELDS)
        paid = self.env["purchase.order.line"]
        if "tax_ids" in vals:
            paid = self._tradein_rule_taxed().filtered("order_id.payout_date")
        taxes_before = {line: line.tax_ids for line in paid}
        tracked = self._tradein_tracked_values(vals)
        res = super().write(vals)
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
                if value != line[name] and not line._tradein_is_typed_serial_received(name, value)
            ]
            if changes:
                line.order_id._message_log(
                    body=Markup("%s<br/>%s")
                    % (line._tradein_item_label(), Markup("<br/>").join(changes))
                )

    def _tradein_is_typed_serial_received(self, name, old_value):
        """The receipt (the workflow) filed the serial typed on the line as
        its Serial: the serial bought did not change (the receipt note names it)."""
        return (
            name == "tradein_lot_id"
            and not old_value
            and in_workflow(self.env)
            and self.tradein_lot_id.name == self.tradein_serial_name
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

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _tradein_not_received(self):
        """The lines of these whose item is not yet received into stock."""
        return self.filtered(lambda line: line.tradein_state in NOT_RECEIVED_STATES)

    def _tradein_item_label(self):
        self.ensure_one()
        if self.tradein_is_manual:
            return self.tradein_manual_name or self.name
        return self.product_id.display_name or self.name

    # ------------------------------------------------------------------
    # Actions (buttons on the lines)
    # ------------------------------------------------------------------

    def action_tradein_print_label(self):
        lots = self.tradein_lot_id
        if not lots:
            raise UserError(
                self.env._("Add the item to inventory first: its serial is created then.")
            )
        return self.env.ref("stock.action_report_lot_label").report_action(lots)
