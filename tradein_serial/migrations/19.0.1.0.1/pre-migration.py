# Copyright 2026 The tradein_serial authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.0.1: the serial's customer owner becomes `tradein_owner_id`.

`stock.lot.owner_id` read like stock's consignment owner of quants; the
field, its column, its index and its XML id are renamed so that the owners,
the chatter tracking of the field, saved filters and exports are kept.
"""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    openupgrade.rename_fields(env, [("stock.lot", "stock_lot", "owner_id", "tradein_owner_id")])
    openupgrade.rename_xmlids(
        env.cr,
        [
            (
                "tradein_serial.field_stock_lot__owner_id",
                "tradein_serial.field_stock_lot__tradein_owner_id",
            )
        ],
    )
    env.cr.execute(
        "ALTER INDEX IF EXISTS stock_lot__owner_id_index "
        "RENAME TO stock_lot__tradein_owner_id_index"
    )
