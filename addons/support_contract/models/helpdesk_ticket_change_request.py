# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tickets, extended with change requests approved before work: the estimates of a
change-request ticket, the one that counts, and the time that may be logged before
a key user approved it (the company's analysis allowance)."""

from odoo import api, fields, models
from odoo.tools import float_compare, format_duration


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    support_is_change_request = fields.Boolean(
        related="support_ticket_type_id.is_change_request",
        string="Is a Change Request",
    )
    support_change_estimate_ids = fields.One2many(
        comodel_name="support.change.estimate",
        inverse_name="ticket_id",
        string="Estimates",
        copy=False,
    )
    support_change_estimate_id = fields.Many2one(
        comodel_name="support.change.estimate",
        string="Current Estimate",
        compute="_compute_support_change_estimate_id",
        store=True,
        help="The latest estimate that was not withdrawn.",
    )
    support_change_state = fields.Selection(
        related="support_change_estimate_id.state",
        string="Change Approval",
        store=True,
    )
    support_change_sale_order_id = fields.Many2one(
        related="support_change_estimate_id.sale_order_id",
        string="Change Request Order",
    )

    @api.depends("support_change_estimate_ids.state")
    def _compute_support_change_estimate_id(self):
        for ticket in self:
            ticket.support_change_estimate_id = (
                ticket.support_change_estimate_ids.filtered(
                    lambda e: e.state != "cancelled"
                ).sorted("id", reverse=True)[:1]
            )

    def _get_support_hours_policy(self, spent):
        """An approved change request estimated above its maximum is billed on its
        own order: its hours never consume reserved hours, nor does the monthly
        billing bill them."""
        estimate = self.support_change_estimate_id
        if (
            self.support_contract_id
            and estimate.state == "approved"
            and estimate.sale_order_id
        ):
            return "quoted"
        return super()._get_support_hours_policy(spent)

    def _support_hours_warning_of(self, policy, balance, entry=0.0):
        if policy == "quoted":
            return self.env._(
                "Billed on order %(order)s: the approved estimate of %(hours)s "
                "hours is above the change request's maximum.",
                order=self.support_change_estimate_id.sale_order_id.name,
                hours=format_duration(self.support_change_estimate_id.hours),
            )
        return super()._support_hours_warning_of(policy, balance, entry=entry)

    def _support_check_change_approval(self):
        """Before a key user approved its estimate, a change request takes at most
        the company's analysis allowance of logged time (analysis and estimating)."""
        for ticket in self.sudo():
            if (
                not ticket.support_ticket_type_id.is_change_request
                or ticket.support_change_state == "approved"
            ):
                continue
            allowance = ticket.company_id.support_rfc_analysis_hours
            spent = sum(ticket.timesheet_ids.mapped("unit_amount"))
            if float_compare(spent, allowance, precision_digits=2) > 0:
                return ticket.env._(
                    "Ticket %(ticket)s is a change request whose estimate is not "
                    "approved: at most %(allowance)s hours of analysis can be "
                    "logged before a key user approves it (%(spent)s with this "
                    "entry). Send the estimate for approval first.",
                    ticket=ticket.number,
                    allowance=format_duration(allowance),
                    spent=format_duration(spent),
                )
        return False
