# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    support_default_team_id = fields.Many2one(
        related="company_id.support_default_team_id", readonly=False
    )
    support_triage_team_id = fields.Many2one(
        related="company_id.support_triage_team_id", readonly=False
    )
    support_reopen_days = fields.Integer(
        related="company_id.support_reopen_days", readonly=False
    )
    support_match_sender_domain = fields.Boolean(
        related="company_id.support_match_sender_domain", readonly=False
    )
