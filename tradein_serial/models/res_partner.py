from collections import defaultdict

from odoo import fields
from odoo import models

ID_TYPES = [
    ("national_id", "National ID card"),
    ("passport", "Passport"),
    ("driving_licence", "Driving licence"),
    ("residence_permit", "Residence permit"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    tradein_id_type = fields.Selection(ID_TYPES, string="ID Type")
    tradein_id_number = fields.Char(string="ID Number")
    tradein_id_country_id = fields.Many2one("res.country", string="ID Issuing Country")
    tradein_id_authority = fields.Char(string="ID Issuing Authority")
    tradein_id_expiry = fields.Date(string="ID Expiry Date")
    tradein_birthdate = fields.Date(string="Date of Birth")
    customer_purchase_count = fields.Integer(
        compute="_compute_customer_purchase_count",
        groups="tradein_serial.group_customer_purchase",
    )

    def _compute_customer_purchase_count(self):
        # Counted per company (commercial partner), like Odoo's purchase count.
        commercials = self.commercial_partner_id
        groups = self.env["purchase.order"]._read_group(
            [
                ("is_customer_purchase", "=", True),
                ("partner_id", "child_of", commercials.ids),
            ],
            ["partner_id"],
            ["__count"],
        )
        counts = defaultdict(int)
        for partner, count in groups:
            counts[partner.commercial_partner_id.id] += count
        for partner in self:
            partner.customer_purchase_count = counts[partner.commercial_partner_id.id]

    def action_view_customer_purchases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tradein_serial.customer_purchase_action"
        )
        action["domain"] = [
            ("is_customer_purchase", "=", True),
            ("partner_id", "child_of", self.commercial_partner_id.id),
        ]
        action["context"] = {
            "default_is_customer_purchase": True,
            "default_partner_id": self.id,
        }
        return action
