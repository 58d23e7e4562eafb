from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class StockLot(models.Model):
    _inherit = "stock.lot"

    tradein_hold_until = fields.Date(
        string="On Hold Until",
        compute="_compute_tradein_hold_until",
        store=True,
        help="Bought from the public or taken in trade: it cannot be delivered or sold "
        "before this day (Hold Days, Settings > Used Goods). Refurbishment may start.",
    )
    tradein_on_hold = fields.Boolean(
        string="On Hold", compute="_compute_tradein_on_hold", search="_search_tradein_on_hold"
    )

    @api.depends("acquisition_date", "acquisition_type", "company_id.tradein_hold_days")
    def _compute_tradein_hold_until(self):
        for lot in self:
            days = lot._tradein_company().tradein_hold_days
            held = lot.acquisition_type in ("customer_purchase", "trade_in")
            lot.tradein_hold_until = (
                lot.acquisition_date + relativedelta(days=days)
                if held and days and lot.acquisition_date
                else False
            )

    def _compute_tradein_on_hold(self):
        today = fields.Date.context_today(self)
        for lot in self:
            lot.tradein_on_hold = bool(lot.tradein_hold_until and lot.tradein_hold_until > today)

    def _search_tradein_on_hold(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        on_hold = [("tradein_hold_until", ">", fields.Date.context_today(self))]
        return on_hold if (operator == "=") == value else ["!", *on_hold]

    def _tradein_check_not_on_hold(self, what):
        """Refuse to deliver or sell serials still on hold."""
        held = self.filtered("tradein_on_hold")
        if held:
            raise UserError(
                self.env._(
                    "Serial %(serial)s is on hold until %(date)s (Hold Days, Settings > Used "
                    "Goods): it cannot be %(what)s before.",
                    serial=held[0].name,
                    date=held[0].tradein_hold_until,
                    what=what,
                )
            )

    def _tradein_in_stock(self):
        """Return the serials of `self` that sit in an internal location."""
        quants = self.env["stock.quant"]._read_group(
            [
                ("lot_id", "in", self.ids),
                ("location_id.usage", "=", "internal"),
                ("quantity", ">", 0),
            ],
            ["lot_id"],
        )
        return self.browse([lot.id for (lot,) in quants])

    @api.model
    def _tradein_check_product(self, product):
        """Only goods of the catalogue still in use can be bought or taken in."""
        if not product:
            return
        if not product.active:
            raise ValidationError(
                self.env._(
                    "%(product)s is archived: restore it or choose another product.",
                    product=product.display_name,
                )
            )
        if product.type != "consu":
            raise ValidationError(
                self.env._(
                    "%(product)s is not goods: a customer purchase or a trade-in is for items.",
                    product=product.display_name,
                )
            )

    @api.model
    def _tradein_find(self, product, serial, company):
        """The serial `serial` of `product` in `company`, if we know it."""
        if not product or not serial:
            return self.browse()
        return self.search(
            [
                ("product_id", "=", product.id),
                ("name", "=", self._tradein_clean_serial(serial)),
                *self._check_company_domain(company),
            ],
            limit=1,
        )

    @api.model
    def _tradein_check_acquirable(self, products, company, lot=None, serial=None):
        """Refuse to buy or take in a serial that is not the customer's to sell.

        :param products: the products the item may be filed under (the
            product and its used twin)
        :param lot: the serial picked, if any; else ``serial``, the number typed
        """
        serial = self._tradein_clean_serial(serial)
        if lot and products and lot.product_id not in products:
            raise ValidationError(
                self.env._(
                    "Serial %(serial)s belongs to %(lot_product)s, not to %(product)s.",
                    serial=lot.name,
                    lot_product=lot.product_id.display_name,
                    product=products[:1].display_name,
                )
            )
        if not lot:
            for product in products:
                lot = self._tradein_find(product, serial, company)
                if lot:
                    break
        if not lot and serial:
            self._tradein_check_new_serial(products, company, serial)
        if lot and lot._tradein_in_stock():
            raise ValidationError(
                self.env._(
                    "Serial %(serial)s of %(product)s is already in our stock: it cannot "
                    "be bought again.",
                    serial=lot.name,
                    product=lot.product_id.display_name,
                )
            )

    @api.model
    def _tradein_check_new_serial(self, products, company, serial):
        """Refuse a typed serial that looks like one we know, or that another
        company of the database has in stock."""
        for product in products:
            lookalike = self._tradein_lookalike(product, serial, company)
            if lookalike:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s of %(product)s already exists as %(existing)s: "
                        "pick it as the Known Serial, or check the number.",
                        serial=serial,
                        product=product.display_name,
                        existing=lookalike.name,
                    )
                )
        # sudo: a serial in the stock of another company must not be bought a
        # second time; only its existence is looked at.
        elsewhere = (
            self.sudo()
            .search([("product_id", "in", products.ids), ("name", "=", serial)])
            ._tradein_in_stock()
        )
        if elsewhere:
            raise ValidationError(
                self.env._(
                    "Serial %(serial)s is in the stock of %(company)s: it cannot be bought again.",
                    serial=serial,
                    company=elsewhere[0].company_id.name or self.env._("another company"),
                )
            )
