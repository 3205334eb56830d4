# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


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

    def _action_confirm(self):
        res = super()._action_confirm()
        for order in self.filtered(
            lambda o: o.migration_upgrade_covered and o.support_contract_id
        ):
            # salespeople confirm orders but do not edit contracts
            order.support_contract_id.sudo().upgrade_last_date = (
                fields.Date.context_today(order, order.date_order)
            )
        return res
