"""Blocked serials, IMEIs and sellers, and the log of what was offered.

One home for the rule: what is offered (serials of the lines, the seller) is
matched here, the attempt is logged here, the flows only ask.
"""

import re

from odoo import api, fields, models

MANAGER_GROUP = "tradein_serial.group_tradein_manager"

SERIAL_REASONS = [
    ("stolen", "Reported stolen"),
    ("lost", "Reported lost"),
    ("fraud", "Fraud or unpaid"),
    ("other", "Other"),
]
SELLER_REASONS = [
    ("stolen_goods", "Offered stolen goods"),
    ("fraud", "Fraud"),
    ("banned", "Banned by the shop"),
    ("other", "Other"),
]


def _match_key(text):
    """How a blocked number is compared: spaces and dashes dropped, case folded."""
    return re.sub(r"[\s\-]", "", text or "").casefold()


class TradeinBlockedMixin(models.AbstractModel):
    _name = "tradein.blocked.mixin"
    _description = "Entry of a Blocked List"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    source = fields.Char(
        tracking=True,
        help="Who reported it: a police report number, an insurer, a device register...",
    )
    date = fields.Date(
        string="Reported On", required=True, default=fields.Date.context_today, tracking=True
    )
    note = fields.Text(string="Details")
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        tracking=True,
        help="Leave empty to block it in every company.",
    )
    active = fields.Boolean(default=True, tracking=True)
    attempt_count = fields.Integer(string="Offers", compute="_compute_attempt_count")

    def _compute_attempt_count(self):
        counts = dict(
            self.env["tradein.blocked.attempt"]._read_group(
                [(self._tradein_attempt_field(), "in", self.ids)],
                [self._tradein_attempt_field()],
                ["__count"],
            )
        )
        for entry in self:
            entry.attempt_count = counts.get(entry, 0)

    @api.model
    def _tradein_attempt_field(self):
        raise NotImplementedError

    @api.model
    def _tradein_company_domain(self, company):
        return [("company_id", "in", [False, company.id])]

    def _tradein_reason_text(self):
        """What the shop is told: the reason, who reported it and when."""
        self.ensure_one()
        reason = dict(self._fields["reason"]._description_selection(self.env))[self.reason]
        return ", ".join(
            filter(None, [reason, self.source, self.date and fields.Date.to_string(self.date)])
        )

    def action_view_attempts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tradein_serial.tradein_blocked_attempt_action"
        )
        action["domain"] = [(self._tradein_attempt_field(), "=", self.id)]
        action["context"] = {}
        return action
