from collections import defaultdict

from odoo import fields, models

ID_TYPES = [
    ("national_id", "National ID card"),
    ("passport", "Passport"),
    ("driving_licence", "Driving licence"),
    ("residence_permit", "Residence permit"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    tradein_id_type = fields.Selection(
        ID_TYPES,
        string="ID Type",
        groups="tradein_serial.group_tradein_seller_identity",
    )
    tradein_id_number = fields.Char(
        string="ID Number",
        groups="tradein_serial.group_tradein_seller_identity",
    )
    tradein_id_country_id = fields.Many2one(
        "res.country",
        string="ID Issuing Country",
        groups="tradein_serial.group_tradein_seller_identity",
    )
    tradein_id_authority = fields.Char(
        string="ID Issuing Authority",
        groups="tradein_serial.group_tradein_seller_identity",
    )
    tradein_id_expiry = fields.Date(
        string="ID Expiry Date",
        groups="tradein_serial.group_tradein_seller_identity",
    )
    tradein_birthdate = fields.Date(
        string="Date of Birth",
        groups="tradein_serial.group_tradein_seller_identity",
    )
    customer_purchase_count = fields.Integer(
        compute="_compute_customer_purchase_count",
        groups="tradein_serial.group_customer_purchase",
    )

    tradein_asset_count = fields.Integer(
        string="Assets",
        compute="_compute_tradein_asset_count",
        groups="stock.group_stock_user",
    )

    def _compute_tradein_asset_count(self):
        counts = dict(
            self.env["stock.lot"]._read_group(
                [("tradein_owner_id", "in", self.commercial_partner_id.ids)],
                ["tradein_owner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.tradein_asset_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_tradein_assets(self):
        """The serials this customer owns now."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "tradein_serial.stock_lot_action_customer_assets"
        )
        action.update(
            name=self.env._("Assets of %(customer)s", customer=self.display_name),
            domain=[("tradein_owner_id", "=", self.commercial_partner_id.id)],
            context={"tradein_return_partner_id": self.commercial_partner_id.id},
        )
        return action

    def action_view_tradein_assets_history(self):
        """Every serial this customer ever received, owned now or not."""
        self.ensure_one()
        action = self.action_view_tradein_assets()
        action.update(
            name=self.env._("Assets history of %(customer)s", customer=self.display_name),
            domain=[
                ("history_ids.partner_id", "child_of", self.commercial_partner_id.id),
                ("history_ids.event_type", "in", ("delivery", "swap_in")),
            ],
        )
        return action

    def _compute_purchase_order_count(self):
        # Customer purchases have their own button: "Purchases" and "Vendor
        # Bills" count what the partner sold us as a vendor.
        res = super()._compute_purchase_order_count()
        if self.env.user._has_group("purchase.group_purchase_user"):
            groups = self.env["purchase.order"]._read_group(
                [("is_customer_purchase", "=", True), ("partner_id", "child_of", self.ids)],
                ["partner_id"],
                ["__count"],
            )
            self._tradein_discount_counts("purchase_order_count", groups)
        return res

    def _compute_supplier_invoice_count(self):
        res = super()._compute_supplier_invoice_count()
        Move = self.env["account.move"]
        groups = Move._read_group(
            [
                ("partner_id", "child_of", self.ids),
                *Move._check_company_domain(self.env.company),
                ("move_type", "in", ("in_invoice", "in_refund")),
                ("line_ids.purchase_line_id.order_id.is_customer_purchase", "=", True),
            ],
            ["partner_id"],
            ["__count"],
        )
        self._tradein_discount_counts("supplier_invoice_count", groups)
        return res

    def _tradein_discount_counts(self, field_name, groups):
        """Take the counted customer purchases off a count that Odoo adds up
        from the partners and their contacts (the same way back)."""
        ids = set(self.ids)
        for buyer, count in groups:
            partner = buyer
            while partner:
                if partner.id in ids:
                    partner[field_name] -= count
                partner = partner.parent_id

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

    def _tradein_address_line(self):
        """The partner's address on one line, without the empty parts of the
        country's address format (no ", , ," for a seller without address)."""
        self.ensure_one()
        lines = self._display_address(without_company=True).splitlines()
        parts = [part.strip(" ,") for line in lines for part in line.split(",")]
        return ", ".join(part for part in parts if part)
