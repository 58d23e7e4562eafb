from odoo import api, fields, models

SELLER_TYPES = [
    ("private", "Private person"),
    ("vat_business", "VAT-registered business"),
    ("vat_exempt", "VAT-exempt business"),
    ("margin_dealer", "Margin-scheme dealer"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    tradein_seller_type = fields.Selection(
        SELLER_TYPES,
        string="Seller Type",
        compute="_compute_tradein_seller_type",
        store=True,
        readonly=False,
        help="Decides the VAT of what we buy from this partner: a private person or a "
        "VAT-exempt business sells without VAT (margin scheme possible); a VAT-registered "
        "business with deductible VAT, or without; a dealer under the margin scheme.",
    )

    @api.depends("is_company", "vat")
    def _compute_tradein_seller_type(self):
        for partner in self:
            if not partner.tradein_seller_type:
                partner.tradein_seller_type = (
                    "vat_business" if partner.is_company and partner.vat else "private"
                )
