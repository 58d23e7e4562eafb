from odoo import api, models


class TradeinSerialInputMixin(models.AbstractModel):
    """Serial numbers typed on a record, spelt by one rule wherever they are
    typed (see ``stock.lot._tradein_clean_serial``): trimmed, checked for
    length and, where the product's category says so, checked as an IMEI.

    A model lists the fields that hold a typed serial in
    ``_tradein_serial_fields`` and the fields that give the product, first
    set first, in ``_tradein_serial_product_fields``. The cleaning happens
    under every override of ``create`` and ``write``, just before the
    database: the overrides see what the client sent.
    """

    _name = "tradein.serial.input.mixin"
    _description = "Typed Serial Numbers"
    _tradein_serial_fields = ()
    _tradein_serial_product_fields = ("product_id",)

    def _tradein_serial_product(self, vals):
        """The product whose rule spells the serials of `vals` on this record."""
        Product = self.env["product.product"]
        for name in self._tradein_serial_product_fields:
            if vals.get(name):
                return Product.browse(vals[name])
        for name in self._tradein_serial_product_fields:
            if self[:1][name]:
                return self[:1][name]
        return Product

    def _tradein_clean_serial_fields(self, vals):
        product = self._tradein_serial_product(vals)
        for name in self._tradein_serial_fields:
            vals = self.env["stock.lot"]._tradein_clean_serial_vals(vals, name, product)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create(
            [self.browse()._tradein_clean_serial_fields(vals) for vals in vals_list]
        )

    def write(self, vals):
        if not set(self._tradein_serial_fields) & vals.keys():
            return super().write(vals)
        by_product = self.grouped(lambda record: record._tradein_serial_product(vals))
        if len(by_product) == 1:
            return super().write(self._tradein_clean_serial_fields(vals))
        # Each product spells its serials by its own rule (IMEIs).
        for records in by_product.values():
            super(TradeinSerialInputMixin, records).write(
                records._tradein_clean_serial_fields(vals)
            )
        return True
