# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A ticket's "Covered" is no longer stored (it is whether the ticket has a
contract): drop the column Odoo leaves behind."""


def migrate(cr, version):
    cr.execute("ALTER TABLE helpdesk_ticket DROP COLUMN IF EXISTS support_covered")
