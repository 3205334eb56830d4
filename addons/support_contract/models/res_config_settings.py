# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings, extended: how support is sold online and billed, per company."""

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    support_online_payment = fields.Selection(
        related="company_id.support_online_payment", readonly=False
    )
    support_billing_proration = fields.Selection(
        related="company_id.support_billing_proration", readonly=False
    )
    support_billing_post = fields.Selection(
        related="company_id.support_billing_post", readonly=False
    )
    support_rfc_analysis_hours = fields.Float(
        related="company_id.support_rfc_analysis_hours", readonly=False
    )
