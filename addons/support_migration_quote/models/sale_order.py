# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sale orders, extended: a migration quotation keeps its measurement and whether the
contract's included upgrade covers it; confirming it uses that upgrade once.
"""

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class SaleOrder(models.Model):
    _inherit = "sale.order"

    migration_measurement_id = fields.Many2one(
        "support.cloc.measurement",
        string="Code Measurement",
        copy=False,
        index="btree_not_null",
        readonly=True,
        help="The measurement of custom code this migration quotation was priced on.",
    )
    migration_upgrade_covered = fields.Boolean(
        string="Included Upgrade",
        copy=False,
        readonly=True,
        help="The migration is quoted as the upgrade its support contract includes: "
        "confirming the order uses it (the contract's last included upgrade).",
    )

    def _migration_covered_orders(self):
        return self.filtered(
            lambda o: o.migration_upgrade_covered and o.support_contract_id
        )

    def action_confirm(self):
        # refused before anything is written
        self._migration_covered_orders()._check_upgrade_still_included()
        return super().action_confirm()

    def _action_confirm(self):
        covered = self._migration_covered_orders()
        res = super()._action_confirm()
        # (raises, undoing the confirmation, if the upgrade was used meanwhile)
        for order in covered:
            # sudo: salespeople confirm orders but do not edit contracts
            order.support_contract_id.sudo()._use_included_upgrade(
                order._migration_upgrade_date()
            )
        return res

    def _migration_upgrade_date(self):
        self.ensure_one()
        return fields.Date.context_today(self, self.date_order)

    def _check_upgrade_still_included(self):
        """Refuse to confirm a migration quoted as the included upgrade once the
        contract has used it (another covered quotation confirmed since)."""
        used = set()
        for order in self:
            contract = order.support_contract_id.sudo().with_context(
                date=order._migration_upgrade_date()
            )
            if contract.upgrade_available and contract.id not in used:
                used.add(contract.id)
                continue
            raise UserError(
                self.env._(
                    "%(order)s is quoted as the upgrade included in contract "
                    "%(contract)s, which has used it (last upgrade: %(last)s, next "
                    "included from %(next)s). Quote the migration again: it will be "
                    "charged.",
                    order=order.name,
                    contract=contract.name,
                    last=format_date(self.env, contract.upgrade_last_date)
                    or self.env._("in this confirmation"),
                    next=format_date(self.env, contract.upgrade_next_date),
                )
            )
