from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class TradeinMarginPeriod(models.Model):
    """A VAT period of the margin scheme: its sales, purchases and result.

    With the company's global margin, the taxable margin of the period is its
    margin-scheme sales minus its margin-scheme purchases minus what the
    previous period carried forward; a negative result is carried forward.
    """

    _name = "tradein.margin.period"
    _description = "Margin Scheme VAT Period"
    _order = "date_from desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    rate = fields.Float(string="VAT Rate (%)", required=True, default=25.0)
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
    carried_in = fields.Monetary(readonly=True)
    result = fields.Monetary(string="Period Margin", readonly=True)
    margin_vat = fields.Monetary(string="Margin VAT (global)", readonly=True)
    carried_out = fields.Monetary(string="Carried Forward", readonly=True)

    _dates_ordered = models.Constraint(
        "CHECK (date_from <= date_to)", "A period starts before it ends."
    )

    @api.depends("date_from", "date_to", "rate")
    def _compute_name(self):
        for period in self:
            period.name = f"{period.date_from} - {period.date_to} ({period.rate:g}%)"

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

    def action_compute(self):
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
            period.write(period._compute_figures())
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

    def _compute_figures(self):
        """The period's figures, summed by the database: a period can hold
        tens of thousands of lines."""
        self.ensure_one()
        self.env.flush_all()
        lines = self._margin_invoice_lines().subselect()
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT COALESCE(SUM(-line.balance), 0),
                       COALESCE(SUM(
                           CASE WHEN move.move_type = 'out_refund' THEN -1 ELSE 1 END
                           * line.tradein_margin_taxable
                       ), 0)
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                 WHERE line.id IN %s
                """,
                lines,
            )
        )
        net_sales, taxable = (float(value) for value in cr.fetchone())
        # The margin VAT: the tax lines of the margin tax at this rate on the
        # invoices of these lines.
        cr.execute(
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
        item_vat = float(cr.fetchone()[0])
        sales = net_sales + item_vat
        [[purchases]] = self.env["stock.lot"]._read_group(
            [
                ("company_id", "in", (self.company_id.id, False)),
                ("tradein_vat_scheme", "=", "margin"),
                ("acquisition_date", ">=", self.date_from),
                ("acquisition_date", "<=", self.date_to),
            ],
            aggregates=["tradein_margin_purchase_price:sum"],
        )
        purchases = purchases or 0.0
        carried_in = self._previous().carried_out
        result = sales - purchases - carried_in
        rate = self.rate / 100.0
        return {
            "item_taxable_margin": taxable,
            "sales_amount": sales,
            "purchases_amount": purchases,
            "item_margin_vat": item_vat,
            "carried_in": carried_in,
            "result": result,
            "margin_vat": self.currency_id.round(max(result, 0.0) * rate / (1 + rate)),
            "carried_out": max(-result, 0.0),
        }
