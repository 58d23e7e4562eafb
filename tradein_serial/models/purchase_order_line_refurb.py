from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import workflow_method


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    tradein_refurb_issue = fields.Text(string="Refurb Issue", copy=False)
    tradein_refurb_open = fields.Boolean(
        string="In Refurbishment",
        compute="_compute_tradein_refurb_open",
        help="A refurbishment of the item is under way (none after a cancelled one).",
    )

    @api.depends("tradein_state")
    def _compute_tradein_refurb_open(self):
        # Without a refurbishment app, waiting on refurb is the refurbishment.
        # Hook: tradein_refurb looks for an open refurbishment order.
        for line in self:
            line.tradein_refurb_open = line.tradein_state == "waiting_refurb"

    def action_tradein_start_refurb(self):
        self.ensure_one()
        return self.env["tradein.refurb.start.wizard"]._tradein_action(purchase_line=self)

    def action_tradein_finish_refurb(self):
        """Without a refurbishment app, the user says the item is ready.

        Hook: tradein_refurb refuses while a refurbishment order is open.
        """
        self._tradein_refurb_done()
        return True

    @workflow_method
    def _tradein_start_refurb(self, issue):
        """Receive the items and send them to refurbishment (each serial's
        ``_tradein_send_to_refurb``). Returns the action to open for a
        single item, or None."""
        actions = []
        for line in self:
            if line.tradein_refurb_open:
                raise UserError(
                    self.env._(
                        "%(item)s is already waiting on refurb.", item=line._tradein_item_label()
                    )
                )
            if line._tradein_not_received():
                line._tradein_receive("waiting_refurb")
            line.write({"tradein_state": "waiting_refurb", "tradein_refurb_issue": issue})
            line.order_id.message_post(
                body=self.env._(
                    "%(item)s sent to refurb: %(issue)s",
                    item=line._tradein_item_label(),
                    issue=issue,
                )
            )
            if line.tradein_lot_id:
                lot = line.tradein_lot_id
                actions.append(lot._tradein_send_to_refurb(issue, purchase_line=line))
        return actions[0] if len(actions) == 1 else None

    @workflow_method
    def _tradein_refurb_done(self):
        """The refurbishment of these items is finished: those waiting on it
        are sellable (the others are left as they are)."""
        waiting = self.filtered(lambda line: line.tradein_state == "waiting_refurb")
        waiting.tradein_state = "refurbished"
        waiting.tradein_lot_id.filtered(
            lambda lot: lot.tradein_condition == "used"
        ).tradein_condition = "refurbished"
