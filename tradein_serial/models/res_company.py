import math

from odoo import SUPERUSER_ID, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    tradein_require_identification = fields.Boolean(
        string="Require Seller Identification",
        default=True,
        help="Customer purchases cannot be paid out until the seller's ID type, "
        "ID number and date of birth are filled in.",
    )
    tradein_store_credit_journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Store Credit Journal",
        domain="[('type', '=', 'general'), ('company_id', '=', id)]",
        help="Journal of the entries that turn a customer purchase into store "
        "credit. Defaults to the company's miscellaneous journal.",
    )
    tradein_approval_amount = fields.Monetary(
        string="Approval Above",
        currency_field="currency_id",
        help="Customer purchases above this amount need a Trade-in Administrator's "
        "approval before pay-out; 0: no approval.",
    )
    tradein_hold_days = fields.Integer(
        string="Hold Days",
        help="A serial bought from the public or taken in trade cannot be delivered or sold "
        "for this many days after its purchase (dealer laws: 14 in Norway). 0: no hold.",
    )
    tradein_min_seller_age = fields.Integer(
        string="Minimum Seller Age",
        default=18,
        help="With seller identification required, a customer purchase from a seller "
        "younger than this is refused at pay-out. 0: no minimum.",
    )
    tradein_max_amount = fields.Monetary(
        string="Highest Amount per Item",
        currency_field="currency_id",
        default=1000000.0,
        help="A customer purchase price or a trade-in allowance above this, per item, is "
        "refused: a typing error, or worse. 0: no limit.",
    )
    tradein_tax_mode = fields.Selection(
        [
            ("separate", "Trade-in is a separate purchase (tax on the full price)"),
            ("reduce", "Trade-in reduces the taxable price"),
        ],
        string="Trade-in Tax",
        default="separate",
        required=True,
        help="Separate purchase: sales tax on the full price of what is sold (EU, UK, "
        "Norway, California). Reduces the taxable price: the allowance is deducted "
        "before tax (Texas, Florida, New York).",
    )
    tradein_allowance_percent = fields.Float(
        string="Default Allowance (% of sales price)",
        default=50.0,
        help="Allowance offered for a trade-in when its product has no trade-in price.",
    )
    tradein_receive_on_confirm = fields.Boolean(
        string="Receive Trade-ins at Confirmation",
        default=True,
        help="Receive the traded-in items into stock when the sale order is confirmed; "
        "otherwise with the Receive Trade-ins button of the order.",
    )
    tradein_location_id = fields.Many2one(
        "stock.location",
        string="Trade-in Location",
        domain="[('usage', '=', 'internal'), ('company_id', 'in', (id, False))]",
        help="Where traded-in items are received; empty: the receipt's usual location.",
    )
    tradein_return_credit_note = fields.Selection(
        [
            ("off", "No automatic credit note"),
            ("draft", "Draft credit note"),
            ("posted", "Posted credit note"),
        ],
        string="Credit Note on Return",
        default="draft",
        required=True,
        help="When a sold and invoiced serial is returned, credit the amount its invoice "
        "line charged.",
    )
    tradein_swap_warranty = fields.Selection(
        [
            ("remainder", "Remainder of the old serial's warranty"),
            ("fresh", "A fresh warranty period"),
        ],
        string="Warranty of a Swapped Serial",
        default="remainder",
        required=True,
    )
    tradein_serial_policy = fields.Boolean(
        string="Serial Stock Policy",
        help="Serialized products get stock only through purchases, customer purchases, "
        "trade-ins, returns and the serial import; inventory adjustments cannot create "
        "serials.",
    )
    tradein_deposit_wait = fields.Boolean(
        string="Procurement Waits for the Deposit",
        help="Products that require a deposit are ordered from the vendor only once the "
        "deposit invoice is posted.",
    )

    def _tradein_store_credit_journal(self):
        """The journal of store-credit entries (configured, or miscellaneous)."""
        self.ensure_one()
        return self.tradein_store_credit_journal_id or self._tradein_general_journal()

    def _tradein_needs_approval(self, amount, currency, date, approved_amount):
        """Whether `amount` (in `currency` at `date`) is above this company's
        approval limit and above what was approved already."""
        self.ensure_one()
        limit = self.tradein_approval_amount
        if not limit:
            return False
        currency = currency or self.currency_id
        if currency != self.currency_id:
            limit = self.currency_id._convert(limit, currency, self, date)
        return (
            currency.compare_amounts(amount, limit) > 0
            and currency.compare_amounts(amount, approved_amount) > 0
        )

    def _tradein_general_journal(self):
        """The company's first miscellaneous-operations journal."""
        self.ensure_one()
        return self.env["account.journal"].search(
            [*self.env["account.journal"]._check_company_domain(self), ("type", "=", "general")],
            limit=1,
        )

    def _tradein_warehouse(self):
        """The company's first warehouse: where serials go when no document says."""
        self.ensure_one()
        return self.env["stock.warehouse"].search([("company_id", "=", self.id)], limit=1)

    def _tradein_approvers(self):
        """The Trade-in Administrators of this company: who may approve."""
        self.ensure_one()
        # sudo: the names of who may approve are shown to whoever needs one.
        group = self.env.ref("tradein_serial.group_tradein_manager").sudo()
        return group.all_user_ids.filtered(
            lambda user: (
                user.active
                and not user.share
                and user.id != SUPERUSER_ID
                and self in user.company_ids
            )
        )

    def _tradein_check_item_amount(self, amount, currency, date, item):
        """Refuse an item's price or allowance that is not a number or above
        the company's highest amount per item (in `currency` at `date`)."""
        self.ensure_one()
        if not math.isfinite(amount):
            raise ValidationError(self.env._("The amount of %(item)s is not a number.", item=item))
        limit = self.tradein_max_amount
        if not limit:
            return
        currency = currency or self.currency_id
        limit_in_currency = self.currency_id._convert(limit, currency, self, date)
        if currency.compare_amounts(abs(amount), limit_in_currency) > 0:
            raise ValidationError(
                self.env._(
                    "%(amount)s for %(item)s is above the highest amount per item of "
                    "%(company)s (%(limit)s, Settings > Used Goods).",
                    amount=currency.format(amount),
                    item=item,
                    company=self.name,
                    limit=currency.format(limit_in_currency),
                )
            )
