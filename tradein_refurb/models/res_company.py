from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    tradein_refurb_hour_cost = fields.Monetary(
        string="Refurbishment Labour Cost per Hour", currency_field="currency_id", default=40.0
    )
    tradein_refurb_require_grade = fields.Boolean(
        string="Grade Required to Finish a Refurbishment", default=True
    )
    tradein_refurb_labour_account_id = fields.Many2one(
        "account.account",
        string="Refurbishment Labour Account",
        help="Credited with the labour a refurbishment adds to the serial's value "
        "(capitalised labour). Default: the company's expense account.",
    )
