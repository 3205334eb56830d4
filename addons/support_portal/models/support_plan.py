# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plans, extended: whether the public plan configurator offers the plan."""

from odoo import fields, models


class SupportPlan(models.Model):
    _inherit = "support.plan"

    portal_published = fields.Boolean(
        string="In the Plan Configurator",
        default=True,
        help="Prospects can choose this plan in the public plan configurator.",
    )
