# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A ticket's triage priority is no longer stored (it follows from the type, the
matrix answers and the plan whenever it is read): drop the column Odoo leaves
behind. The SLA columns stay as they are; they are no longer computed fields but
hold the same values."""


def migrate(cr, version):
    cr.execute(
        "ALTER TABLE helpdesk_ticket DROP COLUMN IF EXISTS sla_matrix_priority_id"
    )
