from odoo import api, fields, models
from odoo.exceptions import UserError


class TradeinDepositWizard(models.TransientModel):
    _name = "tradein.deposit.wizard"
    _description = "Take a Deposit"

    sale_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="sale_id.company_id")
    currency_id = fields.Many2one(related="sale_id.currency_id")
    order_total = fields.Monetary(related="sale_id.amount_total")
    already_deposited = fields.Monetary(related="sale_id.tradein_deposit_amount")
    method = fields.Selection(
        [("fixed", "Amount"), ("percentage", "Percentage")], required=True, default="fixed"
    )
    percentage = fields.Float(default=100.0)
    amount = fields.Monetary(
        compute="_compute_amount",
        store=True,
        readonly=False,
        help="Deposit, taxes included.",
    )
    register_payment = fields.Boolean(string="Register the Payment", default=True)
    journal_id = fields.Many2one(
        "account.journal",
        string="Paid Into",
        domain="[('type', 'in', ('cash', 'bank')), ('company_id', '=', company_id)]",
    )

    @api.depends("method", "percentage", "order_total", "already_deposited")
    def _compute_amount(self):
        for wizard in self:
            if wizard.method == "percentage":
                wizard.amount = wizard.currency_id.round(
                    wizard.order_total * wizard.percentage / 100.0
                )
            elif not wizard.amount:
                wizard.amount = wizard.order_total - wizard.already_deposited

    def action_take_deposit(self):
        self.ensure_one()
        if self.register_payment and not self.journal_id:
            raise UserError(self.env._("Choose the cash or bank journal the deposit is paid into."))
        invoice = self.sale_id._tradein_take_deposit(
            self.amount, journal=self.journal_id if self.register_payment else None
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": invoice.id,
            "view_mode": "form",
        }
