from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .tradein_blocked import SELLER_REASONS
from .tradein_blocked import _match_key


class TradeinBlockedSeller(models.Model):
    _name = "tradein.blocked.seller"
    _inherit = ["tradein.blocked.mixin"]
    _description = "Blocked Seller"

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        check_company=True,
        tracking=True,
        help="The seller's contact; leave empty when only the ID number is known.",
    )
    id_number = fields.Char(
        string="ID Number",
        groups="tradein_serial.group_tradein_seller_identity",
        tracking=True,
        help="The number of the seller's identity document: a contact with this ID number "
        "is blocked too.",
    )
    id_match_key = fields.Char(
        compute="_compute_id_match_key",
        store=True,
        index=True,
        groups="tradein_serial.group_tradein_seller_identity",
    )
    reason = fields.Selection(SELLER_REASONS, required=True, default="stolen_goods", tracking=True)

    @api.depends("partner_id")
    def _compute_name(self):
        for entry in self.filtered("partner_id"):
            entry.name = entry.partner_id.name

    @api.depends("id_number")
    def _compute_id_match_key(self):
        for entry in self:
            entry.id_match_key = _match_key(entry.id_number)

    @api.model
    def _tradein_attempt_field(self):
        return "blocked_seller_id"

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Blocked Sellers"),
                "template": "/tradein_serial/static/csv/blocked_sellers.csv",
            }
        ]

    @api.constrains("name", "partner_id", "id_number", "company_id", "active")
    def _check_who(self):
        # sudo: the ID number is only compared, never shown.
        for entry in self.sudo().filtered("active"):
            if not entry.partner_id and not entry.id_match_key:
                raise ValidationError(
                    self.env._(
                        "Blocked seller %(name)s needs a contact or an ID number.",
                        name=entry.name,
                    )
                )
            matches = self._tradein_match(entry.partner_id, entry.company_id, entry.id_number)
            if (matches - entry).filtered_domain([("company_id", "=", entry.company_id.id)]):
                raise ValidationError(
                    self.env._("%(name)s is already on the blocked sellers list.", name=entry.name)
                )

    @api.model
    def _tradein_match(self, partner, company, id_number=None):
        """The active entries blocking `partner` (or who holds `id_number`)."""
        domains = []
        if partner.commercial_partner_id:
            partners = partner | partner.commercial_partner_id
            domains.append([("partner_id", "in", partners.ids)])
        if _match_key(id_number):
            domains.append([("id_match_key", "=", _match_key(id_number))])
        if not domains:
            return self.browse()
        # sudo: see the blocked serials; the ID numbers stay with the list.
        return self.sudo().search(
            Domain.AND([Domain.OR(domains), self._tradein_company_domain(company)])
        )
