from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .stock_lot_serial_number import _like_escape


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
    def _tradein_find(self, product, serial, company, index=None):
        """The serial `serial` of `product` in `company`, if we know it.

        :param index: a :meth:`_tradein_serial_index` holding this serial
        """
        if not product or not serial:
            return self.browse()
        index = index or self._tradein_serial_index([(product, serial)])
        serial = self._tradein_clean_serial(serial)
        return index.visible.filtered(
            lambda lot: (
                lot.product_id == product
                and lot.name == serial
                and lot.company_id.id in (False, company.id)
            )
        )[:1]

    @api.model
    def _tradein_serial_index(self, pairs):
        """What we know of the serials `pairs` ([(product, serial typed)]),
        read once for a whole batch of checks (see :class:`SerialIndex`)."""
        return SerialIndex(self, pairs)

    @api.model
    def _tradein_check_acquirable(self, products, company, lot=None, serial=None, index=None):
        """Refuse to buy or take in a serial that is not the customer's to sell.

        :param products: the products the item may be filed under (the
            product and its used twin)
        :param lot: the serial picked, if any; else ``serial``, the number typed
        :param index: a :meth:`_tradein_serial_index` holding these serials
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
        index = index or self._tradein_serial_index(
            [(product, serial or (lot and lot.name)) for product in products]
        )
        if not lot:
            for product in products:
                lot = self._tradein_find(product, serial, company, index=index)
                if lot:
                    break
        if not lot and serial:
            self._tradein_check_new_serial(products, company, serial, index=index)
        if lot and index.in_stock(lot):
            raise ValidationError(
                self.env._(
                    "Serial %(serial)s of %(product)s is already in our stock: it cannot "
                    "be bought again.",
                    serial=lot.name,
                    product=lot.product_id.display_name,
                )
            )

    @api.model
    def _tradein_check_new_serial(self, products, company, serial, index=None):
        """Refuse a typed serial that looks like one we know, or that another
        company of the database has in stock."""
        index = index or self._tradein_serial_index([(product, serial) for product in products])
        for product in products:
            lookalike = self._tradein_lookalike(product, serial, company, index=index)
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
        # A serial in the stock of another company must not be bought a
        # second time; only its existence is looked at (the index reads all
        # companies).
        elsewhere = index.all.filtered(
            lambda lot: lot.product_id in products and lot.name == serial and index.in_stock(lot)
        )
        if elsewhere:
            raise ValidationError(
                self.env._(
                    "Serial %(serial)s is in the stock of %(company)s: it cannot be bought again.",
                    serial=serial,
                    company=elsewhere[0].company_id.name or self.env._("another company"),
                )
            )


class SerialIndex:
    """The serials we know among a batch of (product, serial typed) pairs, so
    that checking a whole purchase costs a few queries, not a few per item.

    ``visible``: the serials of those products and exact names the user may
    read; ``all``: those spelt alike but for case, in every company (sudo:
    look-alikes and serials of other companies are refused whoever types
    them, only their existence and name are shown); ``in_stock(lot)``:
    whether a serial of either sits in an internal location. Each is read on
    first use.
    """

    def __init__(self, lots, pairs):
        self._lots = lots
        clean = lots._tradein_clean_serial
        self._pairs = [(product, clean(serial)) for product, serial in pairs if product and serial]
        self._visible = self._all = self._in_stock = None
        self._known = set()

    def _domain(self, names_domain):
        products = self._lots.env["product.product"].union(*(p for p, _s in self._pairs))
        return Domain("product_id", "in", products.ids) & names_domain

    @property
    def visible(self):
        if self._visible is None:
            names = list({serial for _p, serial in self._pairs})
            self._visible = (
                self._lots.search(self._domain(Domain("name", "in", names)))
                if names
                else self._lots.browse()
            )
        return self._visible

    @property
    def all(self):
        if self._all is None:
            names = {serial for _p, serial in self._pairs}
            self._all = (
                self._lots.sudo()
                .with_context(active_test=False)
                .search(
                    self._domain(
                        Domain.OR(Domain("name", "=ilike", _like_escape(name)) for name in names)
                    )
                )
                if names
                else self._lots.sudo().browse()
            )
        return self._all

    def in_stock(self, lot):
        if self._in_stock is None:
            known = self.all | self.visible.sudo()
            self._known = set(known.ids)
            self._in_stock = set(known._tradein_in_stock().ids)
        if lot.id not in self._known:
            # Not one of the batch (a serial picked, not typed): read it alone.
            return bool(lot.sudo()._tradein_in_stock())
        return lot.id in self._in_stock
