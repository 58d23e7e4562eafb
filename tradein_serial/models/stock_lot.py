from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import check_workflow_create
from ..tools import check_workflow_fields

# The longest serial number a shop types or scans (IMEI 15, VIN 17, most
# manufacturers' serials under 30).
SERIAL_MAX_LENGTH = 64

CONDITIONS = [
    ("new", "New"),
    ("used", "Used"),
    ("refurbished", "Refurbished"),
]
GRADES = [
    ("a", "A - as new"),
    ("b", "B - light wear"),
    ("c", "C - heavy wear"),
]
ACQUISITIONS = [
    ("vendor_purchase", "Vendor purchase"),
    ("customer_purchase", "Customer purchase"),
    ("trade_in", "Trade-in"),
    ("import", "Import"),
    ("adjustment", "Inventory adjustment"),
]


class StockLot(models.Model):
    _name = "stock.lot"
    _inherit = ["stock.lot", "tradein.serial.input.mixin"]
    _tradein_serial_fields = ("name", "tradein_imei2")
    _rec_names_search = ["name", "ref", "tradein_imei2"]

    acquisition_type = fields.Selection(ACQUISITIONS, tracking=True)
    acquisition_partner_id = fields.Many2one(
        "res.partner", string="Acquired From", tracking=True, index="btree_not_null"
    )
    acquisition_date = fields.Date(tracking=True)
    acquisition_price = fields.Monetary(
        currency_field="company_currency_id",
        tracking=True,
        help="What we paid for this serial, in the company currency.",
    )
    acquisition_purchase_line_id = fields.Many2one(
        "purchase.order.line", string="Acquisition Line", index="btree_not_null", copy=False
    )
    tradein_condition = fields.Selection(
        CONDITIONS, string="Condition", default="new", required=True, tracking=True
    )
    tradein_grade = fields.Selection(GRADES, string="Grade", tracking=True)
    is_used = fields.Boolean(compute="_compute_is_used", store=True)
    tradein_retail_price = fields.Monetary(
        string="Retail Price",
        currency_field="company_currency_id",
        tracking=True,
        help="Price of this very serial when sold; empty means the product's sales price.",
    )
    # Named apart from stock's `owner_id` of quants and move lines, which is
    # the consignment owner of the stock, not the customer holding the serial.
    tradein_imei2 = fields.Char(
        string="Second IMEI",
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="The second IMEI of a dual-SIM phone; searched like the serial.",
    )
    tradein_owner_id = fields.Many2one(
        "res.partner",
        string="Owner",
        tracking=True,
        index="btree_not_null",
        copy=False,
        help="The customer this serial was delivered to; cleared when it comes back.",
    )
    warranty_end_date = fields.Date(tracking=True, copy=False)
    history_ids = fields.One2many("tradein.serial.event", "lot_id")
    history_count = fields.Integer(compute="_compute_history_count")
    last_customer_id = fields.Many2one(
        "res.partner",
        compute="_compute_last_customer_id",
        string="Last Sold To",
        help="The customer this serial was last delivered to.",
    )

    @api.model
    def _tradein_workflow_fields(self):
        """Fields of the serial that only the workflow writes (its acquisition).

        Hook: the VAT add-on adds the serial's VAT scheme and margin price.
        """
        return (
            "acquisition_type",
            "acquisition_partner_id",
            "acquisition_date",
            "acquisition_price",
            "acquisition_purchase_line_id",
        )

    def _tradein_acquire(self, purchase_line):
        """Record that this serial was acquired through `purchase_line` (a
        customer purchase, a trade-in or a vendor purchase), in the workflow.

        Hook: the VAT add-on gives a margin-scheme acquisition its stock number.
        """
        self.ensure_one()
        self.write(purchase_line._tradein_lot_values())

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(self, vals_list, self._tradein_workflow_fields())
        lots = super().create(vals_list)
        lots._tradein_check_lookalike()
        return lots

    def write(self, vals):
        check_workflow_fields(self, vals, self._tradein_workflow_fields())
        if "name" in vals:
            self._tradein_check_unmoved(self.env._("renamed"))
        res = super().write(vals)
        if {"name", "product_id", "company_id"} & vals.keys():
            self._tradein_check_lookalike()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_moved_serial(self):
        self._tradein_check_unmoved(self.env._("deleted"))

    def _tradein_check_unmoved(self, what):
        """With the serial stock policy, only a serial never moved may change."""
        lots = self.filtered(lambda lot: lot._tradein_company().tradein_serial_policy)
        if not lots:
            return
        moved = self.env["stock.move.line"]._read_group(
            [("lot_id", "in", lots.ids), ("state", "=", "done")], ["lot_id"]
        )
        if moved:
            raise UserError(
                self.env._(
                    "Serial %(serials)s has stock moves: it can no longer be %(what)s.",
                    serials=", ".join(lot.name for (lot,) in moved),
                    what=what,
                )
            )

    # Odoo checks this rule in Python only, which two transactions at once can
    # pass together: the database keeps one serial per product and company.
    _tradein_serial_uniq = models.UniqueIndex(
        "(product_id, COALESCE(company_id, 0), name)",
        "A serial number exists once per product and company.",
    )

    @api.depends("tradein_condition")
    def _compute_is_used(self):
        for lot in self:
            lot.is_used = lot.tradein_condition != "new"

    def _compute_history_count(self):
        counts = dict(
            self.env["tradein.serial.event"]._read_group(
                [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
            )
        )
        for lot in self:
            lot.history_count = counts.get(lot, 0)

    def _compute_last_customer_id(self):
        move_lines = self.env["stock.move.line"].search(
            [
                ("lot_id", "in", self.ids),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            order="date desc, id desc",
        )
        last = {}
        for move_line in move_lines:
            last.setdefault(move_line.lot_id.id, move_line)
        for lot in self:
            move_line = last.get(lot.id)
            lot.last_customer_id = move_line and (
                move_line.picking_id.partner_id or move_line.move_id.partner_id
            )

    @api.depends_context("tradein_lot_picker")
    def _compute_display_name(self):
        """In the serial pickers of the order lines (context key
        ``tradein_lot_picker``): what the assistant picks by, the product,
        where the serial is, its condition and grade."""
        super()._compute_display_name()
        if not self.env.context.get("tradein_lot_picker"):
            return
        conditions = dict(self._fields["tradein_condition"]._description_selection(self.env))
        for lot in self:
            usage = lot.location_id.usage
            if usage == "internal":
                where = self.env._("in stock")
            elif usage == "customer":
                where = self.env._("at a customer")
            else:
                where = self.env._("not in stock")
            details = [lot.product_id.display_name, where]
            if lot.tradein_condition:
                details.append(conditions[lot.tradein_condition])
            if lot.tradein_grade:
                details.append(self.env._("grade %(grade)s", grade=lot.tradein_grade.upper()))
            lot.display_name = f"{lot.name} ({', '.join(details)})"

    def _tradein_customer_location(self):
        """The customer location this serial was delivered to and is still
        counted at (Odoo keeps a +1 quant there), or an empty recordset."""
        self.ensure_one()
        return self._tradein_customer_locations().get(self, self.env["stock.location"])

    def _tradein_customer_locations(self):
        """{serial: customer location} of those of these serials still counted
        at a customer's (see :meth:`_tradein_customer_location`)."""
        quants = self.env["stock.quant"].search(
            [
                ("lot_id", "in", self.ids),
                ("location_id.usage", "=", "customer"),
                ("quantity", ">", 0),
            ],
            order="id",
        )
        locations = {}
        for quant in quants:
            locations.setdefault(quant.lot_id, quant.location_id)
        return locations

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_view_tradein_history(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("History of %(serial)s", serial=self.name),
            "res_model": "tradein.serial.event",
            "view_mode": "list,form",
            "domain": [("lot_id", "=", self.id)],
            "context": {"default_lot_id": self.id},
        }

    def action_print_tradein_history(self):
        return self.env.ref("tradein_serial.action_report_serial_history").report_action(self)

    def _tradein_wizard_action(self, model, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_lot_id": self.id},
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _tradein_company(self):
        """The company whose settings apply (a serial may be shared by all)."""
        self.ensure_one()
        return self.company_id or self.env.company

    # ------------------------------------------------------------------
    # Refurbishment (hooks: see readme/DEVELOP.md)
    # ------------------------------------------------------------------

    def _tradein_send_to_refurb(self, issue, purchase_line=None):
        """Hook: start the refurbishment of this serial, in our stock, for
        `issue`; `purchase_line`, the customer purchase item it completes.
        Returns an action to open, or None. Without a refurbishment app,
        waiting on refurb (the purchase line's state) is the refurbishment."""
        self.ensure_one()
        return None

    def _tradein_refurb_waiting_line(self):
        """The customer purchase item of this serial still waiting on refurb
        with no refurbishment open (the first one was cancelled), if any."""
        self.ensure_one()
        line = self.acquisition_purchase_line_id
        if line.tradein_state == "waiting_refurb" and not line.tradein_refurb_open:
            return line
        return line.browse()
