# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``account.analytic.line``, extended: timesheets logged on helpdesk tickets."""

from odoo import api, fields, models


class AccountAnalyticLine(models.Model):
    """Timesheets logged on helpdesk tickets.

    OCA's helpdesk_mgmt_timesheet is not released for 19.0: the link is made here,
    on Odoo's own timesheet lines (hr_timesheet), and feeds the contracts' hour
    ledger.
    """

    _inherit = "account.analytic.line"

    helpdesk_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Ticket",
        index="btree_not_null",
        ondelete="restrict",
    )
    support_contract_id = fields.Many2one(
        comodel_name="support.contract",
        related="helpdesk_ticket_id.support_contract_id",
        store=True,
        index="btree_not_null",
        string="Support Contract",
    )
    support_billing_id = fields.Many2one(
        comodel_name="support.contract.billing",
        string="Billed Separately On",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="Monthly billing that invoiced this separately billable work.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        Ticket = self.env["helpdesk.ticket"]
        for vals in vals_list:
            if vals.get("helpdesk_ticket_id") and not vals.get("project_id"):
                ticket = Ticket.browse(vals["helpdesk_ticket_id"])
                vals["project_id"] = ticket._get_timesheet_project().id
        lines = super().create(vals_list)
        lines.helpdesk_ticket_id._sync_support_ledger()
        return lines

    def write(self, vals):
        tracked = {"helpdesk_ticket_id", "unit_amount", "date", "project_id"}
        tickets = self.helpdesk_ticket_id if tracked & set(vals) else None
        result = super().write(vals)
        if tickets is not None:
            (tickets | self.helpdesk_ticket_id)._sync_support_ledger()
        return result

    def unlink(self):
        tickets = self.helpdesk_ticket_id
        result = super().unlink()
        tickets.exists()._sync_support_ledger()
        return result
