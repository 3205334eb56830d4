# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Each contract's waiting changes (``pending_date``, ``pending_plan_id``,
``pending_reserved_hours`` with ``has_pending_reserved_hours``, and the add-on lines
the pre-migration set aside) become one waiting ``support.contract.amendment`` with
its lines; then the old columns Odoo leaves behind are dropped."""

from odoo import SUPERUSER_ID, api
from odoo.fields import Command


def migrate(cr, version):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'support_contract' AND column_name = 'pending_date'"
    )
    if not cr.fetchone():
        return
    lines = {}
    cr.execute("SELECT to_regclass('support_contract_addon_pending_premig')")
    if cr.fetchone()[0]:
        cr.execute(
            "SELECT contract_id, addon_id, quantity "
            "FROM support_contract_addon_pending_premig"
        )
        for contract_id, addon_id, quantity in cr.fetchall():
            lines.setdefault(contract_id, []).append(
                Command.create({"addon_id": addon_id, "quantity": quantity})
            )
    cr.execute(
        """
        SELECT id, pending_date, pending_plan_id, pending_reserved_hours,
               has_pending_reserved_hours
          FROM support_contract
         WHERE pending_date IS NOT NULL
        """
    )
    vals_list = [
        {
            "contract_id": contract_id,
            "date": date,
            "plan_id": plan_id,
            "reserved_hours": hours if has_hours else 0.0,
            "change_reserved_hours": bool(has_hours),
            "line_ids": lines.get(contract_id, []),
            "requested_by_id": SUPERUSER_ID,
        }
        for contract_id, date, plan_id, hours, has_hours in cr.fetchall()
    ]
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    env["support.contract.amendment"].create(vals_list)
    cr.execute("DROP TABLE IF EXISTS support_contract_addon_pending_premig")
    cr.execute(
        """
        ALTER TABLE support_contract
            DROP COLUMN IF EXISTS pending_date,
            DROP COLUMN IF EXISTS pending_plan_id,
            DROP COLUMN IF EXISTS pending_reserved_hours,
            DROP COLUMN IF EXISTS has_pending_reserved_hours
        """
    )
    cr.execute("ALTER TABLE support_contract_addon DROP COLUMN IF EXISTS pending")
