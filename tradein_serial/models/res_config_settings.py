from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    group_customer_purchase = fields.Boolean(
        string="Purchasing from the public",
        implied_group="tradein_serial.group_customer_purchase",
        help="Buy used goods from customers (customer purchases, buy-backs).",
    )
    tradein_require_identification = fields.Boolean(
        related="company_id.tradein_require_identification", readonly=False
    )
    # Shows the journal store credit uses: the one set, else the company's
    # miscellaneous journal (what the company falls back to).
    tradein_store_credit_journal_id = fields.Many2one(
        "account.journal",
        string="Store Credit Journal",
        compute="_compute_tradein_store_credit_journal_id",
        inverse="_inverse_tradein_store_credit_journal_id",
        readonly=False,
        domain="[('type', '=', 'general'), ('company_id', '=', company_id)]",
        help="Journal of the entries that turn a customer purchase into store credit.",
    )
    tradein_hold_days = fields.Integer(related="company_id.tradein_hold_days", readonly=False)
    tradein_min_seller_age = fields.Integer(
        related="company_id.tradein_min_seller_age", readonly=False
    )
    tradein_max_amount = fields.Monetary(
        related="company_id.tradein_max_amount",
        readonly=False,
        currency_field="company_currency_id",
    )
    tradein_tax_mode = fields.Selection(related="company_id.tradein_tax_mode", readonly=False)
    tradein_allowance_percent = fields.Float(
        related="company_id.tradein_allowance_percent", readonly=False
    )
    tradein_receive_on_confirm = fields.Boolean(
        related="company_id.tradein_receive_on_confirm", readonly=False
    )
    tradein_location_id = fields.Many2one(related="company_id.tradein_location_id", readonly=False)
    tradein_return_credit_note = fields.Selection(
        related="company_id.tradein_return_credit_note", readonly=False
    )
    tradein_swap_warranty = fields.Selection(
        related="company_id.tradein_swap_warranty", readonly=False
    )
    tradein_serial_policy = fields.Boolean(
        related="company_id.tradein_serial_policy", readonly=False
    )
    tradein_deposit_wait = fields.Boolean(related="company_id.tradein_deposit_wait", readonly=False)
    tradein_approval_amount = fields.Monetary(
        related="company_id.tradein_approval_amount",
        readonly=False,
        currency_field="company_currency_id",
    )

    @api.depends("company_id")
    def _compute_tradein_store_credit_journal_id(self):
        for settings in self:
            settings.tradein_store_credit_journal_id = (
                settings.company_id._tradein_store_credit_journal()
            )

    def _inverse_tradein_store_credit_journal_id(self):
        for settings in self:
            journal = settings.tradein_store_credit_journal_id
            if journal != settings.company_id.tradein_store_credit_journal_id:
                settings.company_id.tradein_store_credit_journal_id = journal
