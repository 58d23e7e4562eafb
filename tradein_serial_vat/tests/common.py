from odoo import Command
from odoo.addons.base.tests.common import BaseCommon


class UkCompanyCase(BaseCommon):
    """A UK company with its real chart of accounts (20% VAT) as the current
    company of the test user, no seller identification required."""

    _company_name = "UK Used Phones"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {"name": cls._company_name, "country_id": cls.env.ref("base.uk").id}
        )
        cls.env["account.chart.template"]._load("uk", cls.company, install_demo=False)
        cls.env = cls.env(context={**cls.env.context, "allowed_company_ids": cls.company.ids})
        cls.company = cls.company.with_env(cls.env)
        cls.env.user.write(
            {"company_ids": [Command.link(cls.company.id)], "company_id": cls.company.id}
        )
        cls.company.tradein_require_identification = False
