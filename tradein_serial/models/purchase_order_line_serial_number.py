from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    tradein_serial_display = fields.Char(
        string="Serial Number",
        compute="_compute_tradein_serial_display",
        help="The item's serial: the known serial picked or the new one typed.",
    )
    tradein_last_owner_id = fields.Many2one(
        related="tradein_lot_id.last_customer_id", string="Last Sold To"
    )
    tradein_owner_warning = fields.Char(compute="_compute_tradein_owner_warning")

    @api.depends("tradein_lot_id.name", "tradein_serial_name")
    def _compute_tradein_serial_display(self):
        for line in self:
            line.tradein_serial_display = line._tradein_serial()

    @api.depends("tradein_lot_id", "order_id.partner_id")
    def _compute_tradein_owner_warning(self):
        for line in self:
            owner = line.tradein_last_owner_id
            seller = line.order_id.partner_id.commercial_partner_id
            if owner and seller and owner.commercial_partner_id != seller:
                line.tradein_owner_warning = self.env._(
                    "Serial %(serial)s was sold to %(owner)s, not to %(seller)s.",
                    serial=line.tradein_lot_id.name,
                    owner=owner.display_name,
                    seller=seller.display_name,
                )
            else:
                line.tradein_owner_warning = False

    @api.onchange("tradein_lot_id")
    def _onchange_tradein_lot_id(self):
        if self.tradein_lot_id and self.tradein_lot_id.product_id != self.product_id:
            self.product_id = self.tradein_lot_id.product_id

    @api.constrains("tradein_lot_id", "tradein_serial_name", "product_id", "product_qty")
    def _check_tradein_serial(self):
        for line in self.filtered(lambda line: line.is_customer_purchase and not line.display_type):
            if line._tradein_not_received():
                self.env["stock.lot"]._tradein_check_product(line.product_id)
            serial = line._tradein_serial()
            if serial and line._tradein_is_serialized():
                if line.product_uom_id.compare(line.product_qty, 1.0) != 0:
                    raise ValidationError(
                        self.env._(
                            "A line with serial %(serial)s is for exactly one item.",
                            serial=serial,
                        )
                    )
        self._tradein_check_serials()

    def _tradein_is_serialized(self):
        self.ensure_one()
        if self.tradein_is_manual:
            return self.tradein_manual_serialized
        return self.product_id.tracking == "serial"

    def _tradein_serial(self):
        """The serial number of the line, known or typed."""
        self.ensure_one()
        return self.tradein_lot_id.name or (self.tradein_serial_name or "").strip()

    def _tradein_existing_lot(self, index=None):
        """The lot of the line: the one picked, or the one with the typed number.

        :param index: a ``stock.lot._tradein_serial_index`` holding its serial
        """
        self.ensure_one()
        if self.tradein_lot_id:
            return self.tradein_lot_id
        if self.tradein_is_manual:
            return self.env["stock.lot"]
        return self.env["stock.lot"]._tradein_find(
            self.product_id, self._tradein_serial(), self.company_id, index=index
        )

    def _tradein_check_catalogue_product(self):
        """Refuse an archived product, or one of another company."""
        self.ensure_one()
        self.env["stock.lot"]._tradein_check_product(self.product_id)
        product_company = self.product_id.company_id
        if product_company and product_company != self.order_id.company_id:
            raise ValidationError(
                self.env._(
                    "%(product)s belongs to %(company)s: it cannot be bought on %(name)s.",
                    product=self.product_id.display_name,
                    company=product_company.name,
                    name=self.order_id.name,
                )
            )

    def _tradein_check_serials(self):
        """Refuse serials that are already in our stock, of another product, or
        twice on a purchase; and, checked again at pay-out and Add to
        Inventory in case something changed since the line was saved, an
        archived product, one of another company, or a missing serial."""
        lines = self.filtered(
            lambda line: (
                line.is_customer_purchase
                and not line.display_type
                and line._tradein_not_received()
                and line.order_id.state != "cancel"
            )
        )
        index = self.env["stock.lot"]._tradein_serial_index(
            [(line.product_id, line._tradein_serial()) for line in lines]
        )
        for line in lines:
            serial = line._tradein_serial()
            if not line.tradein_is_manual:
                line._tradein_check_catalogue_product()
            if not serial:
                if line._tradein_is_serialized():
                    raise ValidationError(
                        self.env._(
                            "Enter the serial number of %(item)s on %(name)s: each item of a "
                            "serial-tracked product is bought with its serial.",
                            item=line._tradein_item_label(),
                            name=line.order_id.name or self.env._("the customer purchase"),
                        )
                    )
                continue
            others = line.order_id.order_line - line
            if serial in [o._tradein_serial() for o in others if o.product_id == line.product_id]:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s is on %(name)s twice.",
                        serial=serial,
                        name=line.order_id.name,
                    )
                )
            if not line.tradein_is_manual:
                self.env["stock.lot"]._tradein_check_acquirable(
                    line.product_id,
                    line.company_id,
                    lot=line.tradein_lot_id,
                    serial=serial,
                    index=index,
                )
