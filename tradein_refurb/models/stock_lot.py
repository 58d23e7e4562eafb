from odoo import api, fields, models
from odoo.exceptions import UserError


class StockLot(models.Model):
    _inherit = "stock.lot"

    refurb_ids = fields.One2many(
        "repair.order", "lot_id", string="Refurbishments", domain=[("is_refurb", "=", True)]
    )
    refurb_count = fields.Integer(compute="_compute_refurb_cost")
    refurb_cost = fields.Monetary(
        string="Refurbishment Cost",
        compute="_compute_refurb_cost",
        currency_field="company_currency_id",
        help="Parts and labour of the finished refurbishments, added to the serial's value.",
    )

    @api.depends("refurb_ids.state", "refurb_ids.refurb_cost")
    def _compute_refurb_cost(self):
        groups = self.env["repair.order"]._read_group(
            [("lot_id", "in", self.ids), ("is_refurb", "=", True)],
            ["lot_id", "state"],
            ["__count", "refurb_cost:sum"],
        )
        counts, costs = {}, {}
        for lot, state, count, cost in groups:
            counts[lot.id] = counts.get(lot.id, 0) + count
            if state == "done":
                costs[lot.id] = costs.get(lot.id, 0.0) + cost
        for lot in self:
            lot.refurb_count = counts.get(lot.id, 0)
            lot.refurb_cost = costs.get(lot.id, 0.0)

    def action_view_refurbs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tradein_refurb.repair_order_refurb_action"
        )
        action["domain"] = [("is_refurb", "=", True), ("lot_id", "=", self.id)]
        return action

    def action_start_refurb(self):
        self.ensure_one()
        return self.env["tradein.refurb.start.wizard"]._tradein_action(lot=self)

    def _tradein_send_to_refurb(self, issue, purchase_line=None):
        """A refurbishment order of the serial, opened for the user."""
        super()._tradein_send_to_refurb(issue, purchase_line=purchase_line)
        repair = self._tradein_refurb_create(issue, purchase_line=purchase_line)
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "res_id": repair.id,
            "view_mode": "form",
        }

    def _tradein_refurb_create(self, issue, purchase_line=None):
        """Open a refurbishment of this serial, which must be in our stock."""
        self.ensure_one()
        quant = self.quant_ids.filtered(
            lambda q: q.location_id.usage == "internal" and q.quantity > 0
        )[:1]
        if not quant:
            raise UserError(
                self.env._(
                    "Serial %(serial)s is not in our stock: it cannot be refurbished.",
                    serial=self.name,
                )
            )
        # The item may still wait on refurb for the purchase it came with (its
        # first refurbishment was cancelled): this one completes it.
        purchase_line = purchase_line or self._tradein_refurb_waiting_line()
        company = quant.company_id or self.env.company
        warehouse = quant.location_id.warehouse_id or company._tradein_warehouse()
        repair = (
            self.env["repair.order"]
            .with_context(default_is_refurb=True)
            .create(
                {
                    "is_refurb": True,
                    "product_id": self.product_id.id,
                    "lot_id": self.id,
                    "company_id": company.id,
                    "picking_type_id": warehouse.repair_type_id.id,
                    "location_id": quant.location_id.id,
                    "product_location_src_id": quant.location_id.id,
                    "product_location_dest_id": warehouse.lot_stock_id.id,
                    "refurb_issue": issue,
                    "refurb_purchase_line_id": purchase_line.id if purchase_line else False,
                }
            )
        )
        return repair
