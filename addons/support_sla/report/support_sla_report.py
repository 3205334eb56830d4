# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.tools import SQL

from ..models.helpdesk_ticket import SLA_STATUS_SELECTION as STATUS


class SupportSlaReport(models.Model):
    """One row per ticket of a contract, for the pivot and graph views of the SLA
    figures (the quarterly evaluation's figures across contracts and periods).

    ``response_score`` / ``resolution_score`` are 100 for a target met, 0 for one
    breached and empty otherwise: their average is the achievement in %.
    """

    _name = "support.sla.report"
    _description = "SLA Analysis"
    _auto = False
    _rec_name = "ticket_id"
    _order = "date desc"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Ticket", readonly=True)
    date = fields.Datetime(string="Received", readonly=True)
    contract_id = fields.Many2one("support.contract", string="Contract", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    plan_id = fields.Many2one("support.plan", string="Plan", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", string="Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Assigned To", readonly=True)
    ticket_type_id = fields.Many2one(
        "support.ticket.type", string="Ticket Type", readonly=True
    )
    priority_id = fields.Many2one("support.priority", string="Priority", readonly=True)
    response_status = fields.Selection(STATUS, readonly=True)
    resolution_status = fields.Selection(STATUS, readonly=True)
    ticket_count = fields.Integer(string="Tickets", readonly=True, aggregator="sum")
    response_score = fields.Float(
        string="Response Achieved (%)", readonly=True, aggregator="avg"
    )
    resolution_score = fields.Float(
        string="Resolution Achieved (%)", readonly=True, aggregator="avg"
    )
    breach_count = fields.Integer(string="Breaches", readonly=True, aggregator="sum")
    paused_hours = fields.Float(
        string="Business Hours Paused", readonly=True, aggregator="sum"
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT t.id AS id,
                   t.id AS ticket_id,
                   t.sla_start_date AS date,
                   t.support_contract_id AS contract_id,
                   c.partner_id AS partner_id,
                   c.plan_id AS plan_id,
                   t.company_id AS company_id,
                   t.team_id AS team_id,
                   t.user_id AS user_id,
                   t.support_ticket_type_id AS ticket_type_id,
                   t.sla_priority_id AS priority_id,
                   t.sla_response_status AS response_status,
                   t.sla_resolution_status AS resolution_status,
                   1 AS ticket_count,
                   CASE t.sla_response_status WHEN 'met' THEN 100.0
                        WHEN 'breached' THEN 0.0 END AS response_score,
                   CASE t.sla_resolution_status WHEN 'met' THEN 100.0
                        WHEN 'breached' THEN 0.0 END AS resolution_score,
                   (CASE WHEN t.sla_response_status = 'breached' THEN 1 ELSE 0 END
                    + CASE WHEN t.sla_resolution_status = 'breached' THEN 1 ELSE 0 END)
                        AS breach_count,
                   COALESCE(t.sla_paused_hours, 0) AS paused_hours
              FROM helpdesk_ticket t
              JOIN support_contract c ON c.id = t.support_contract_id
             WHERE t.active
            """
        )
