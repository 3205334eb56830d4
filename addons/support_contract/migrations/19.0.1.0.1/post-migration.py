# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ticket types' descriptions no longer cite the provider documents.

Their records are ``noupdate``, so the module update keeps the old texts: rewrite
each description still as shipped (its English text unchanged), translations
included; the update loads the translations of the new texts right after.
"""

from odoo.addons.support_contract.tools.migration import rewrite_shipped_texts

DESCRIPTIONS = {
    "support_ticket_type_question": (
        "Seed 003: a question about the use of the software.",
        "A question about the use of the software.",
    ),
    "support_ticket_type_support": (
        "Seed 000: help with the use of the software.",
        "Help with the use of the software.",
    ),
    "support_ticket_type_incident": (
        "Seed 003: a disruption of a business process.",
        "A disruption of a business process.",
    ),
    "support_ticket_type_data_import": (
        "Always billed separately (seed 002/004).",
        "Always billed separately.",
    ),
    "support_ticket_type_data_cleaning": (
        "Always billed separately (seed 002/004).",
        "Always billed separately.",
    ),
    "support_ticket_type_new_feature": (
        "Always billed separately (seed 002/004).",
        "Always billed separately.",
    ),
    "support_ticket_type_external_app": (
        "Work on applications outside Odoo: always billed separately (seed 002/004).",
        "Work on applications outside Odoo: always billed separately.",
    ),
    "support_ticket_type_backup_restore": (
        "Always billed separately (seed 002/004).",
        "Always billed separately.",
    ),
}


def migrate(cr, version):
    rewrite_shipped_texts(
        cr, "support_contract", "support.ticket.type", "description", DESCRIPTIONS
    )
