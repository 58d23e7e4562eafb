from odoo import api, fields, models

EVENT_TYPES = [
    ("purchase", "Vendor purchase"),
    ("customer_purchase", "Customer purchase"),
    ("trade_in", "Trade-in"),
    ("import", "Import"),
    ("reserved", "Reserved for a sale"),
    ("delivery", "Delivery"),
    ("invoice", "Invoice"),
    ("credit_note", "Credit note"),
    ("return", "Return from customer"),
    ("return_to_vendor", "Return to vendor"),
    ("swap_out", "Swapped out"),
    ("swap_in", "Swapped in"),
    ("refurbishment", "Refurbishment"),
    ("adjustment", "Inventory adjustment"),
]


class TradeinSerialEvent(models.Model):
    _name = "tradein.serial.event"
    _description = "Serial History Event"
    _order = "date desc, id desc"
    _rec_name = "event_type"

    lot_id = fields.Many2one(
        "stock.lot", string="Serial", required=True, index=True, ondelete="cascade"
    )
    product_id = fields.Many2one(related="lot_id.product_id")
    company_id = fields.Many2one("res.company", index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    event_type = fields.Selection(EVENT_TYPES, string="Event", required=True)
    partner_id = fields.Many2one("res.partner", index="btree_not_null")
    document_ref = fields.Reference(
        selection="_selection_document_models",
        string="Document",
        # Looked up when an invoice is posted (is it already in the history?):
        # without an index, a scan of every event ever logged.
        index="btree_not_null",
        help="The purchase, sale, invoice or refurbishment this event belongs to.",
    )
    picking_id = fields.Many2one("stock.picking", string="Transfer", index="btree_not_null")
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one("res.currency")
    note = fields.Char()
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user)

    @api.model
    def _selection_document_models(self):
        models_ = ["purchase.order", "sale.order", "account.move", "stock.picking"]
        models_ += self._tradein_extra_document_models()
        return [
            (model, self.env["ir.model"]._get(model).name) for model in models_ if model in self.env
        ]

    @api.model
    def _tradein_extra_document_models(self):
        """Hook: add-ons that log events on their own documents list them here."""
        return []

    @api.model
    def _tradein_log(self, values_list):
        """Write history events. The history is a log kept on behalf of
        whoever moves, sells or invoices the serial: users read it but
        never write it themselves, so it is written with sudo()."""
        values_list = [values for values in values_list if values.get("lot_id")]
        if not values_list:
            return self.browse()
        return self.sudo().create(values_list)
