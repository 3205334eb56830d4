# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cheaper portal rules, the same records:

- invoices: the contracts an invoice bills are read from
  ``support_billed_contract_ids`` (filled by the pre-migration) instead of joining
  the contract and following ``line_ids`` to the sale orders;
- tickets, their pauses and breaches: the key users of the customer's running
  contracts through ``support_key_user_ids`` (one subquery of the contracts)
  instead of joining the customer and its contracts per ticket.

Their addons ship these rules ``noupdate``: load the rules' files once as an
installation would, as 19.0.1.0.1 did.
"""

from odoo import SUPERUSER_ID, api

from odoo.addons.support_portal.hooks import load_narrowed_rules


def migrate(cr, version):
    load_narrowed_rules(
        api.Environment(cr, SUPERUSER_ID, {}),
        "security/account_move_security.xml",
        "security/helpdesk_ticket_security.xml",
    )
