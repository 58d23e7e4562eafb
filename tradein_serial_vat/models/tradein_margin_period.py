from odoo import api, fields, models
from odoo.addons.tradein_serial.tools import changed_fields
from odoo.addons.tradein_serial.tools import check_workflow_create
from odoo.addons.tradein_serial.tools import check_workflow_fields
from odoo.addons.tradein_serial.tools import in_workflow
from odoo.addons.tradein_serial.tools import workflow
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

# Written by Compute only (never by hand or over RPC).
FIGURE_FIELDS = (
    "sales_amount",
    "purchases_amount",
    "item_taxable_margin",
    "item_margin_vat",
    "excluded_sales_amount",
    "excluded_purchases_amount",
    "excluded_margin_vat",
    "total_margin_vat",
    "carried_in",
    "result",
    "margin_vat",
    "carried_out",
    "state",
)
# What a closed period keeps as it was filed.
PERIOD_FIELDS = ("company_id", "date_from", "date_to", "rate", *FIGURE_FIELDS)


class TradeinMarginPeriod(models.Model):
    """A VAT period of the margin scheme: its sales, purchases and result.

    With the company's global margin, the taxable margin of the period is its
    margin-scheme sales minus its margin-scheme purchases minus what the
    previous period carried forward; a negative result is carried forward.
    """

    _name = "tradein.margin.period"
    _inherit = ["mail.thread"]
    _description = "Margin Scheme VAT Period"
    _order = "date_from desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        help="Closed: the figures are those filed; Compute and the dates are locked "
        "until an accounting manager reopens the period.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(required=True, tracking=True)
    rate = fields.Float(
        string="VAT Rate (%)",
        required=True,
        compute="_compute_rate",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="The margin VAT rate of the period: the company's sales VAT rate by default.",
    )
    sales_amount = fields.Monetary(string="Sales (VAT incl.)", readonly=True)
    purchases_amount = fields.Monetary(string="Purchases", readonly=True)
    item_taxable_margin = fields.Monetary(
        string="Taxable Margin (item by item)",
        readonly=True,
        help="The positive margins (VAT included) of the items sold in the period; a loss "
        "on one item is not set off against another.",
    )
    item_margin_vat = fields.Monetary(
        string="Margin VAT (item by item)",
        readonly=True,
        help="The VAT of the margin-scheme lines invoiced in the period.",
    )
    excluded_sales_amount = fields.Monetary(
        string="Excluded Sales (VAT incl.)",
        readonly=True,
        help="Sales of items that may not go through the global margin (an excluded "
        "category, or bought above the threshold): taxed item by item.",
    )
    excluded_purchases_amount = fields.Monetary(string="Excluded Purchases", readonly=True)
    excluded_margin_vat = fields.Monetary(
        string="Margin VAT (excluded items)",
        readonly=True,
        help="The margin VAT of the excluded items sold in the period, item by item.",
    )
    total_margin_vat = fields.Monetary(
        string="Margin VAT Due",
        readonly=True,
        tracking=True,
        help="With the global margin: the period's global margin VAT plus the item-by-item "
        "VAT of the excluded items.",
    )
    carried_in = fields.Monetary(readonly=True)
    result = fields.Monetary(string="Period Margin", readonly=True)
    margin_vat = fields.Monetary(string="Margin VAT (global)", readonly=True)
    carried_out = fields.Monetary(string="Carried Forward", readonly=True)

    _dates_ordered = models.Constraint(
        "CHECK (date_from <= date_to)", "A period starts before it ends."
    )

    @api.depends("company_id")
    def _compute_rate(self):
        for period in self:
            if not period.rate:
                period.rate = period.company_id.account_sale_tax_id.amount or 0.0

    @api.depends("date_from", "date_to", "rate")
    def _compute_name(self):
        for period in self:
            if not (period.date_from and period.date_to):
                period.name = self.env._("New period")
                continue
            period.name = self.env._(
                "%(date_from)s to %(date_to)s (%(rate)s%%)",
                date_from=format_date(self.env, period.date_from),
                date_to=format_date(self.env, period.date_to),
                rate=f"{period.rate:g}",
            )

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, FIGURE_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        check_workflow_fields(self, vals, FIGURE_FIELDS)
        if not in_workflow(self.env):
            self.filtered(lambda period: period.state == "closed")._tradein_check_open(vals)
        return super().write(vals)

    def _tradein_check_open(self, vals):
        """Refuse to change a closed period (the values the web client sends
        unchanged are no change)."""
        for period in self:
            if changed_fields(period, vals, PERIOD_FIELDS):
                raise UserError(
                    self.env._(
                        "Margin period %(name)s is closed: reopen it to change it.",
                        name=period.name,
                    )
                )

    def unlink(self):
        closed = self.filtered(lambda period: period.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Margin period %(name)s is closed: its figures were filed. Reopen it first.",
                    name=closed[0].name,
                )
            )
        return super().unlink()

    def _previous(self):
        self.ensure_one()
        return self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("rate", "=", self.rate),
                ("date_to", "<", self.date_from),
            ],
            order="date_to desc",
            limit=1,
        )

    def action_close(self):
        """Compute the figures one last time and keep them as filed."""
        self.action_update_figures()
        with workflow():
            self.write({"state": "closed"})
        return True

    def action_reopen(self):
        if not self.env.user.has_group("account.group_account_manager"):
            raise UserError(self.env._("Only an accounting manager may reopen a margin period."))
        with workflow():
            self.write({"state": "open"})
        return True

    def action_update_figures(self):
        closed = self.filtered(lambda period: period.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Margin period %(name)s is closed: its figures stay as filed. Reopen it "
                    "to compute them again.",
                    name=closed[0].name,
                )
            )
        for period in self.sorted("date_from"):
            overlap = self.search_count(
                [
                    ("company_id", "=", period.company_id.id),
                    ("rate", "=", period.rate),
                    ("id", "!=", period.id),
                    ("date_from", "<=", period.date_to),
                    ("date_to", ">=", period.date_from),
                ]
            )
            if overlap:
                raise UserError(self.env._("Margin periods of the same rate cannot overlap."))
            with workflow():
                period.write(period._tradein_figures())
        return True

    def _margin_invoice_lines(self):
        """The margin-scheme invoice lines of the period at its rate, as a query."""
        self.ensure_one()
        Line = self.env["account.move.line"]
        return Line._search(
            [
                *Line._tradein_margin_register_domain(
                    self.company_id, self.date_from, self.date_to
                ),
                ("tax_ids.amount", "=", self.rate),
            ]
        )

    def _tradein_figures(self):
        """The period's figures, summed by the database: a period can hold
        tens of thousands of lines.

        Items excluded from the global margin (their category, or bought
        above the company's threshold) stay out of the global sums: their
        margin VAT is the item-by-item VAT of their invoices.
        """
        self.ensure_one()
        self.env.flush_all()
        lines = self._margin_invoice_lines().subselect()
        sums = self._tradein_line_sums(lines)
        round_ = self.currency_id.round
        net_sales, taxable, _line_vat = sums.get(False, (0.0, 0.0, 0.0))
        excluded_net, excluded_taxable, excluded_vat = sums.get(True, (0.0, 0.0, 0.0))
        item_vat = self._tradein_margin_vat_booked(lines)
        excluded_vat = round_(excluded_vat)
        # The included lines' VAT: the booked margin VAT less the excluded share.
        sales = round_(net_sales + item_vat - excluded_vat)
        bought = self._tradein_bought()
        purchases = bought[False]
        carried_in = self._previous().carried_out
        result = sales - purchases - carried_in
        rate = self.rate / 100.0
        margin_vat = round_(max(result, 0.0) * rate / (1 + rate))
        return {
            "item_taxable_margin": taxable + excluded_taxable,
            "sales_amount": sales,
            "purchases_amount": purchases,
            "item_margin_vat": item_vat,
            "excluded_sales_amount": round_(excluded_net + excluded_vat),
            "excluded_purchases_amount": bought[True],
            "excluded_margin_vat": excluded_vat,
            "total_margin_vat": margin_vat + excluded_vat,
            "carried_in": carried_in,
            "result": result,
            "margin_vat": margin_vat,
            "carried_out": max(-result, 0.0),
        }

    def _tradein_line_sums(self, lines):
        """{excluded: (net sales, taxable margin, margin VAT)} of the margin
        invoice lines `lines` (a subselect), in the company's currency."""
        # Per line: its untaxed price (-balance) and its margin VAT (the
        # document's tax share of that price).
        self.env.cr.execute(
            SQL(
                """
                SELECT acquisition.global_exclusion IS NOT NULL,
                       COALESCE(SUM(-line.balance), 0),
                       COALESCE(SUM(
                           CASE WHEN move.move_type = 'out_refund' THEN -1 ELSE 1 END
                           * line.tradein_margin_taxable
                       ), 0),
                       COALESCE(SUM(
                           CASE WHEN line.price_subtotal = 0 THEN 0
                                ELSE -line.balance * (line.price_total - line.price_subtotal)
                                     / line.price_subtotal
                           END
                       ), 0)
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
             LEFT JOIN tradein_margin_acquisition acquisition
                    ON acquisition.id = line.tradein_margin_acquisition_id
                 WHERE line.id IN %s
                 GROUP BY 1
                """,
                lines,
            )
        )
        return {
            excluded: tuple(float(value) for value in values)
            for excluded, *values in self.env.cr.fetchall()
        }

    def _tradein_margin_vat_booked(self, lines):
        """The tax lines of the margin tax at this rate on the invoices of `lines`."""
        self.env.cr.execute(
            SQL(
                """
                SELECT COALESCE(SUM(-tax_line.balance), 0)
                  FROM account_move_line tax_line
                  JOIN account_tax tax ON tax.id = tax_line.tax_line_id
                 WHERE tax.tradein_margin AND tax.amount = %s
                   AND tax_line.move_id IN (
                       SELECT line.move_id FROM account_move_line line WHERE line.id IN %s
                   )
                """,
                self.rate,
                lines,
            )
        )
        return float(self.env.cr.fetchone()[0])

    def _tradein_bought(self):
        """{excluded: purchase prices} of the margin acquisitions of the period."""
        acquisitions = self.env["tradein.margin.acquisition"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            ["global_exclusion"],
            ["purchase_price:sum"],
        )
        bought = {False: 0.0, True: 0.0}
        for exclusion, total in acquisitions:
            bought[bool(exclusion)] += total
        return bought
