# Copyright 2026 The tradein_serial authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.1.0: invoice lines point to the acquisition they sold.

The column is created empty before the update, so that Odoo does not compute
the new field over every journal item of the database; the post-migration
fills the lines that sold a margin-scheme serial.
"""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    env.cr.execute(
        "ALTER TABLE account_move_line "
        "ADD COLUMN IF NOT EXISTS tradein_margin_acquisition_id integer"
    )
