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
