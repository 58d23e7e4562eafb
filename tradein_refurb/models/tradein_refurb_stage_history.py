from odoo import api, fields, models


class TradeinRefurbStageHistory(models.Model):
    _name = "tradein.refurb.stage.history"
    _description = "Time of a Refurbishment in a Stage"
    _order = "date_start desc, id desc"

    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True)
    user_id = fields.Many2one(related="repair_id.user_id", store=True, string="Technician")
    stage_id = fields.Many2one("tradein.refurb.stage", required=True)
    date_start = fields.Datetime(required=True, default=fields.Datetime.now)
    date_end = fields.Datetime()
    duration_hours = fields.Float(
        compute="_compute_duration_hours", store=True, aggregator="avg", string="Hours"
    )

    @api.depends("date_start", "date_end")
    def _compute_duration_hours(self):
        for history in self:
            end = history.date_end
            history.duration_hours = (
                (end - history.date_start).total_seconds() / 3600.0 if end else 0.0
            )
