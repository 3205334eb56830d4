# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    support_contract_id = fields.Many2one(
        comodel_name="support.contract",
        string="Support Contract",
        compute="_compute_support_contract_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        domain="[('state', 'in', ('active', 'suspended')), "
        "('company_id', '=', company_id)]",
        help="Contract covering the ticket: the active contract of the customer's "
        "company, unless staff chose another. Empty = not covered.",
    )
    support_ticket_type_id = fields.Many2one(
        comodel_name="support.ticket.type",
        string="Ticket Type",
        index=True,
        tracking=True,
    )
    support_covered = fields.Boolean(
        string="Covered",
        compute="_compute_support_covered",
        store=True,
        help="A contract covers the ticket.",
    )

    @api.depends("commercial_partner_id", "company_id")
    def _compute_support_contract_id(self):
        # sudo: a portal user filing a ticket cannot search contracts in general
        Contract = self.env["support.contract"].sudo()
        for company, tickets in self.grouped("company_id").items():
            contracts = Contract._get_active_contract_for_partners(
                tickets.commercial_partner_id, company=company
            )
            for ticket in tickets:
                ticket.support_contract_id = contracts.get(
                    ticket.commercial_partner_id.id, Contract
                )

    @api.depends("support_contract_id")
    def _compute_support_covered(self):
        for ticket in self:
            ticket.support_covered = bool(ticket.support_contract_id)
