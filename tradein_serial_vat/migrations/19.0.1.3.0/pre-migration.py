# Copyright 2026 The tradein_serial authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.3.0: the margin-scheme purchase price has one name everywhere.

The invoice line's copy of it, ``tradein_margin_cost``, is now
``tradein_margin_purchase_price`` as on the serial: the column is renamed
before the update, so that no value is computed again.
"""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    if openupgrade.column_exists(env.cr, "account_move_line", "tradein_margin_cost"):
        openupgrade.rename_fields(
            env,
            [
                (
                    "account.move.line",
                    "account_move_line",
                    "tradein_margin_cost",
                    "tradein_margin_purchase_price",
                )
            ],
        )
