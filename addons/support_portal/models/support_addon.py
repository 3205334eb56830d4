# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Add-ons, extended: whether the public plan configurator offers the add-on."""

from odoo import fields, models


class SupportAddon(models.Model):
    _inherit = "support.addon"

    portal_published = fields.Boolean(
        string="In the Plan Configurator",
        default=True,
        help="Prospects can add this service in the public plan configurator.",
    )
