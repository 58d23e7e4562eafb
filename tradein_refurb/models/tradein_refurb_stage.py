from odoo import fields, models


class TradeinRefurbStage(models.Model):
    _name = "tradein.refurb.stage"
    _description = "Refurbishment Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(help="Folded in the refurbishment board.")
    is_done = fields.Boolean(
        string="Done Stage", help="Refurbishments reach this stage when they are done."
    )
