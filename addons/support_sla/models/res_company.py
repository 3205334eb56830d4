# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Companies, extended with the SLA settings: the at-risk share of a target, auto-close
and confirmation delays, and the closing stage.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    sla_at_risk_percent = fields.Float(
        string="SLA At Risk From (%)",
        default=75.0,
        help="A target is at risk once this share of its business time is used.",
    )
    sla_autoclose_days = fields.Integer(
        string="Close Unanswered After (days)",
        default=7,
        help="A ticket waiting for the customer without any reply from them for this "
        "many days is closed with a notice (for example seven days). 0 = never.",
    )
    sla_autoclose_warning_days = fields.Integer(
        string="Warn Before Closing (days)",
        default=2,
        help="The customer is warned by e-mail this many days before such a ticket "
        "is closed.",
    )
    sla_confirm_days = fields.Integer(
        string="Close Unconfirmed After (days)",
        default=5,
        help="A resolved ticket the customer does not confirm (or answer) within "
        "this many days is closed with a notice. 0 = never.",
    )
    sla_close_stage_id = fields.Many2one(
        comodel_name="helpdesk.ticket.stage",
        string="Auto-close Stage",
        domain="[('closed', '=', True)]",
        help="Stage automatically closed tickets go to; default: the first closed "
        "stage of the ticket's team.",
    )

    sla_objection_days = fields.Integer(
        string="Objections Within (days)",
        default=7,
        help="The customer's key users can object in writing to a discussed SLA "
        "evaluation within this many days of the meeting (seven by default).",
    )

    sla_escalation_senior_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Senior Partner",
        domain="[('share', '=', False)]",
        help="Level 1 of an escalation a customer's key user asks for (a contract "
        "may name another).",
    )
    sla_escalation_managing_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Managing Partner",
        domain="[('share', '=', False)]",
        help="Level 2 of an escalation a customer's key user asks for, once level 1 "
        "was asked (a contract may name another).",
    )
    sla_escalation_senior_hours = fields.Float(
        string="Senior Partner Answers Within (hours)",
        default=4.0,
        help="Business hours of the company's working calendar in which the senior "
        "partner answers an escalation.",
    )
    sla_escalation_managing_hours = fields.Float(
        string="Managing Partner Answers Within (hours)",
        default=8.0,
        help="Business hours of the company's working calendar in which the "
        "managing partner answers an escalation.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "sla_at_risk_percent" in vals:
            self.env["helpdesk.ticket"]._sla_recompute_where(
                [("company_id", "in", self.ids), ("stage_id.closed", "=", False)]
            )
        return res

    @api.constrains(
        "sla_at_risk_percent",
        "sla_autoclose_days",
        "sla_autoclose_warning_days",
        "sla_confirm_days",
        "sla_objection_days",
        "sla_escalation_senior_hours",
        "sla_escalation_managing_hours",
    )
    def _check_sla_settings(self):
        for company in self:
            if not 0 < company.sla_at_risk_percent < 100:
                raise ValidationError(
                    self.env._(
                        "The share of an SLA target after which it is at risk must "
                        "be between 0 and 100 %%, not %(value)s.",
                        value=company.sla_at_risk_percent,
                    )
                )
            if (
                min(
                    company.sla_escalation_senior_hours,
                    company.sla_escalation_managing_hours,
                    company.sla_objection_days,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "The objection period and the escalation answer times cannot "
                        "be negative (objections %(days)s days, senior partner "
                        "%(senior)s hours, managing partner %(managing)s hours).",
                        days=company.sla_objection_days,
                        senior=company.sla_escalation_senior_hours,
                        managing=company.sla_escalation_managing_hours,
                    )
                )
            if min(
                company.sla_autoclose_days,
                company.sla_autoclose_warning_days,
                company.sla_confirm_days,
            ) < 0 or (
                company.sla_autoclose_days
                and company.sla_autoclose_warning_days >= company.sla_autoclose_days
            ):
                raise ValidationError(
                    self.env._(
                        "Auto-close periods cannot be negative, and the warning must "
                        "come before the closing (warning %(warn)s days, closing "
                        "%(close)s days).",
                        warn=company.sla_autoclose_warning_days,
                        close=company.sla_autoclose_days,
                    )
                )
