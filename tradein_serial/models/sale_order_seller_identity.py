from odoo import models
from odoo.exceptions import UserError

from .purchase_order import REQUIRED_SELLER_ID_FIELDS
from .purchase_order import SELLER_ID_FIELDS


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _tradein_missing_identification(self):
        """The identification its trade-ins need that the customer lacks."""
        self.ensure_one()
        if not (self.company_id.tradein_require_identification and self._tradein_lines()):
            return []
        # sudo: only whether the identification is there is checked.
        partner = self.partner_id.sudo()
        required = [SELLER_ID_FIELDS[name] for name in REQUIRED_SELLER_ID_FIELDS]
        return [
            partner._fields[name].get_description(self.env)["string"]
            for name in required
            if not partner[name]
        ]

    def action_tradein_identify(self, confirm_after=False):
        """Enter or check the customer's identification from the quotation."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Identify %(customer)s", customer=self.partner_id.display_name),
            "res_model": "tradein.seller.identification.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_sale_id": self.id, "default_confirm_after": confirm_after},
        }

    def _tradein_refuse_unidentified(self, missing):
        raise UserError(
            self.env._(
                "Identify %(customer)s before taking in a trade-in on %(order)s: "
                "%(fields)s missing (Seller ID on the quotation, or the customer's form, "
                "tab Identification).",
                customer=self.partner_id.display_name,
                order=self.name,
                fields=", ".join(missing),
            )
        )
