from odoo import models
from odoo.exceptions import UserError


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def _compute_tradein_refurb_open(self):
        # The refurbishment order is the refurbishment: after a cancelled one
        # the item waits on refurb and a new one may start.
        # sudo: only whether a refurbishment is open, for users of purchases
        # (an accountant) who may not read repair orders.
        groups = (
            self.env["repair.order"]
            .sudo()
            ._read_group(
                [
                    ("refurb_purchase_line_id", "in", self._origin.ids),
                    ("is_refurb", "=", True),
                    ("state", "not in", ("done", "cancel")),
                ],
                ["refurb_purchase_line_id"],
            )
        )
        open_ids = {line.id for (line,) in groups}
        for line in self:
            line.tradein_refurb_open = line._origin.id in open_ids

    def action_tradein_finish_refurb(self):
        open_refurbs = self.env["repair.order"].search(
            [("refurb_purchase_line_id", "in", self.ids), ("state", "not in", ("done", "cancel"))]
        )
        if open_refurbs:
            raise UserError(
                self.env._(
                    "Finish the refurbishment %(refurbs)s: the item completes with it.",
                    refurbs=", ".join(open_refurbs.mapped("name")),
                )
            )
        return super().action_tradein_finish_refurb()
