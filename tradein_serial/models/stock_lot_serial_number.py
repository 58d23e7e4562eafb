import re
import unicodedata

from odoo import api, models
from odoo.exceptions import UserError, ValidationError

from .stock_lot import SERIAL_MAX_LENGTH


def _like_escape(text):
    """`text` as a literal (I)LIKE pattern."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class StockLot(models.Model):
    _inherit = "stock.lot"

    def _tradein_check_lookalike(self):
        """One serial, one spelling: refuse a serial that another serial of the
        same product and company already is, but for upper and lower case."""
        index = self._tradein_serial_index([(lot.product_id, lot.name) for lot in self])
        for lot in self:
            other = self._tradein_lookalike(
                lot.product_id, lot.name, lot.company_id, exclude=lot, index=index
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "Serial %(serial)s of %(product)s already exists as %(existing)s: "
                        "use that one.",
                        serial=lot.name,
                        product=lot.product_id.display_name,
                        existing=other.name,
                    )
                )

    @api.model
    def _tradein_clean_serial(self, serial):
        """The one home of how a serial is spelt, at every entry (customer
        purchase, trade-in, receipt, import, a serial created by hand).

        Unicode NFKC (full-width digits, ligatures and odd spaces become their
        plain form), format characters such as zero-width spaces and
        right-to-left marks dropped, control and line or paragraph separator
        characters refused, surrounding spaces trimmed, at most
        SERIAL_MAX_LENGTH characters.
        """
        if not serial:
            return serial
        text = unicodedata.normalize("NFKC", serial)
        text = "".join(char for char in text if unicodedata.category(char) != "Cf")
        if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in text):
            raise UserError(
                self.env._(
                    "The serial number %(serial)r contains control or line-break characters: "
                    "type it again.",
                    serial=serial[:SERIAL_MAX_LENGTH],
                )
            )
        text = text.strip()
        if len(text) > SERIAL_MAX_LENGTH:
            raise UserError(
                self.env._(
                    "A serial number has at most %(max)s characters; %(serial)s... has %(length)s.",
                    max=SERIAL_MAX_LENGTH,
                    serial=text[:20],
                    length=len(text),
                )
            )
        return text

    @api.model
    def _tradein_clean_serial_vals(self, vals, field="tradein_serial_name", product=None):
        """`vals` with its typed serial number cleaned (see above), as an
        IMEI when `product`'s category says its serials are IMEIs."""
        if vals.get(field) and isinstance(vals[field], str):
            serial = self._tradein_clean_serial(vals[field])
            if product and product.categ_id.tradein_serial_is_imei:
                serial = self._tradein_clean_imei(serial)
            vals = {**vals, field: serial}
        return vals

    @api.model
    def _tradein_clean_imei(self, serial):
        """An IMEI: 15 digits (spaces and dashes removed) whose last one is
        the Luhn check digit of the others."""
        digits = re.sub(r"[\s-]", "", serial)
        if not (len(digits) == 15 and digits.isascii() and digits.isdigit()):
            raise UserError(
                self.env._("%(serial)s is not an IMEI: an IMEI has 15 digits.", serial=serial)
            )
        total = 0
        for index, char in enumerate(reversed(digits)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10:
            raise UserError(
                self.env._(
                    "The check digit of IMEI %(imei)s is wrong: check the number.", imei=digits
                )
            )
        return digits

    @api.model
    def _tradein_lookalike(self, product, serial, company, exclude=None, index=None):
        """A serial of `product` in `company` spelt like `serial` but for
        upper and lower case (not `serial` itself).

        :param index: a :meth:`_tradein_serial_index` holding this serial
        """
        if not product or not serial:
            return self.browse()
        index = index or self._tradein_serial_index([(product, serial)])
        folded = serial.casefold()
        return index.all.filtered(
            lambda lot: (
                lot.product_id == product
                and lot.company_id.id in (False, company.id)
                and lot != exclude
                and lot.name != serial
                and lot.name.casefold() == folded
            )
        )[:1]
