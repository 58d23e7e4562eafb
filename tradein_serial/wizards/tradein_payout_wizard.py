from odoo import api, fields, models

from ..models.purchase_order import PAYOUT_METHODS


class TradeinPayoutWizard(models.TransientModel):
    _name = "tradein.payout.wizard"
    _description = "Pay for Customer Purchase"

    purchase_id = fields.Many2one("purchase.order", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="purchase_id.company_id")
    currency_id = fields.Many2one(related="purchase_id.currency_id")
    partner_id = fields.Many2one(related="purchase_id.partner_id", string="Seller")
    amount = fields.Monetary(related="purchase_id.amount_total", string="Amount to Pay")
    method = fields.Selection(
        PAYOUT_METHODS, string="Payment Method", required=True, default="journal"
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Pay From",
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        domain="[('type', 'in', ('cash', 'bank')), ('company_id', '=', company_id)]",
    )
    reference = fields.Char(string="Ref Num")
    memo = fields.Char(string="Message")

    @api.depends("method", "company_id")
    def _compute_journal_id(self):
        for wizard in self:
            if wizard.method != "journal":
                wizard.journal_id = False
            elif not wizard.journal_id:
                # The till first, the bank otherwise.
                wizard.journal_id = self.env["account.journal"].search(
                    [
                        *self.env["account.journal"]._check_company_domain(wizard.company_id),
                        ("type", "in", ("cash", "bank")),
                    ],
                    order="type desc, sequence, id",
                    limit=1,
                )

    def action_record_payment(self):
        self.ensure_one()
        self.purchase_id._tradein_pay_out(
            self.method,
            journal=self.journal_id,
            reference=self.reference,
            memo=self.memo,
        )
        return {"type": "ir.actions.act_window_close"}
