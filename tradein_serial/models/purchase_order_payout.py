from odoo import Command, fields, models
from odoo.exceptions import UserError

from ..tools import workflow_method
from .purchase_order import PAYOUT_METHODS


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

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

    def action_view_tradein_bill(self):
        self.ensure_one()
        return self.action_view_invoice(self.payout_bill_id)

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
        bill = self._tradein_post_bill()
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

    def _tradein_post_bill(self):
        """Create and post the self-billing bill of the confirmed purchase."""
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
        line = {"name": label, "partner_id": partner.id}
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
                            {**line, "account_id": payable.account_id.id, "debit": amount}
                        ),
                        Command.create(
                            {**line, "account_id": receivable_account.id, "credit": amount}
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
