from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .purchase_order import REQUIRED_SELLER_ID_FIELDS
from .purchase_order import SELLER_ID_FIELDS
from .res_partner import ID_TYPES


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    seller_id_type = fields.Selection(
        ID_TYPES,
        groups="tradein_serial.group_tradein_seller_identity",
        string="ID Type",
        compute="_compute_seller_identification",
        store=True,
        readonly=False,
        tracking=True,
    )
    seller_id_number = fields.Char(
        groups="tradein_serial.group_tradein_seller_identity",
        string="ID Number",
        compute="_compute_seller_identification",
        store=True,
        readonly=False,
        tracking=True,
    )
    seller_id_country_id = fields.Many2one(
        "res.country",
        groups="tradein_serial.group_tradein_seller_identity",
        string="ID Issuing Country",
        compute="_compute_seller_identification",
        store=True,
        readonly=False,
    )
    seller_id_authority = fields.Char(
        groups="tradein_serial.group_tradein_seller_identity",
        string="ID Issuing Authority",
        compute="_compute_seller_identification",
        store=True,
        readonly=False,
    )
    seller_id_expiry = fields.Date(
        groups="tradein_serial.group_tradein_seller_identity",
        string="ID Expiry Date",
        compute="_compute_seller_identification",
        store=True,
        readonly=False,
    )
    seller_birthdate = fields.Date(
        groups="tradein_serial.group_tradein_seller_identity",
        string="Date of Birth",
        compute="_compute_seller_identification",
        store=True,
        readonly=False,
    )

    @api.depends("partner_id", "is_customer_purchase")
    def _compute_seller_identification(self):
        for order in self:
            partner = order.partner_id
            if not order.is_customer_purchase or not partner:
                continue
            for field, partner_field in SELLER_ID_FIELDS.items():
                order[field] = partner[partner_field]

    def _tradein_remember_seller_identification(self):
        """Store the identification typed on the purchase on the seller too."""
        # sudo: the identification is copied by the system for whoever saves
        # the purchase; only the seller-identity group reads or types it.
        for order in self.sudo().filtered("is_customer_purchase"):
            partner = order.partner_id
            values = {
                partner_field: order[field]
                for field, partner_field in SELLER_ID_FIELDS.items()
                if order[field] and order[field] != partner[partner_field]
            }
            if values:
                partner.write(
                    {
                        key: value.id if isinstance(value, models.BaseModel) else value
                        for key, value in values.items()
                    }
                )

    def _tradein_missing_identification(self):
        """Labels of the seller identification fields still empty."""
        self.ensure_one()
        if not self.company_id.tradein_require_identification:
            return []
        # sudo: only whether the identification is there is checked, which
        # every clerk may know; its content stays with the identity group.
        order = self.sudo()
        return [
            self._fields[name].get_description(self.env)["string"]
            for name in REQUIRED_SELLER_ID_FIELDS
            if not order[name]
        ]

    def _tradein_check_seller_identity(self):
        """When identification is required, it must make sense: a date of
        birth in the past, a seller of the company's minimum age, an ID not
        expired."""
        self.ensure_one()
        company = self.company_id
        if not company.tradein_require_identification:
            return
        # sudo: only the dates are compared, which every clerk may know the
        # outcome of; the identification stays with the identity group.
        order = self.sudo()
        today = fields.Date.context_today(self)
        birthdate = order.seller_birthdate
        if birthdate and birthdate > today:
            raise UserError(
                self.env._(
                    "The seller's date of birth on %(name)s is in the future: check it.",
                    name=self.name,
                )
            )
        minimum = company.tradein_min_seller_age
        if birthdate and minimum and relativedelta(today, birthdate).years < minimum:
            raise UserError(
                self.env._(
                    "The seller of %(name)s is under %(age)s: the shop does not buy from minors.",
                    name=self.name,
                    age=minimum,
                )
            )
        if order.seller_id_expiry and order.seller_id_expiry < today:
            raise UserError(
                self.env._(
                    "The seller's ID on %(name)s expired on %(date)s: ask for a valid one.",
                    name=self.name,
                    date=order.seller_id_expiry,
                )
            )
