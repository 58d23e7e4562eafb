from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        res = super()._post_load_data(template_code, company, template_data)
        # A company whose chart is loaded after the add-on was installed (a new
        # company, or a localisation installed later) gets its margin taxes and
        # margin fiscal position at once, without saving Settings.
        company._tradein_margin_setup()
        return res
