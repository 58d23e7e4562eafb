from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import check_workflow_create
from ..tools import check_workflow_fields
from ..tools import lock_or_refuse

CUSTOMER_PURCHASE_STATES = [
    ("estimate", "Estimate"),
    ("to_approve", "To Approve"),
    ("paid", "Paid"),
    ("product_created", "Product Created"),
    ("in_inventory", "Added to Inventory"),
    ("waiting_refurb", "Waiting on Refurb"),
    ("completed", "Completed"),
    ("cancel", "Cancelled"),
]
PAYOUT_METHODS = [
    ("journal", "Cash / Bank"),
    ("store_credit", "Store Credit"),
    ("allowance", "Trade-in Allowance"),
]
# Seller identification: purchase field -> partner field
SELLER_ID_FIELDS = {
    "seller_id_type": "tradein_id_type",
    "seller_id_number": "tradein_id_number",
    "seller_id_country_id": "tradein_id_country_id",
    "seller_id_authority": "tradein_id_authority",
    "seller_id_expiry": "tradein_id_expiry",
    "seller_birthdate": "tradein_birthdate",
}
# The identification a purchase from the public needs when it is required.
REQUIRED_SELLER_ID_FIELDS = ("seller_id_type", "seller_id_number", "seller_birthdate")
# Written by the workflow only (see tools/workflow.py): pay-out, approval, link.
PURCHASE_WORKFLOW_FIELDS = (
    "payout_method",
    "payout_date",
    "payout_journal_id",
    "payout_bill_id",
    "payout_payment_id",
    "payout_credit_move_id",
    "payout_reference",
    "tradein_approved_by_id",
    "tradein_approved_amount",
    "tradein_sale_id",
)
# Relations checked for the company of the purchase.
PURCHASE_COMPANY_FIELDS = (
    "payout_journal_id",
    "payout_bill_id",
    "payout_payment_id",
    "payout_credit_move_id",
    "tradein_sale_id",
)
# What the register holds of a paid customer purchase: cancel it to change it.
PAID_PURCHASE_FIELDS = (
    "partner_id",
    "currency_id",
    "company_id",
    "fiscal_position_id",
    "order_line",
    *SELLER_ID_FIELDS,
)


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    is_customer_purchase = fields.Boolean(
        string="Customer Purchase",
        index=True,
        help="Bought from a customer (a member of the public), not from a vendor.",
    )
    customer_purchase_state = fields.Selection(
        CUSTOMER_PURCHASE_STATES,
        string="Purchase Status",
        compute="_compute_customer_purchase_state",
        store=True,
        tracking=True,
        index=True,
    )
    tradein_notes = fields.Text(string="General Notes", tracking=True)
    tradein_sale_id = fields.Many2one(
        "sale.order",
        string="Trade-in of",
        readonly=True,
        copy=False,
        check_company=True,
        index="btree_not_null",
        help="The sale order whose customer traded these items in.",
    )

    @api.constrains(*PURCHASE_COMPANY_FIELDS)
    def _check_tradein_company(self):
        # Odoo checks the companies of purchase orders in the views only.
        self._check_company(list(PURCHASE_COMPANY_FIELDS))

    @api.depends(
        "state",
        "is_customer_purchase",
        "payout_date",
        "order_line.tradein_state",
        "tradein_needs_approval",
    )
    def _compute_customer_purchase_state(self):
        for order in self:
            order.customer_purchase_state = order._tradein_state_from_lines()

    def _tradein_state_from_lines(self):
        """The customer purchase status, derived from the order and its lines."""
        self.ensure_one()
        if not self.is_customer_purchase:
            return False
        if self.state == "cancel":
            return "cancel"
        if not self.payout_date:
            return "to_approve" if self.tradein_needs_approval else "estimate"
        line_states = set(
            self.order_line.filtered(lambda line: not line.display_type).mapped("tradein_state")
        )
        if line_states and line_states <= {"in_inventory", "refurbished"}:
            return "completed"
        for state in ("waiting_refurb", "in_inventory", "product_created"):
            if state in line_states:
                return state
        return "paid"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def _creation_message(self):
        if self.is_customer_purchase:
            return self.env._("Customer purchase created")
        return super()._creation_message()

    def _track_filter_for_display(self, tracking_values):
        # A customer purchase shows its own Status; the RFQ -> Purchase Order
        # steps of the order under it mean nothing to the seller's story.
        tracking_values = super()._track_filter_for_display(tracking_values)
        if self.is_customer_purchase:
            tracking_values = tracking_values.filtered(lambda value: value.field_id.name != "state")
        return tracking_values

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("is_customer_purchase") and vals.get("name", "New") == "New":
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(vals.get("company_id") or self.env.company)
                    .next_by_code("tradein.customer.purchase")
                    or "New"
                )
        check_workflow_create(self, vals_list, PURCHASE_WORKFLOW_FIELDS)
        orders = super().create(vals_list)
        orders._tradein_remember_seller_identification()
        self.env["tradein.blocked.attempt"]._tradein_log_orders(orders)
        return orders

    def write(self, vals):
        self._tradein_check_register_write(vals)
        res = super().write(vals)
        if SELLER_ID_FIELDS.keys() & vals.keys():
            self._tradein_remember_seller_identification()
        if {"partner_id", "seller_id_number"} & vals.keys():
            self.env["tradein.blocked.attempt"]._tradein_log_orders(self)
        if {"partner_id", "fiscal_position_id"} & vals.keys():
            # Another seller may charge other VAT (hook of the lines).
            self.order_line._tradein_apply_taxes()
        return res

    def _tradein_check_register_write(self, vals):
        """A customer purchase is a legal record: its workflow fields, its
        status and, once paid out, its seller, prices and serials change only
        through its actions, whoever writes (form or RPC)."""
        check_workflow_fields(self, vals, (*PURCHASE_WORKFLOW_FIELDS, "is_customer_purchase"))
        customer_purchases = self.filtered("is_customer_purchase")
        check_workflow_fields(customer_purchases, vals, ("state",))
        paid = customer_purchases.filtered("payout_date")
        check_workflow_fields(paid, vals, PAID_PURCHASE_FIELDS)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_paid_customer_purchase(self):
        # Whatever its fields say: a bill, a payment, a store-credit entry or
        # a received item keeps the purchase in the register.
        paid = self.filtered(
            lambda order: (
                order.payout_date
                or order.payout_bill_id
                or order.payout_payment_id
                or order.payout_credit_move_id
                or order.invoice_ids.filtered(lambda move: move.state == "posted")
                or order.order_line.move_ids.filtered(lambda move: move.state == "done")
            )
        )
        if paid:
            raise UserError(
                self.env._(
                    "Customer purchase %(names)s was paid out: second-hand dealers must keep it "
                    "in their register. Cancel it instead.",
                    names=", ".join(paid.mapped("name")),
                )
            )

    # ------------------------------------------------------------------
    # Hooks of Odoo's purchase flow
    # ------------------------------------------------------------------

    def _add_supplier_to_product(self):
        # A member of the public is not a vendor of the product.
        return super(
            PurchaseOrder, self.filtered(lambda o: not o.is_customer_purchase)
        )._add_supplier_to_product()

    def _prepare_invoice(self):
        values = super()._prepare_invoice()
        if self.is_customer_purchase:
            values.update(
                {
                    "ref": self.name,
                    "invoice_date": fields.Date.context_today(self),
                    "narration": self.env._(
                        "Self-billing document: issued by the buyer %(company)s on behalf "
                        "of the seller %(seller)s for the second-hand goods listed.",
                        company=self.company_id.name,
                        seller=self.partner_id.name,
                    ),
                }
            )
        return values

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_tradein_print_receipt(self):
        return self.env.ref("tradein_serial.action_report_customer_purchase_receipt").report_action(
            self
        )

    def action_view_tradein_sale(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.tradein_sale_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _tradein_lock(self):
        """Lock the purchase rows so two pay-outs or cancels cannot overlap."""
        lock_or_refuse(
            self,
            lambda busy: self.env._(
                "%(names)s is being paid out or cancelled by someone else right now: "
                "reload it in a moment.",
                names=", ".join(busy.mapped("name")),
            ),
        )

    def _tradein_acquisition_type(self):
        """How serials bought through this order were acquired (stock.lot)."""
        self.ensure_one()
        if self.tradein_sale_id:
            return "trade_in"
        return "customer_purchase" if self.is_customer_purchase else "vendor_purchase"

    def _tradein_receipt_location(self):
        """Where items of this order are received; False: the receipt's own."""
        self.ensure_one()
        return self.tradein_sale_id and self.company_id.tradein_location_id
