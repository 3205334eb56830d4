# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings, extended: the company's SLA settings in the Settings app."""

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sla_at_risk_percent = fields.Float(
        related="company_id.sla_at_risk_percent", readonly=False
    )
    sla_autoclose_days = fields.Integer(
        related="company_id.sla_autoclose_days", readonly=False
    )
    sla_autoclose_warning_days = fields.Integer(
        related="company_id.sla_autoclose_warning_days", readonly=False
    )
    sla_confirm_days = fields.Integer(
        related="company_id.sla_confirm_days", readonly=False
    )
    sla_escalation_senior_user_id = fields.Many2one(
        related="company_id.sla_escalation_senior_user_id", readonly=False
    )
    sla_escalation_managing_user_id = fields.Many2one(
        related="company_id.sla_escalation_managing_user_id", readonly=False
    )
    sla_escalation_senior_hours = fields.Float(
        related="company_id.sla_escalation_senior_hours", readonly=False
    )
    sla_escalation_managing_hours = fields.Float(
        related="company_id.sla_escalation_managing_hours", readonly=False
    )
    sla_objection_days = fields.Integer(
        related="company_id.sla_objection_days", readonly=False
    )
    sla_close_stage_id = fields.Many2one(
        related="company_id.sla_close_stage_id", readonly=False
    )
