from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # Why beside core invoice_status: that one says what is left *to*
    # invoice ("to invoice" once a deposit is posted, or "nothing to invoice"
    # for an order invoiced on delivery before delivery), not what has been
    # invoiced. A shop taking deposits asks the second: has the deposit been
    # invoiced, is the order invoiced in full.
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
