from odoo import Command
from odoo.addons.base.tests.common import BaseCommon


class LocalCompanyCase(BaseCommon):
    """A company with a real localisation and its chart of accounts as the
    current company of the test user, no seller identification required."""

    _company_name = "Used Goods Ltd"
    _country = "base.uk"
    _chart = "uk"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {"name": cls._company_name, "country_id": cls.env.ref(cls._country).id}
        )
        cls.env["account.chart.template"]._load(cls._chart, cls.company, install_demo=False)
        cls.env = cls.env(context={**cls.env.context, "allowed_company_ids": cls.company.ids})
        cls.company = cls.company.with_env(cls.env)
        cls.env.user.write(
            {"company_ids": [Command.link(cls.company.id)], "company_id": cls.company.id}
        )
        cls.company.tradein_require_identification = False


class UkCompanyCase(LocalCompanyCase):
    """A UK company (l10n_uk, 20% VAT)."""

    _company_name = "UK Used Phones"


class NorwegianCompanyCase(LocalCompanyCase):
    """A Norwegian company (l10n_no, 25% VAT)."""

    _company_name = "Brukt Sykkel AS"
    _country = "base.no"
    _chart = "no"
