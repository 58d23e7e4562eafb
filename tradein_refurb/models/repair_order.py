from odoo import api, fields, models
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
    refurb_grade = fields.Selection(selection="_selection_refurb_grade", string="Grade")
    refurb_retail_price = fields.Monetary(string="Retail Price")
    refurb_cost_move_id = fields.Many2one(
        "account.move", string="Capitalisation Entry", readonly=True, copy=False
    )
    refurb_date_done = fields.Datetime(string="Refurbished On", readonly=True, copy=False)

    @api.model
    def _selection_refurb_grade(self):
        # The serial's grades: the grade given here becomes the serial's.
        return self.env["stock.lot"]._fields["tradein_grade"].selection

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
