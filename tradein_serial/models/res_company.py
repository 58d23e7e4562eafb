from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    tradein_require_identification = fields.Boolean(
        string="Require Seller Identification",
        default=True,
        help="Customer purchases cannot be paid out until the seller's ID type, "
        "ID number and date of birth are filled in.",
    )
    tradein_store_credit_journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Store Credit Journal",
        domain="[('type', '=', 'general'), ('company_id', '=', id)]",
        help="Journal of the entries that turn a customer purchase into store "
        "credit. Defaults to the company's miscellaneous journal.",
    )

    def _tradein_store_credit_journal(self):
        """The journal of store-credit entries (configured, or miscellaneous)."""
        self.ensure_one()
        journal = self.tradein_store_credit_journal_id
        if not journal:
            journal = self.env["account.journal"].search(
                [
                    *self.env["account.journal"]._check_company_domain(self),
                    ("type", "=", "general"),
                ],
                limit=1,
            )
        return journal
