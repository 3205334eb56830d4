# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The portal invoice rules of account are narrowed: contract invoices to key users.

account ships its portal rules ``noupdate``, so the module update does not apply the
narrowed domains of ``security/account_move_security.xml`` to an existing database:
load that file once as an installation would.
"""

from odoo import SUPERUSER_ID, api

from odoo.addons.support_portal.hooks import load_narrowed_rules


def migrate(cr, version):
    load_narrowed_rules(
        api.Environment(cr, SUPERUSER_ID, {}), "security/account_move_security.xml"
    )
