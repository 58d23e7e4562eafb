from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .tradein_blocked import SERIAL_REASONS
from .tradein_blocked import _match_key


class TradeinBlockedSerial(models.Model):
    _name = "tradein.blocked.serial"
    _inherit = ["tradein.blocked.mixin", "tradein.serial.input.mixin"]
    _description = "Blocked Serial or IMEI"
    _tradein_serial_fields = ("name",)

    name = fields.Char(string="Serial / IMEI", required=True, tracking=True)
    match_key = fields.Char(compute="_compute_match_key", store=True, index=True)
    product_id = fields.Many2one(
        "product.product",
        check_company=True,
        tracking=True,
        help="Leave empty to block the number whatever product it is offered as.",
    )
    reason = fields.Selection(SERIAL_REASONS, required=True, default="stolen", tracking=True)

    @api.depends("name")
    def _compute_match_key(self):
        for entry in self:
            entry.match_key = _match_key(entry.name)

    @api.model
    def _tradein_attempt_field(self):
        return "blocked_serial_id"

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Blocked Serials"),
                "template": "/tradein_serial/static/csv/blocked_serials.csv",
            }
        ]

    @api.constrains("name", "product_id", "company_id", "active")
    def _check_unique(self):
        for entry in self.filtered("active"):
            if not entry.match_key:
                raise ValidationError(self.env._("Enter the blocked serial number or IMEI."))
            duplicate = self.search_count(
                [
                    ("id", "!=", entry.id),
                    ("match_key", "=", entry.match_key),
                    ("product_id", "=", entry.product_id.id),
                    ("company_id", "=", entry.company_id.id),
                ],
                limit=1,
            )
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s is already on the blocked list.", serial=entry.name
                    )
                )

    def _tradein_blocking(self, serials, products):
        """Those of these entries that block one of `serials` for `products`
        (an entry without a product blocks the number for any product)."""
        keys = {_match_key(serial) for serial in serials if serial}
        return self.filtered(
            lambda entry: (
                entry.match_key in keys and (not entry.product_id or entry.product_id in products)
            )
        )

    @api.model
    def _tradein_match(self, serials, products, company):
        """The active entries blocking one of `serials` for `products` in `company`."""
        keys = list({_match_key(serial) for serial in serials if serial})
        if not keys:
            return self.browse()
        # sudo: the list belongs to the Administrators; every clerk's entry
        # is checked against it and only the matching entry is shown.
        return self.sudo().search(
            [
                ("match_key", "in", keys),
                ("product_id", "in", [False, *products.ids]),
                *self._tradein_company_domain(company),
            ]
        )
