# Copyright 2026 The tradein_serial authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.2.0: the margin taxes report what each country's VAT return asks.

Where the return's taxable amount of a margin-scheme sale is the net margin
(all but the UK), each margin tax gets its "return base" companion and hands it
its base tags; UK companies get the no-VAT purchase tax that puts margin-scheme
purchases in Box 7. Entries posted before keep their tags.
"""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    companies = env["res.company"].search([("tradein_margin_fiscal_position_id", "!=", False)])
    companies._tradein_margin_setup()
