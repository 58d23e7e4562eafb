from odoo import fields, models


class TradeinRefurbCheck(models.Model):
    _name = "tradein.refurb.check"
    _description = "Refurbishment Checklist Item"
    _order = "sequence, id"

    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    done = fields.Boolean()
