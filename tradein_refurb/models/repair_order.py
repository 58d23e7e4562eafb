from odoo import api, fields, models
from odoo.addons.tradein_serial.models.stock_lot import GRADES
from odoo.exceptions import UserError


class RepairOrder(models.Model):
    _inherit = "repair.order"

    is_refurb = fields.Boolean(
        string="Refurbishment", index=True, help="A repair of our own serial, before resale."
    )
    refurb_purchase_line_id = fields.Many2one(
        "purchase.order.line",
        string="Bought Through",
        index="btree_not_null",
        copy=False,
        help="The customer purchase or trade-in line the serial came with.",
    )
    refurb_issue = fields.Text(string="Issue", help="What must be fixed before selling it.")
    refurb_stage_id = fields.Many2one(
        "tradein.refurb.stage",
        string="Stage",
        tracking=True,
        index="btree_not_null",
        copy=False,
        group_expand="_read_group_refurb_stage_ids",
        default=lambda self: (
            self.env["tradein.refurb.stage"].search([], limit=1)
            if self.env.context.get("default_is_refurb")
            else False
        ),
    )
    # The stage as the header's status bar shows it (set in the Work group).
    refurb_status_id = fields.Many2one(related="refurb_stage_id", string="Refurbishment Status")
    refurb_check_ids = fields.One2many("tradein.refurb.check", "repair_id", string="Checklist")
    refurb_stage_history_ids = fields.One2many("tradein.refurb.stage.history", "repair_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    refurb_labour_hours = fields.Float(string="Labour Hours")
    refurb_labour_rate = fields.Monetary(
        string="Cost per Hour",
        compute="_compute_refurb_labour_rate",
        store=True,
        readonly=False,
    )
    refurb_labour_cost = fields.Monetary(compute="_compute_refurb_cost", store=True)
    refurb_parts_cost = fields.Monetary(compute="_compute_refurb_cost", store=True)
    refurb_cost = fields.Monetary(
        string="Refurbishment Cost", compute="_compute_refurb_cost", store=True
    )
    refurb_grade = fields.Selection(GRADES, string="Grade")
    refurb_retail_price = fields.Monetary(string="Retail Price")
    refurb_cost_move_id = fields.Many2one(
        "account.move", string="Capitalisation Entry", readonly=True, copy=False
    )
    refurb_date_done = fields.Datetime(string="Refurbished On", readonly=True, copy=False)

    @api.model
    def _read_group_refurb_stage_ids(self, stages, domain):
        return stages.search([])

    @api.depends("company_id")
    def _compute_refurb_labour_rate(self):
        for repair in self:
            if not repair.refurb_labour_rate:
                repair.refurb_labour_rate = repair.company_id.tradein_refurb_hour_cost

    @api.depends(
        "refurb_labour_hours",
        "refurb_labour_rate",
        "move_ids.product_uom_qty",
        "move_ids.quantity",
        "move_ids.state",
        "move_ids.repair_line_type",
    )
    def _compute_refurb_cost(self):
        for repair in self:
            parts = repair.move_ids.filtered(
                lambda m: m.repair_line_type == "add" and m.state != "cancel"
            )
            repair.refurb_parts_cost = sum(move._refurb_part_cost() for move in parts)
            repair.refurb_labour_cost = repair.refurb_labour_hours * repair.refurb_labour_rate
            repair.refurb_cost = repair.refurb_parts_cost + repair.refurb_labour_cost

    @api.constrains("is_refurb", "lot_id", "state")
    def _check_refurb_single_open(self):
        for repair in self.filtered(lambda r: r.is_refurb and r.state not in ("done", "cancel")):
            other = self.search(
                [
                    ("is_refurb", "=", True),
                    ("lot_id", "=", repair.lot_id.id),
                    ("state", "not in", ("done", "cancel")),
                    ("id", "!=", repair.id),
                ],
                limit=1,
            )
            if other:
                raise UserError(
                    self.env._(
                        "Serial %(serial)s is already in refurbishment %(refurb)s.",
                        serial=repair.lot_id.name,
                        refurb=other.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        repairs = super().create(vals_list)
        refurbs = repairs.filtered("is_refurb")
        refurbs._refurb_log_stage()
        refurbs._refurb_log_event(self.env._("Refurbishment started: %(issue)s"))
        return repairs

    def write(self, vals):
        res = super().write(vals)
        if "refurb_stage_id" in vals:
            self.filtered("is_refurb")._refurb_log_stage()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_refurb_done(self):
        """Finish the refurbishment: the serial is sellable, graded and valued."""
        for repair in self:
            repair._refurb_check_done()
        for repair in self:
            if repair.state == "draft":
                repair.action_validate()
            if repair.state == "confirmed":
                repair.action_repair_start()
            repair.action_repair_end()
            repair._refurb_release()
        return True

    def action_repair_cancel(self):
        res = super().action_repair_cancel()
        for repair in self.filtered("is_refurb"):
            repair._refurb_log_event(self.env._("Refurbishment cancelled"))
        return res

    def action_refurb_print_label(self):
        return self.env.ref("stock.action_report_lot_label").report_action(self.lot_id)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _refurb_check_done(self):
        self.ensure_one()
        if not self.is_refurb:
            raise UserError(self.env._("%(name)s is not a refurbishment.", name=self.name))
        if self.state in ("done", "cancel"):
            raise UserError(self.env._("Refurbishment %(name)s is already closed.", name=self.name))
        open_checks = self.refurb_check_ids.filtered(lambda check: not check.done)
        if open_checks:
            raise UserError(
                self.env._(
                    "Tick the checklist of %(name)s first: %(items)s.",
                    name=self.name,
                    items=", ".join(open_checks.mapped("name")),
                )
            )
        if self.company_id.tradein_refurb_require_grade and not self.refurb_grade:
            raise UserError(
                self.env._("Set the grade of %(serial)s before finishing.", serial=self.lot_id.name)
            )

    def _refurb_release(self):
        """Grade, price and value the serial; complete its purchase."""
        self.ensure_one()
        lot = self.lot_id
        values = {"tradein_condition": "refurbished"}
        if self.refurb_grade:
            values["tradein_grade"] = self.refurb_grade
        if self.refurb_retail_price:
            values["tradein_retail_price"] = self.refurb_retail_price
        lot.write(values)
        self._refurb_capitalise()
        done_stage = self.env["tradein.refurb.stage"].search([("is_done", "=", True)], limit=1)
        self.write(
            {
                "refurb_stage_id": done_stage.id or self.refurb_stage_id.id,
                "refurb_date_done": fields.Datetime.now(),
            }
        )
        self._refurb_log_event(self.env._("Refurbished, cost %(cost)s"))
        line = self.refurb_purchase_line_id
        if (
            line
            and line.tradein_state == "waiting_refurb"
            and not self.search_count(
                [
                    ("refurb_purchase_line_id", "=", line.id),
                    ("state", "not in", ("done", "cancel")),
                ]
            )
        ):
            line._tradein_refurb_done()

    def _refurb_capitalise(self):
        """Add parts and labour to the serial's stock value and book it."""
        self.ensure_one()
        cost = self.refurb_cost
        lot = self.lot_id.with_company(self.company_id)
        if self.currency_id.is_zero(cost):
            return
        valued = self._refurb_add_value(lot, cost)
        accounts = lot.product_id.product_tmpl_id.get_product_accounts()
        # Where the serial's value cannot take it (FIFO, or a standard cost
        # not valued per lot), the refurbishment is an expense.
        stock_account = accounts.get("stock_valuation") if valued else accounts["expense"]
        labour_account = self.company_id.tradein_refurb_labour_account_id or accounts["expense"]
        parts_accounts = {}
        for move in self.move_ids.filtered(
            lambda m: m.repair_line_type == "add" and m.state == "done"
        ):
            part_accounts = move.product_id.product_tmpl_id.get_product_accounts()
            account = part_accounts.get("stock_valuation") or part_accounts["expense"]
            parts_accounts[account] = parts_accounts.get(account, 0.0) + move._refurb_part_cost()
        if not stock_account:
            return
        label = self.env._("Refurbishment %(name)s of %(serial)s", name=self.name, serial=lot.name)
        lines = [
            fields.Command.create({"name": label, "account_id": stock_account.id, "debit": cost})
        ]
        if self.refurb_labour_cost:
            lines.append(
                fields.Command.create(
                    {
                        "name": self.env._("Labour, %(hours)s h", hours=self.refurb_labour_hours),
                        "account_id": labour_account.id,
                        "credit": self.refurb_labour_cost,
                    }
                )
            )
        for account, amount in parts_accounts.items():
            lines.append(
                fields.Command.create(
                    {"name": self.env._("Parts"), "account_id": account.id, "credit": amount}
                )
            )
        journal = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.company_id),
                ("type", "=", "general"),
            ],
            limit=1,
        )
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "ref": label,
                "company_id": self.company_id.id,
                "line_ids": lines,
            }
        )
        entry.action_post()
        self.refurb_cost_move_id = entry

    def _refurb_add_value(self, lot, cost):
        """Raise the stock value of the serial by `cost` (company currency);
        whether it could.

        Valued per lot: the serial's own cost. Otherwise (Odoo's default) the
        product's average cost takes it, so the product's stock value moves by
        exactly `cost` and the serial's sale posts it as cost of goods sold.
        """
        # The value and quantity of this company only, whatever companies the
        # user has selected.
        # sudo: the refurbishment's own valuation, for a technician who may
        # not edit products (the cost is the posted entry's, nothing else).
        product = (
            lot.product_id.sudo()
            .with_company(self.company_id)
            .with_context(allowed_company_ids=self.company_id.ids)
        )
        lot = lot.sudo()
        if product.cost_method not in ("average", "standard"):
            return False
        if product.lot_valuated:
            quantity = lot.product_qty or 1.0
            lot.standard_price = lot.standard_price + cost / quantity
            return True
        if product.cost_method == "average" and product.qty_available > 0:
            product.standard_price = (product.total_value + cost) / product.qty_available
            return True
        return False

    def _refurb_log_stage(self):
        now = fields.Datetime.now()
        History = self.env["tradein.refurb.stage.history"]
        open_histories = History.search([("repair_id", "in", self.ids), ("date_end", "=", False)])
        open_histories.date_end = now
        History.create(
            [
                {"repair_id": repair.id, "stage_id": repair.refurb_stage_id.id, "date_start": now}
                for repair in self
                if repair.refurb_stage_id
            ]
        )

    def _refurb_log_event(self, note):
        self.env["tradein.serial.event"]._tradein_log(
            [
                {
                    "lot_id": repair.lot_id.id,
                    "company_id": repair.company_id.id,
                    "event_type": "refurbishment",
                    "document_ref": f"repair.order,{repair.id}",
                    "amount": repair.refurb_cost,
                    "currency_id": repair.currency_id.id,
                    "note": note
                    % {
                        "issue": repair.refurb_issue or "",
                        "cost": repair.currency_id.format(repair.refurb_cost),
                    },
                }
                for repair in self
            ]
        )
