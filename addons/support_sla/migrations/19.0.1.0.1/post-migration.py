# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo priority matrices' names no longer cite the provider documents.

Demo records are ``noupdate``, so the module update keeps the old names: rename
each matrix still named as shipped (its English name unchanged), translations
included; the update loads the translations of the new names right after.
"""

from psycopg2.extras import Json

from odoo.tools import SQL

NAMES = {
    "support_priority_matrix_000_demo": (
        "Impact x Urgency (seed 000)",
        "Impact x Urgency",
    ),
    "support_priority_matrix_003_demo": (
        "Users x Process (seed 003)",
        "Users affected x Process criticality",
    ),
}


def migrate(cr, version):
    for name, (old, new) in NAMES.items():
        cr.execute(
            SQL(
                """
                UPDATE support_priority_matrix m
                   SET name = %s
                  FROM ir_model_data d
                 WHERE d.module = 'support_sla' AND d.name = %s
                   AND d.model = 'support.priority.matrix' AND d.res_id = m.id
                   AND m.name->>'en_US' = %s
                """,
                Json({"en_US": new}),
                name,
                old,
            )
        )
