from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.res_partner import ID_TYPES

# Wizard field: the customer's field it shows and writes.
PARTNER_ID_FIELDS = {
    "id_type": "tradein_id_type",
    "id_number": "tradein_id_number",
    "id_country_id": "tradein_id_country_id",
    "id_authority": "tradein_id_authority",
    "id_expiry": "tradein_id_expiry",
    "birthdate": "tradein_birthdate",
}


class TradeinSellerIdentificationWizard(models.TransientModel):
    """The customer's identification, entered or checked from the quotation
    whose trade-ins need it (instead of the contact's Identification tab)."""

    _name = "tradein.seller.identification.wizard"
    _description = "Identify the Seller of a Trade-in"

    sale_id = fields.Many2one("sale.order", required=True, readonly=True)
    partner_id = fields.Many2one(related="sale_id.partner_id", string="Customer")
    confirm_after = fields.Boolean(
        help="Confirm the quotation once the identification is saved (from Confirm)."
    )
    id_type = fields.Selection(ID_TYPES, string="ID Type")
    id_number = fields.Char(string="ID Number")
    id_country_id = fields.Many2one("res.country", string="ID Issuing Country")
    id_authority = fields.Char(string="ID Issuing Authority")
    id_expiry = fields.Date(string="ID Expiry Date")
    birthdate = fields.Date(string="Date of Birth")
    duplicate_warning = fields.Char(compute="_compute_duplicate_warning")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        partner = self.env["sale.order"].browse(values.get("sale_id")).partner_id
        for name, partner_field in PARTNER_ID_FIELDS.items():
            if name in fields_list and partner:
                values[name] = partner._fields[partner_field].convert_to_write(
                    partner[partner_field], partner
                )
        return values

    @api.depends("id_number", "partner_id")
    def _compute_duplicate_warning(self):
        for wizard in self:
            number = (wizard.id_number or "").strip()
            others = number and self.env["res.partner"].search(
                [
                    ("tradein_id_number", "=ilike", number),
                    ("commercial_partner_id", "!=", wizard.partner_id.commercial_partner_id.id),
                ],
                limit=3,
            )
            wizard.duplicate_warning = (
                self.env._(
                    "ID number %(number)s already belongs to %(others)s: check that this is "
                    "the same person, or the number.",
                    number=number,
                    others=", ".join(others.mapped("display_name")),
                )
                if others
                else False
            )

    def action_save(self):
        self.ensure_one()
        if self.sale_id.state not in ("draft", "sent"):
            raise UserError(
                self.env._("%(order)s is no longer a quotation.", order=self.sale_id.name)
            )
        self.partner_id.write(
            {
                partner_field: self._fields[name].convert_to_write(self[name], self)
                for name, partner_field in PARTNER_ID_FIELDS.items()
            }
        )
        if self.confirm_after:
            return self.sale_id.action_confirm()
        return {"type": "ir.actions.act_window_close"}
