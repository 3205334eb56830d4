# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The portal invoice rules read the contracts an invoice bills from
``support_billed_contract_ids`` (filled by the pre-migration) instead of joining the
contract and following ``line_ids`` to the sale orders: the same invoices, a cheaper
query. account ships its portal rules ``noupdate``: load the rules' file once as an
installation would, as 19.0.1.0.1 did.
"""

from odoo import SUPERUSER_ID, api

from odoo.addons.support_portal.hooks import load_invoice_rules


def migrate(cr, version):
    load_invoice_rules(api.Environment(cr, SUPERUSER_ID, {}))
