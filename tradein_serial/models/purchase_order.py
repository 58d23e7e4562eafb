from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools import check_workflow_create
from ..tools import check_workflow_fields
from ..tools import lock_rows
from ..tools import record_approval
from ..tools import workflow_method
from .res_partner import ID_TYPES

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
    seller_id_type = fields.Selection(
        ID_TYPES,
        groups="tradein_serial.group_tradein_seller_identity",
        string="ID Type",
        compute="_compute_seller_identification",
        store=True,
        readonly=False,
        tracking=True,
    )
    seller_id_number = fields.Char(
        groups="tradein_serial.group_tradein_seller_identity",
        string="ID Number",
        compute="_compute_seller_identification",
        store=True,
        readonly=False,
        tracking=True,
    )
    seller_id_country_id = fields.Many2one(
        "res.country",
        groups="tradein_serial.group_tradein_seller_identity",
        string="ID Issuing Country",
        compute="_compute_seller_identification",
        store=True,
        readonly=False,
    )
    seller_id_authority = fields.Char(
        groups="tradein_serial.group_tradein_seller_identity",
        string="ID Issuing Authority",
        compute="_compute_seller_identification",
        store=True,
        readonly=False,
    )
    seller_id_expiry = fields.Date(
        groups="tradein_serial.group_tradein_seller_identity",
        string="ID Expiry Date",
        compute="_compute_seller_identification",
        store=True,
        readonly=False,
    )
    seller_birthdate = fields.Date(
        groups="tradein_serial.group_tradein_seller_identity",
        string="Date of Birth",
        compute="_compute_seller_identification",
        store=True,
        readonly=False,
    )
    payout_method = fields.Selection(PAYOUT_METHODS, readonly=True, copy=False, tracking=True)
    payout_date = fields.Date(readonly=True, copy=False, index=True)
    payout_journal_id = fields.Many2one(
        "account.journal", readonly=True, copy=False, check_company=True
    )
    payout_bill_id = fields.Many2one(
        "account.move", string="Self-Billing Bill", readonly=True, copy=False, check_company=True
    )
    payout_payment_id = fields.Many2one(
        "account.payment", readonly=True, copy=False, check_company=True
    )
    payout_credit_move_id = fields.Many2one(
        "account.move", string="Store Credit Entry", readonly=True, copy=False, check_company=True
    )
    payout_reference = fields.Char(readonly=True, copy=False)
    tradein_approved_by_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False, tracking=True
    )
    tradein_approved_amount = fields.Monetary(readonly=True, copy=False)
    tradein_needs_approval = fields.Boolean(compute="_compute_tradein_needs_approval")
    tradein_blocked_warning = fields.Text(
        string="Blocked List", compute="_compute_tradein_blocked_warning"
    )
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
        "is_customer_purchase",
        "payout_date",
        "amount_total",
        "tradein_approved_amount",
        "company_id.tradein_approval_amount",
    )
    def _compute_tradein_needs_approval(self):
        for order in self:
            limit = order.company_id.tradein_approval_amount
            order.tradein_needs_approval = bool(
                order.is_customer_purchase
                and not order.payout_date
                and not order.tradein_sale_id
                and limit
                and order.currency_id.compare_amounts(order.amount_total, limit) > 0
                and order.currency_id.compare_amounts(
                    order.amount_total, order.tradein_approved_amount
                )
                > 0
            )

    @api.depends(
        "partner_id",
        "state",
        "order_line.product_id",
        "order_line.tradein_lot_id",
        "order_line.tradein_serial_name",
    )
    def _compute_tradein_blocked_warning(self):
        Attempt = self.env["tradein.blocked.attempt"]
        for order in self:
            order.tradein_blocked_warning = Attempt._tradein_warning(order)

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

    @api.depends("partner_id", "is_customer_purchase")
    def _compute_seller_identification(self):
        for order in self:
            partner = order.partner_id
            if not order.is_customer_purchase or not partner:
                continue
            for field, partner_field in SELLER_ID_FIELDS.items():
                order[field] = partner[partner_field]

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

    def _tradein_remember_seller_identification(self):
        """Store the identification typed on the purchase on the seller too."""
        # sudo: the identification is copied by the system for whoever saves
        # the purchase; only the seller-identity group reads or types it.
        for order in self.sudo().filtered("is_customer_purchase"):
            partner = order.partner_id
            values = {
                partner_field: order[field]
                for field, partner_field in SELLER_ID_FIELDS.items()
                if order[field] and order[field] != partner[partner_field]
            }
            if values:
                partner.write(
                    {
                        key: value.id if isinstance(value, models.BaseModel) else value
                        for key, value in values.items()
                    }
                )

    # ------------------------------------------------------------------
    # Hooks of Odoo's purchase flow
    # ------------------------------------------------------------------

    def _approval_allowed(self):
        # One approval for a customer purchase: a Trade-in Administrator's
        # Approve above the company's limit (Odoo's own two-step validation
        # of vendor orders does not apply to buying from the public).
        if self.is_customer_purchase:
            return not self.tradein_needs_approval
        return super()._approval_allowed()

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

    def action_tradein_payout(self):
        self.ensure_one()
        self._tradein_check_payable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pay for Customer Purchase"),
            "res_model": "tradein.payout.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_purchase_id": self.id},
        }

    def action_tradein_approve(self):
        """A Trade-in Administrator approves the pay-out of a large purchase."""
        return record_approval(
            self,
            lambda order: order.amount_total,
            self.env._("Only a Trade-in Administrator can approve a purchase."),
            lambda order, amount: self.env._(
                "Pay-out of %(amount)s approved.", amount=order.currency_id.format(amount)
            ),
        )

    def action_tradein_print_receipt(self):
        return self.env.ref("tradein_serial.action_report_customer_purchase_receipt").report_action(
            self
        )

    def action_tradein_cancel(self):
        for order in self:
            order._tradein_cancel()
        return True

    def action_view_tradein_sale(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.tradein_sale_id.id,
            "view_mode": "form",
        }

    def action_view_tradein_bill(self):
        self.ensure_one()
        return self.action_view_invoice(self.payout_bill_id)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _tradein_lock(self):
        """Lock the purchase rows so two pay-outs or cancels cannot overlap."""
        busy = lock_rows(self)
        if busy:
            raise UserError(
                self.env._(
                    "%(names)s is being paid out or cancelled by someone else right now: "
                    "reload it in a moment.",
                    names=", ".join(busy.mapped("name")),
                )
            )
        self.invalidate_recordset(["payout_date", "state"])

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

    def _tradein_missing_identification(self):
        """Labels of the seller identification fields still empty."""
        self.ensure_one()
        if not self.company_id.tradein_require_identification:
            return []
        # sudo: only whether the identification is there is checked, which
        # every clerk may know; its content stays with the identity group.
        order = self.sudo()
        return [
            self._fields[name].get_description(self.env)["string"]
            for name in REQUIRED_SELLER_ID_FIELDS
            if not order[name]
        ]

    def _tradein_check_seller_identity(self):
        """When identification is required, it must make sense: a date of
        birth in the past, a seller of the company's minimum age, an ID not
        expired."""
        self.ensure_one()
        company = self.company_id
        if not company.tradein_require_identification:
            return
        # sudo: only the dates are compared, which every clerk may know the
        # outcome of; the identification stays with the identity group.
        order = self.sudo()
        today = fields.Date.context_today(self)
        birthdate = order.seller_birthdate
        if birthdate and birthdate > today:
            raise UserError(
                self.env._(
                    "The seller's date of birth on %(name)s is in the future: check it.",
                    name=self.name,
                )
            )
        minimum = company.tradein_min_seller_age
        if birthdate and minimum and relativedelta(today, birthdate).years < minimum:
            raise UserError(
                self.env._(
                    "The seller of %(name)s is under %(age)s: the shop does not buy from minors.",
                    name=self.name,
                    age=minimum,
                )
            )
        if order.seller_id_expiry and order.seller_id_expiry < today:
            raise UserError(
                self.env._(
                    "The seller's ID on %(name)s expired on %(date)s: ask for a valid one.",
                    name=self.name,
                    date=order.seller_id_expiry,
                )
            )

    # ------------------------------------------------------------------
    # Blocked items and sellers
    # ------------------------------------------------------------------

    def _tradein_checks_blocked(self):
        """A customer purchase of its own not paid out yet (a trade-in's is
        checked on its sale)."""
        self.ensure_one()
        return (
            self.is_customer_purchase
            and not self.tradein_sale_id
            and not self.payout_date
            and self.state != "cancel"
        )

    def _tradein_blocked_offers(self):
        """What this purchase offers that is on a blocked list."""
        self.ensure_one()
        lines_serials = [
            (line.product_id, [line._tradein_serial(), line.tradein_lot_id.tradein_imei2])
            for line in self.order_line
            if not line.display_type and line._tradein_serial()
        ]
        return self.env["tradein.blocked.attempt"]._tradein_offers(
            self,
            lines_serials,
            self.partner_id,
            # sudo: the ID number is compared with the list, not shown.
            self.sudo().seller_id_number,
        )

    def _tradein_check_not_blocked(self):
        """Only a Trade-in Administrator buys a blocked item or from a blocked
        seller (flagged at pay-out on the purchase, the seller and the register)."""
        self.ensure_one()
        reasons = self.env["tradein.blocked.attempt"]._tradein_refusal(
            self, self._tradein_blocked_offers()
        )
        if reasons:
            raise UserError(
                self.env._(
                    "%(name)s cannot be paid out. %(reasons)s Do not buy it: a Trade-in "
                    "Administrator decides.",
                    name=self.name,
                    reasons=reasons,
                )
            )

    def _tradein_check_payable(self):
        self.ensure_one()
        if not self.is_customer_purchase:
            raise UserError(self.env._("%(name)s is not a customer purchase.", name=self.name))
        if self.payout_date:
            raise UserError(
                self.env._("Customer purchase %(name)s has already been paid out.", name=self.name)
            )
        if self.state == "cancel":
            raise UserError(self.env._("Customer purchase %(name)s is cancelled.", name=self.name))
        lines = self.order_line.filtered(lambda line: not line.display_type)
        if not lines:
            raise UserError(
                self.env._("Add at least one item to %(name)s before paying out.", name=self.name)
            )
        if self.tradein_needs_approval:
            raise UserError(
                self.env._(
                    "%(name)s is above %(limit)s: a Trade-in Administrator must approve it "
                    "before it is paid out.",
                    name=self.name,
                    limit=self.currency_id.format(self.company_id.tradein_approval_amount),
                )
            )
        missing = self._tradein_missing_identification()
        if missing:
            raise UserError(
                self.env._(
                    "Identify the seller before paying out %(name)s: %(fields)s missing.",
                    name=self.name,
                    fields=", ".join(missing),
                )
            )
        self._tradein_check_seller_identity()
        lines._tradein_check_serials()
        self._tradein_check_not_blocked()

    @workflow_method
    def _tradein_pay_out(self, method, journal=None, reference=None, memo=None):
        """Confirm the purchase, post its self-billing bill and pay the seller.

        :param method: ``"journal"`` (cash or bank, ``journal`` required) or
            ``"store_credit"`` (the seller's payable becomes a customer credit)
        :return: the posted bill
        """
        self.ensure_one()
        if method not in ("journal", "store_credit"):
            raise UserError(self.env._("Pay out in cash, by bank or as store credit."))
        self._tradein_lock()
        self._tradein_check_payable()
        self.env["tradein.blocked.attempt"]._tradein_accept(self)
        if method == "journal" and (not journal or journal.type not in ("cash", "bank")):
            raise UserError(self.env._("Choose the cash or bank journal that pays the seller."))
        if self.state in ("draft", "sent"):
            self.button_confirm()
        if self.state != "purchase":
            raise UserError(
                self.env._(
                    "%(name)s must be confirmed before it is paid out (it waits for approval).",
                    name=self.name,
                )
            )
        # The bill carries the taxes of the rule, also when the seller changed
        # since the lines were saved.
        self.order_line._tradein_apply_taxes()
        bills_before = self.invoice_ids
        self.action_create_invoice()
        bill = self.invoice_ids - bills_before
        if len(bill) != 1:
            raise UserError(self.env._("Nothing to bill on %(name)s.", name=self.name))
        # sudo: the self-billing bill, its payment and the store-credit entry
        # are the pay-out's own documents, posted for a counter clerk who may
        # not post invoices (Trade-ins / User is not Billing).
        bill.sudo().action_post()
        values = {
            "payout_method": method,
            "payout_date": fields.Date.context_today(self),
            "payout_bill_id": bill.id,
            "payout_reference": reference,
        }
        if method == "journal":
            payment = self._tradein_pay_bill(bill, journal, memo or reference or self.name)
            values.update(payout_journal_id=journal.id, payout_payment_id=payment.id)
        else:
            entry = self._tradein_bill_to_store_credit(bill, memo or reference)
            values.update(payout_journal_id=entry.journal_id.id, payout_credit_move_id=entry.id)
        self.write(values)
        self.order_line.filtered(lambda line: not line.display_type)._tradein_paid_out()
        return bill

    def _tradein_pay_bill(self, bill, journal, memo):
        # sudo: see _tradein_pay_out (the pay-out's own payment).
        register = (
            self.env["account.payment.register"]
            .sudo()
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create(
                {
                    "journal_id": journal.id,
                    "payment_date": fields.Date.context_today(self),
                    "communication": memo,
                }
            )
        )
        return register._create_payments().sudo(False)

    def _tradein_bill_to_store_credit(self, bill, memo):
        """Move the seller's payable to their receivable: a credit to spend here."""
        partner = bill.commercial_partner_id
        payable = bill.line_ids.filtered(lambda line: line.account_type == "liability_payable")
        receivable_account = partner.with_company(self.company_id).property_account_receivable_id
        if not receivable_account:
            raise UserError(
                self.env._(
                    "%(partner)s has no receivable account in %(company)s: store credit needs "
                    "one (Accounting tab of the contact).",
                    partner=partner.display_name,
                    company=self.company_id.name,
                )
            )
        amount = -sum(payable.mapped("balance"))
        label = self.env._("Store credit for %(name)s", name=self.name)
        if memo:
            label = f"{label} - {memo}"
        # sudo: see _tradein_pay_out (the pay-out's own store-credit entry).
        entry = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "entry",
                    "journal_id": self.company_id._tradein_store_credit_journal().id,
                    "date": fields.Date.context_today(self),
                    "ref": self.name,
                    "company_id": self.company_id.id,
                    "line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "account_id": payable.account_id.id,
                                "partner_id": partner.id,
                                "debit": amount,
                            }
                        ),
                        Command.create(
                            {
                                "name": label,
                                "account_id": receivable_account.id,
                                "partner_id": partner.id,
                                "credit": amount,
                            }
                        ),
                    ],
                }
            )
        )
        entry.action_post()
        (
            payable.sudo()
            + entry.line_ids.filtered(lambda line: line.account_id == payable.account_id)
        ).reconcile()
        return entry.sudo(False)

    @workflow_method
    def _tradein_cancel(self):
        """Cancel a customer purchase; after pay-out, undo bill, payment and receipt."""
        self.ensure_one()
        if not self.is_customer_purchase:
            return self.button_cancel()
        self._tradein_lock()
        if self.state == "cancel":
            return True
        if self.payout_date:
            self._tradein_check_cancellable()
            self.order_line._tradein_return_received()
            # sudo: cancelling the purchase cancels its own pay-out documents,
            # for a clerk who may not post or cancel invoices (see pay-out).
            if self.payout_payment_id:
                self.payout_payment_id.sudo().action_draft()
                self.payout_payment_id.sudo().action_cancel()
            if self.payout_credit_move_id:
                self.payout_credit_move_id.sudo().button_draft()
                self.payout_credit_move_id.sudo().button_cancel()
            self.payout_bill_id.sudo().button_draft()
            self.payout_bill_id.sudo().button_cancel()
        self.button_cancel()
        self.message_post(body=self.env._("Customer purchase cancelled."))
        return True

    def _tradein_check_cancellable(self):
        self.ensure_one()
        sold = self.order_line._tradein_sold_on_lots()
        if sold:
            raise UserError(
                self.env._(
                    "%(name)s cannot be cancelled: serial %(serials)s has already been sold on.",
                    name=self.name,
                    serials=", ".join(sold.mapped("name")),
                )
            )
        credit = self.payout_credit_move_id.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        if credit and not credit.currency_id.is_zero(credit.amount_residual - credit.balance):
            raise UserError(
                self.env._(
                    "%(name)s cannot be cancelled: the customer has already spent part of the "
                    "store credit it gave.",
                    name=self.name,
                )
            )
