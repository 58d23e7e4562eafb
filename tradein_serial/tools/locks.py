from odoo.exceptions import UserError
from odoo.tools import SQL


def lock_rows(records):
    """Lock the rows of `records` for this transaction without waiting.

    :return: the records another transaction holds (not locked here)
    """
    if not records:
        return records
    records.env.flush_all()
    records.env.cr.execute(
        SQL(
            "SELECT id FROM %s WHERE id IN %s FOR UPDATE SKIP LOCKED",
            SQL.identifier(records._table),
            tuple(records.ids),
        )
    )
    locked = {row[0] for row in records.env.cr.fetchall()}
    return records.filtered(lambda record: record.id not in locked)


def lock_or_refuse(records, message):
    """Lock the rows of `records` for this transaction, or refuse with the
    text ``message(busy)`` when another transaction holds some (`busy`).
    Once locked, the records are read again from the database: what another
    transaction committed meanwhile is what the caller decides on."""
    busy = lock_rows(records)
    if busy:
        raise UserError(message(busy))
    records.invalidate_recordset()
