from odoo import api, models


class TradeinSerialEvent(models.Model):
    _inherit = "tradein.serial.event"

    @api.model
    def _tradein_extra_document_models(self):
        return [*super()._tradein_extra_document_models(), "repair.order"]
