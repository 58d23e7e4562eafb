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
