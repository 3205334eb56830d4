# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo priority matrices' names no longer cite the provider documents.

Demo records are ``noupdate``, so the module update keeps the old names: rename
each matrix still named as shipped (its English name unchanged), translations
included; the update loads the translations of the new names right after.
"""

from odoo.addons.support_contract.tools.migration import rewrite_shipped_texts

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
    rewrite_shipped_texts(cr, "support_sla", "support.priority.matrix", "name", NAMES)
