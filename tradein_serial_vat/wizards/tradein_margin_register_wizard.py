from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL


class TradeinMarginRegisterWizard(models.TransientModel):
    _name = "tradein.margin.register.wizard"
    _inherit = "tradein.register.mixin"
    _description = "Margin Scheme Stock Book"
    _xlsx_sheet = "Margin Register"

    stock_filter = fields.Selection(
        [
            ("all", "All items"),
            ("in_stock", "In stock at the end"),
            ("sold", "Sold or disposed of in the period"),
        ],
        string="Show",
        default="all",
        required=True,
    )

    def _disposal_labels(self):
        return {
            "sale": self.env._("Sold"),
            "sale_standard": self.env._("Sold with standard VAT"),
            "credit_note": self.env._("Returned (credit note)"),
            "written_off": self.env._("Written off"),
            "own_use": self.env._("Taken for own use"),
            "returned_to_seller": self.env._("Returned to seller"),
        }

    def _register_rows(self):
        """The stock book: every margin-scheme item bought in the period or in
        stock at its end, one row per sale or other disposal in the period
        (an item with none has one row, its sale columns empty).

        The items are chosen by the ORM (access rules apply); their sales and
        disposals are then read in a few queries, however many rows.
        """
        self.ensure_one()
        Acquisition = self.env["tradein.margin.acquisition"]
        acquisitions = Acquisition.search(
            [("company_id", "=", self.company_id.id), ("date", "<=", self.date_to)],
            order="stock_number, id",
        )
        if not acquisitions:
            return []
        # Only the columns the rows show, a few queries for the whole book.
        acquisitions.fetch(
            [
                "stock_number",
                "date",
                "lot_id",
                "serial",
                "description",
                "purchase_price",
                "seller_id",
            ]
        )
        acquisitions.lot_id.fetch(["name"])
        events = self._stock_book_events(acquisitions)
        # sudo: the stock book names each purchase document, whatever the
        # reader's rights on purchases.
        bought = acquisitions.sudo()
        bought.fetch(["purchase_order_id"])
        bought.purchase_order_id.fetch(["name"])
        purchases = {
            acquisition.id: acquisition.purchase_order_id.name or "" for acquisition in bought
        }
        names = self._stock_book_partner_names(acquisitions, events)
        labels = self._disposal_labels()
        rows = []
        date_from = self.date_from
        for acquisition in acquisitions:
            items = events.get(acquisition.id, [])
            # The item's state at the period's end: a credit note brings it back.
            in_stock = not items or items[-1]["kind"] == "credit_note"
            in_period = [event for event in items if event["date"] >= date_from]
            if not self._stock_book_shows(acquisition, in_stock, in_period):
                continue
            purchase = self._stock_book_purchase_columns(acquisition, purchases, names, in_stock)
            rows += [
                {**purchase, **self._stock_book_sale_columns(event, names, labels)}
                for event in in_period or [None]
            ]
        return rows

    def _stock_book_partner_names(self, acquisitions, events):
        """{partner id: name} of the sellers and buyers of the stock book."""
        partners = self.env["res.partner"].browse(
            set(acquisitions.seller_id.ids)
            | {event["partner_id"] for items in events.values() for event in items} - {None, False}
        )
        return {partner.id: partner.complete_name for partner in partners}

    def _stock_book_purchase_columns(self, acquisition, purchases, names, in_stock):
        """The purchase columns of the stock-book rows of `acquisition`."""
        return {
            "stock_number": acquisition.stock_number,
            "serial": acquisition.lot_id.name or acquisition.serial or "",
            "product": acquisition.description or "",
            "purchase_date": acquisition.date,
            "purchase_document": purchases[acquisition.id],
            "seller": names.get(acquisition.seller_id.id, ""),
            "purchase_price": acquisition.purchase_price,
            "in_stock": in_stock,
            "currency": self.company_id.currency_id,
        }

    def _stock_book_shows(self, acquisition, in_stock, in_period):
        """Whether the stock book lists the item, by the period and the filter."""
        if not (acquisition.date >= self.date_from or in_stock or in_period):
            return False
        if self.stock_filter == "in_stock":
            return in_stock
        if self.stock_filter == "sold":
            return bool(in_period)
        return True

    @api.model
    def _stock_book_sale_columns(self, event, names, labels):
        """The sale columns of a stock-book row: empty for an item not disposed of."""
        if event is None:
            return {
                "disposal": "",
                "sale_date": None,
                "sale_document": "",
                "buyer": "",
                "selling_price": None,
                "margin": None,
                "vat": None,
                "rate": "",
            }
        return {
            "disposal": labels[event["kind"]],
            "sale_date": event["date"],
            "sale_document": event["document"] or "",
            "buyer": names.get(event["partner_id"], ""),
            "selling_price": event["selling"],
            "margin": event["margin"],
            "vat": event["vat"],
            "rate": event["rate"],
        }

    def _stock_book_events(self, acquisitions):
        """The sales, credit notes and other disposals of `acquisitions` up to
        the period's end, by acquisition, in date order: dicts of kind, date,
        document, partner_id and, for invoices, selling price, margin, VAT and
        rate in the company's currency."""
        events = defaultdict(list)
        invoiced = self._stock_book_invoiced(acquisitions)
        rates = self._stock_book_rates([row[0] for row in invoiced])
        round_ = self.company_id.currency_id.round
        for row in invoiced:
            events[row[1]].append(self._stock_book_invoice_event(row, rates, round_))
        self._stock_book_stock_events(acquisitions, events)
        for items in events.values():
            items.sort(key=lambda event: event["date"])
        return events

    def _stock_book_invoiced(self, acquisitions):
        """The posted invoice and credit-note lines of `acquisitions` up to the
        period's end, in date order, as rows of the query."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT line.id, line.tradein_margin_acquisition_id, line.date, move.name,
                       move.move_type, move.partner_id, line.quantity, line.balance,
                       line.price_total, line.price_subtotal, line.tradein_margin_scheme,
                       acquisition.purchase_price
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  JOIN tradein_margin_acquisition acquisition
                    ON acquisition.id = line.tradein_margin_acquisition_id
                 WHERE line.tradein_margin_acquisition_id = ANY(%(ids)s)
                   AND line.company_id = %(company)s
                   AND line.display_type = 'product'
                   AND move.state = 'posted'
                   AND move.move_type IN ('out_invoice', 'out_refund')
                   AND line.date <= %(date_to)s
                 ORDER BY line.date, line.id
                """,
                ids=acquisitions.ids,
                company=self.company_id.id,
                date_to=self.date_to,
            )
        )
        return self.env.cr.fetchall()

    def _stock_book_invoice_event(self, row, rates, round_):
        """The stock-book event of one row of `_stock_book_invoiced`;
        `round_`, the rounding of the company's currency."""
        (
            line_id,
            _acquisition_id,
            date,
            document,
            move_type,
            partner_id,
            quantity,
            balance,
            price_total,
            price_subtotal,
            margin_scheme,
            purchase_price,
        ) = row
        sign = -1 if move_type == "out_refund" else 1
        # In the company's currency: the line's balance is its untaxed price,
        # already negative on a credit note.
        untaxed = -float(balance or 0.0)
        ratio = float(price_total) / float(price_subtotal) if price_subtotal else 1.0
        selling = round_(untaxed * ratio)
        cost = sign * float(purchase_price or 0.0) * float(quantity or 0.0)
        kind = "credit_note" if sign < 0 else "sale" if margin_scheme else "sale_standard"
        return {
            "kind": kind,
            "date": date,
            "document": document,
            "partner_id": partner_id,
            "selling": selling,
            "margin": round_(selling - cost),
            "vat": round_(selling - untaxed),
            "rate": ", ".join(rates[line_id]),
        }

    def _stock_book_rates(self, line_ids):
        rates = defaultdict(list)
        if not line_ids:
            return rates
        self.env.cr.execute(
            SQL(
                """
                SELECT rel.account_move_line_id, tax.amount
                  FROM account_move_line_account_tax_rel rel
                  JOIN account_tax tax ON tax.id = rel.account_tax_id
                 WHERE rel.account_move_line_id = ANY(%s)
                 ORDER BY tax.sequence, tax.id
                """,
                line_ids,
            )
        )
        for line_id, amount in self.env.cr.fetchall():
            rates[line_id].append(f"{float(amount):g}%")
        return rates

    def _stock_book_stock_events(self, acquisitions, events):
        """Add the disposals that are no sale: a serial scrapped (written off,
        or taken for own use with that scrap reason) or returned to its
        seller, each to the acquisition of the serial it followed."""
        by_lot = defaultdict(list)
        for acquisition in acquisitions.filtered("lot_id").sorted(lambda a: (a.date, a.id)):
            by_lot[acquisition.lot_id.id].append(acquisition)
        if not by_lot:
            return
        moved = self._stock_book_moved_out(list(by_lot))
        own_use = self.env.ref("tradein_serial_vat.scrap_reason_own_use", raise_if_not_found=False)
        scraps = self.env["stock.scrap"].browse({row[4] for row in moved} - {None})
        own_use_scraps = set(scraps.filtered(lambda s: own_use in s.scrap_reason_tag_ids).ids)
        for lot_id, moved_at, reference, usage, scrap_id, partner_id in moved:
            # The day in the user's time zone, as invoice dates are.
            date = fields.Date.context_today(self, moved_at)
            acquisition = next((a for a in reversed(by_lot[lot_id]) if a.date <= date), None)
            if acquisition is None:
                continue
            if usage == "supplier":
                kind = "returned_to_seller"
            else:
                kind = "own_use" if scrap_id in own_use_scraps else "written_off"
            events[acquisition.id].append(
                {
                    "kind": kind,
                    "date": date,
                    "document": reference,
                    "partner_id": partner_id,
                    "selling": None,
                    "margin": None,
                    "vat": None,
                    "rate": "",
                }
            )

    def _stock_book_moved_out(self, lot_ids):
        """The done moves of `lot_ids` out of stock to a scrap or inventory
        location or to a seller, up to the period's end, in date order."""
        self.env.cr.execute(
            SQL(
                """
                SELECT move_line.lot_id, move_line.date, move.reference, dest.usage,
                       move.scrap_id, move.partner_id
                  FROM stock_move_line move_line
                  JOIN stock_move move ON move.id = move_line.move_id
                  JOIN stock_location source ON source.id = move_line.location_id
                  JOIN stock_location dest ON dest.id = move_line.location_dest_id
                 WHERE move_line.lot_id = ANY(%(lots)s)
                   AND move_line.state = 'done'
                   AND source.usage = 'internal'
                   AND dest.usage IN ('inventory', 'supplier')
                   AND move_line.date < %(end)s
                 ORDER BY move_line.date, move_line.id
                """,
                lots=lot_ids,
                end=self.date_to + relativedelta(days=1),
            )
        )
        return self.env.cr.fetchall()

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("tradein_serial_vat.action_report_margin_register").report_action(self)

    def _xlsx_columns(self):
        return [
            ("stock_number", self.env._("Stock Number")),
            ("serial", self.env._("Serial")),
            ("product", self.env._("Product")),
            ("purchase_date", self.env._("Purchase Date")),
            ("purchase_document", self.env._("Purchase Document")),
            ("seller", self.env._("Seller")),
            ("purchase_price", self.env._("Purchase Price")),
            ("disposal", self.env._("Disposal")),
            ("sale_date", self.env._("Sale Date")),
            ("sale_document", self.env._("Sale Document")),
            ("buyer", self.env._("Buyer")),
            ("selling_price", self.env._("Selling Price")),
            ("margin", self.env._("Margin")),
            ("vat", self.env._("Margin VAT")),
            ("rate", self.env._("Rate")),
        ]
