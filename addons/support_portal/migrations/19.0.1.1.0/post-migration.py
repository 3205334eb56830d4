# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The "ticket received" acknowledgement now gives the resolution deadline and the
portal link, in the reporter's time zone (never UTC).

The template is ``noupdate``: reload it from the module's data, with its
translations, unless the provider edited it (its English body is no longer the
shipped one).
"""

from odoo import api
from odoo.api import SUPERUSER_ID
from odoo.tools import SQL

OLD_MARK = "You can follow the ticket in your portal.</p>"
OLD_ZONE = "object.partner_id.tz or 'UTC'"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref(
        "support_portal.mail_template_ticket_received", raise_if_not_found=False
    )
    if not template:
        return
    body = (
        env.execute_query(
            SQL(
                "SELECT body_html->>'en_US' FROM mail_template WHERE id = %s",
                template.id,
            )
        )[0][0]
        or ""
    )
    if OLD_MARK in body and OLD_ZONE in body:
        template.reset_template()
