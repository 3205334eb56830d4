# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Row locks of the scheduled actions: two workers running the same job at once
each take the records the other does not hold, instead of waiting for its locks
and failing (or logging errors) on rows it already changed."""

from odoo.tools import SQL


def lock_free_rows(records, strength="UPDATE"):
    """Lock the rows of `records` that no other transaction holds, until this
    transaction ends; return those records (in id order). The others are left to
    whoever holds them.

    :param strength: the row lock, ``UPDATE`` (a record whose key may change) or
        ``NO KEY UPDATE`` (the lock an ordinary write takes)
    """
    if not records.ids:
        return records
    assert strength in ("UPDATE", "NO KEY UPDATE"), strength
    rows = records.env.execute_query(
        SQL(
            "SELECT id FROM %s WHERE id IN %s FOR %s SKIP LOCKED",
            SQL.identifier(records._table),
            tuple(records.ids),
            SQL(strength),
        )
    )
    return records.browse(sorted(row[0] for row in rows))
