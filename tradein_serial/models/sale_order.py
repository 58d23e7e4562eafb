from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import check_workflow_create
from ..tools import check_workflow_fields
from ..tools import record_approval
from ..tools import workflow_method
from .purchase_order import REQUIRED_SELLER_ID_FIELDS
from .purchase_order import SELLER_ID_FIELDS

# Written by the workflow only (Approve Trade-in).
SALE_WORKFLOW_FIELDS = ("tradein_approved_by_id", "tradein_approved_amount")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    tradein_purchase_ids = fields.One2many(
        "purchase.order", "tradein_sale_id", string="Trade-in Purchases", readonly=True
    )
    tradein_count = fields.Integer(compute="_compute_tradein_count")
    tradein_has_lines = fields.Boolean(compute="_compute_tradein_has_lines")
    tradein_to_receive = fields.Boolean(compute="_compute_tradein_count")
    tradein_billing_status = fields.Selection(
        [
            ("none", "Nothing Invoiced"),
            ("partial", "Partially Invoiced"),
            ("full", "Fully Invoiced"),
        ],
        string="Billing Status",
        compute="_compute_tradein_billing_status",
        store=True,
        help="Nothing invoiced yet; partially invoiced (a deposit, or part of the "
        "order); or every line invoiced.",
    )
    tradein_deposit_amount = fields.Monetary(
        string="Deposits",
        compute="_compute_tradein_deposit_amount",
        help="Deposits invoiced (posted) on this order.",
    )
    tradein_deposit_waiting = fields.Boolean(compute="_compute_tradein_deposit_waiting")
    tradein_allowance_total = fields.Monetary(
        string="Trade-in Allowances",
        compute="_compute_tradein_allowance_total",
        help="What the customer is given for the items traded in on this order.",
    )
    tradein_approved_by_id = fields.Many2one(
        "res.users", string="Trade-in Approved By", readonly=True, copy=False, tracking=True
    )
    tradein_approved_amount = fields.Monetary(
        string="Trade-in Approved Amount", readonly=True, copy=False
    )
    tradein_needs_approval = fields.Boolean(
        compute="_compute_tradein_allowance_total",
        help="The trade-ins are above the company's approval limit: a Trade-in "
        "Administrator approves them before the order is confirmed.",
    )
    tradein_blocked_warning = fields.Text(
        string="Blocked List", compute="_compute_tradein_blocked_warning"
    )

    @api.depends(
        "order_line.is_tradein",
        "order_line.tradein_allowance",
        "order_line.product_uom_qty",
        "tradein_approved_amount",
        "company_id.tradein_approval_amount",
        "state",
    )
    def _compute_tradein_allowance_total(self):
        for order in self:
            tradeins = order.order_line.filtered("is_tradein")
            total = sum(line.tradein_allowance * line.product_uom_qty for line in tradeins)
            order.tradein_allowance_total = total
            company = order.company_id or self.env.company
            limit = company.tradein_approval_amount
            currency = order.currency_id or company.currency_id
            if limit and currency != company.currency_id:
                limit = company.currency_id._convert(
                    limit, currency, company, order.date_order or fields.Date.context_today(order)
                )
            order.tradein_needs_approval = bool(
                tradeins
                and order.state in ("draft", "sent")
                and limit
                and currency.compare_amounts(total, limit) > 0
                and currency.compare_amounts(total, order.tradein_approved_amount) > 0
            )

    @api.depends(
        "partner_id",
        "state",
        "order_line.is_tradein",
        "order_line.product_id",
        "order_line.tradein_product_id",
        "order_line.tradein_lot_id",
        "order_line.tradein_serial_name",
    )
    def _compute_tradein_blocked_warning(self):
        Attempt = self.env["tradein.blocked.attempt"]
        for order in self:
            order.tradein_blocked_warning = Attempt._tradein_warning(order)

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, SALE_WORKFLOW_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        check_workflow_fields(self, vals, SALE_WORKFLOW_FIELDS)
        res = super().write(vals)
        if "partner_id" in vals:
            self.env["tradein.blocked.attempt"]._tradein_log_orders(self)
        return res

    # ------------------------------------------------------------------
    # Blocked items and sellers (the trade-ins of a quotation)
    # ------------------------------------------------------------------

    def _tradein_blocked_lines(self):
        return self.order_line.filtered(
            lambda line: line.is_tradein and not line.tradein_purchase_line_id
        )

    def _tradein_checks_blocked(self):
        """A quotation taking items in."""
        self.ensure_one()
        return self.state in ("draft", "sent") and bool(self._tradein_blocked_lines())

    def _tradein_blocked_offers(self):
        """What the trade-ins of this quotation offer that is on a blocked list."""
        self.ensure_one()
        lines_serials = [
            (
                line.product_id | line.tradein_product_id,
                [
                    line.tradein_lot_id.name or line.tradein_serial_name,
                    line.tradein_lot_id.tradein_imei2,
                ],
            )
            for line in self._tradein_blocked_lines()
            if line.tradein_lot_id or line.tradein_serial_name
        ]
        return self.env["tradein.blocked.attempt"]._tradein_offers(
            self,
            lines_serials,
            self.partner_id,
            # sudo: the ID number is compared with the list, not shown.
            self.partner_id.sudo().tradein_id_number,
        )

    def _confirmation_error_message(self):
        # Trade-ins above the limit wait for approval like a large customer
        # purchase: the order is not confirmed, nothing is received.
        message = super()._confirmation_error_message()
        if message:
            return message
        self.order_line.tradein_lot_sold_id._tradein_check_not_on_hold(self.env._("sold"))
        if self._tradein_checks_blocked():
            reasons = self.env["tradein.blocked.attempt"]._tradein_refusal(
                self, self._tradein_blocked_offers()
            )
            if reasons:
                return self.env._(
                    "The trade-in on %(order)s cannot be taken in. %(reasons)s Do not buy it: "
                    "a Trade-in Administrator decides.",
                    order=self.name,
                    reasons=reasons,
                )
        if self.order_line.filtered("is_tradein") and not self.env.user.has_group(
            "tradein_serial.group_tradein_user"
        ):
            # Taking an item in is a customer purchase (register, receipt):
            # a clear word instead of the access error it would meet.
            return self.env._(
                "%(order)s takes in a trade-in, which buys the item from the customer: a "
                "Trade-ins user confirms it (Trade-ins / User right).",
                order=self.name,
            )
        if not self.tradein_needs_approval:
            return message
        return self.env._(
            "The trade-ins of %(order)s (%(amount)s) are above %(limit)s: a Trade-in "
            "Administrator (%(approvers)s) must approve them first (Approve Trade-in).",
            order=self.name,
            amount=self.currency_id.format(self.tradein_allowance_total),
            limit=self.company_id.currency_id.format(self.company_id.tradein_approval_amount),
            approvers=", ".join(self.company_id._tradein_approvers().mapped("name"))
            or self.env._("none yet: see Settings > Users"),
        )

    def action_tradein_approve(self):
        """A Trade-in Administrator approves the trade-ins of these quotations."""
        return record_approval(
            self,
            lambda order: order.tradein_allowance_total,
            self.env._("Only a Trade-in Administrator can approve a trade-in."),
            lambda order, amount: self.env._(
                "Trade-ins of %(amount)s approved.", amount=order.currency_id.format(amount)
            ),
        )

    @api.depends(
        "state",
        "order_line.qty_invoiced",
        "order_line.product_uom_qty",
        "order_line.invoice_lines.parent_state",
    )
    def _compute_tradein_billing_status(self):
        for order in self:
            posted = order.order_line.invoice_lines.filtered(
                lambda line: line.parent_state == "posted"
            )
            lines = order.order_line.filtered(
                lambda line: not line.display_type and not line.is_downpayment
            )
            if not posted:
                order.tradein_billing_status = "none"
            elif lines and all(
                line.product_uom_id.compare(line.qty_invoiced, line.product_uom_qty) >= 0
                for line in lines
            ):
                order.tradein_billing_status = "full"
            else:
                order.tradein_billing_status = "partial"

    @api.depends("order_line.invoice_lines.parent_state", "order_line.invoice_lines.price_total")
    def _compute_tradein_deposit_amount(self):
        for order in self:
            order.tradein_deposit_amount = sum(order._tradein_deposit_lines().mapped("price_total"))

    @api.depends("state", "order_line.invoice_lines.parent_state")
    def _compute_tradein_deposit_waiting(self):
        for order in self:
            order.tradein_deposit_waiting = order.state == "sale" and any(
                line._tradein_waits_for_deposit() for line in order.order_line
            )

    @api.depends("tradein_purchase_ids.order_line.tradein_state")
    def _compute_tradein_count(self):
        for order in self:
            purchases = order.tradein_purchase_ids.filtered(lambda p: p.state != "cancel")
            order.tradein_count = len(purchases)
            order.tradein_to_receive = any(
                line.tradein_state in ("pending", "product_created")
                for line in purchases.order_line
            )

    def _tradein_missing_identification(self):
        """The identification its trade-ins need that the customer lacks."""
        self.ensure_one()
        if not (self.company_id.tradein_require_identification and self._tradein_lines()):
            return []
        # sudo: only whether the identification is there is checked.
        partner = self.partner_id.sudo()
        required = [SELLER_ID_FIELDS[name] for name in REQUIRED_SELLER_ID_FIELDS]
        return [
            partner._fields[name].get_description(self.env)["string"]
            for name in required
            if not partner[name]
        ]

    def _tradein_lines(self):
        return self.order_line.filtered("is_tradein")

    @api.depends("order_line.is_tradein")
    def _compute_tradein_has_lines(self):
        for order in self:
            order.tradein_has_lines = bool(order._tradein_lines())

    def action_tradein_identify(self, confirm_after=False):
        """Enter or check the customer's identification from the quotation."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Identify %(customer)s", customer=self.partner_id.display_name),
            "res_model": "tradein.seller.identification.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_sale_id": self.id, "default_confirm_after": confirm_after},
        }

    def action_confirm(self):
        # A trade-in's seller without identification: the assistant enters it
        # at Confirm, then the order is confirmed (users who may see IDs).
        for order in self.filtered(lambda order: order.state in ("draft", "sent")):
            missing = order._tradein_missing_identification()
            # What stops the confirmation anyway (approval, a blocked item...)
            # is said first, by Odoo's own check.
            if not missing or order._confirmation_error_message():
                continue
            if len(self) == 1 and self.env.user.has_group(
                "tradein_serial.group_tradein_seller_identity"
            ):
                return order.action_tradein_identify(confirm_after=True)
            order._tradein_refuse_unidentified(missing)
        return super().action_confirm()

    def _tradein_refuse_unidentified(self, missing):
        raise UserError(
            self.env._(
                "Identify %(customer)s before taking in a trade-in on %(order)s: "
                "%(fields)s missing (Seller ID on the quotation, or the customer's form, "
                "tab Identification).",
                customer=self.partner_id.display_name,
                order=self.name,
                fields=", ".join(missing),
            )
        )

    def _action_confirm(self):
        for order in self.filtered(lambda order: order._tradein_blocked_lines()):
            self.env["tradein.blocked.attempt"]._tradein_accept(order)
        res = super()._action_confirm()
        self._tradein_create_purchases()
        return res

    def _action_cancel(self):
        for order in self:
            order._tradein_cancel_purchases()
        return super()._action_cancel()

    def _create_invoices(self, grouped=False, final=False, date=None):
        moves = super()._create_invoices(grouped=grouped, final=final, date=date)
        # Odoo would turn an invoice into a credit note when the deposit deducted
        # is more than what was delivered: refuse it, the customer owes more.
        refunds = moves.filtered(
            lambda move: (
                move.move_type == "out_refund"
                and any(move.invoice_line_ids.sale_line_ids.mapped("is_downpayment"))
            )
        )
        if refunds:
            orders = refunds.invoice_line_ids.sale_line_ids.order_id
            raise UserError(
                self.env._(
                    "The deposit of %(orders)s is more than what has been delivered so far: "
                    "deliver the rest before the final invoice, or invoice without deducting "
                    "the deposit.",
                    orders=", ".join(orders.mapped("name")),
                )
            )
        return moves

    def _tradein_deposit_lines(self):
        """Posted invoice lines of the deposits (down payments) of this order."""
        self.ensure_one()
        return self.order_line.filtered("is_downpayment").invoice_lines.filtered(
            lambda line: (
                line.parent_state == "posted"
                and line.move_id.move_type == "out_invoice"
                and line.price_total > 0
            )
        )

    def _tradein_deposit_posted(self):
        self.ensure_one()
        return bool(self._tradein_deposit_lines())

    def _tradein_launch_deposit_procurements(self):
        """The deposit is in: order what was waiting for it."""
        lines = self.order_line.filtered(
            lambda line: (
                line.state == "sale"
                and line.product_id
                and line.product_id.product_tmpl_id._tradein_deposit_required()
            )
        )
        lines._action_launch_stock_rule()

    def action_tradein_take_deposit(self):
        self.ensure_one()
        self._tradein_check_deposit_allowed()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Take Deposit"),
            "res_model": "tradein.deposit.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_sale_id": self.id},
        }

    def _tradein_check_deposit_allowed(self, amount=None):
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group("account.group_account_invoice"):
            raise UserError(
                self.env._(
                    "Taking a deposit posts an invoice and its payment: it needs the "
                    "Invoicing right (Accounting / Billing)."
                )
            )
        if self.state == "cancel":
            raise UserError(
                self.env._("%(order)s is cancelled: it takes no deposit.", order=self.name)
            )
        remaining = self.amount_total - self.tradein_deposit_amount
        if self.currency_id.compare_amounts(remaining, 0.0) <= 0:
            raise UserError(
                self.env._("%(order)s is already fully paid by deposit.", order=self.name)
            )
        if amount is not None:
            if self.currency_id.compare_amounts(amount, 0.0) <= 0:
                raise UserError(self.env._("The deposit must be more than zero."))
            if self.currency_id.compare_amounts(amount, remaining) > 0:
                raise UserError(
                    self.env._(
                        "The deposit (%(amount)s) is more than what is left to pay on "
                        "%(order)s (%(remaining)s).",
                        amount=self.currency_id.format(amount),
                        order=self.name,
                        remaining=self.currency_id.format(remaining),
                    )
                )

    def _tradein_take_deposit(self, amount, journal=None):
        """Invoice and post a deposit of `amount` (taxes included); pay it from
        `journal` if given.

        :return: the posted deposit invoice
        """
        self.ensure_one()
        self._tradein_check_deposit_allowed(amount)
        if self.state in ("draft", "sent"):
            self.action_confirm()
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=self.ids)
            .create({"advance_payment_method": "fixed", "fixed_amount": amount})
        )
        invoice = wizard._create_invoices(self)
        invoice.action_post()
        if journal:
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"journal_id": journal.id})._create_payments()
        return invoice

    def action_tradein_receive(self):
        lines = self.tradein_purchase_ids.order_line.filtered(
            lambda line: line.tradein_state in ("pending", "product_created")
        )
        if not lines:
            raise UserError(self.env._("There is no trade-in left to receive."))
        lines._tradein_receive("in_inventory")
        return True

    def action_view_tradein_purchases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tradein_serial.customer_purchase_action"
        )
        action["domain"] = [("tradein_sale_id", "=", self.id)]
        if len(self.tradein_purchase_ids) == 1:
            action.update(
                view_mode="form", res_id=self.tradein_purchase_ids.id, views=[(False, "form")]
            )
            action["views"] = [
                (self.env.ref("tradein_serial.customer_purchase_view_form").id, "form")
            ]
        return action

    @workflow_method
    def _tradein_create_purchases(self):
        """Behind the trade-in lines, the customer purchase of the items."""
        for order in self:
            lines = order.order_line.filtered(
                lambda line: line.is_tradein and not line.tradein_purchase_line_id
            )
            if not lines:
                continue
            lines._tradein_create_products()
            purchase = self.env["purchase.order"].create(
                {
                    "partner_id": order.partner_id.id,
                    "is_customer_purchase": True,
                    "tradein_sale_id": order.id,
                    "company_id": order.company_id.id,
                    "currency_id": order.currency_id.id,
                    "origin": order.name,
                    "user_id": order.user_id.id,
                    "order_line": [
                        fields.Command.create(line._tradein_purchase_line_values())
                        for line in lines
                    ],
                }
            )
            missing = purchase._tradein_missing_identification()
            if missing:
                order._tradein_refuse_unidentified(missing)
            purchase.button_confirm()
            purchase.write(
                {
                    "payout_method": "allowance",
                    "payout_date": fields.Date.context_today(self),
                }
            )
            for purchase_line in purchase.order_line:
                purchase_line.tradein_sale_line_id.tradein_purchase_line_id = purchase_line
            if order.company_id.tradein_receive_on_confirm:
                purchase.order_line._tradein_receive("in_inventory")

    @workflow_method
    def _tradein_cancel_purchases(self):
        self.ensure_one()
        purchases = self.tradein_purchase_ids.filtered(lambda p: p.state != "cancel")
        received = purchases.order_line.filtered(
            lambda line: line.tradein_state not in ("pending", "product_created")
        )
        if received:
            raise UserError(
                self.env._(
                    "%(order)s cannot be cancelled: its trade-in %(items)s has been received. "
                    "Cancel the customer purchase %(purchase)s first, which returns the item.",
                    order=self.name,
                    items=", ".join(received.mapped("name")),
                    purchase=", ".join(received.order_id.mapped("name")),
                )
            )
        for purchase in purchases:
            purchase._tradein_cancel()
