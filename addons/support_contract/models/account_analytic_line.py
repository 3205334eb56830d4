# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``account.analytic.line``, extended: timesheets logged on helpdesk tickets."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import date_utils


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
    support_hours_left_month = fields.Float(
        string="Reserved Left This Month",
        compute="_compute_support_hours_left",
        digits=(16, 2),
        help="The contract's reserved hours of the entry's month less the hours "
        "consumed in that month, this entry included.",
    )
    support_hour_balance = fields.Float(
        string="Wallet After",
        compute="_compute_support_hours_left",
        digits=(16, 2),
        help="The contract's hour balance once this entry counts; below zero the "
        "hours are overage, billed at the normal rate.",
    )
    support_hours_warning = fields.Char(
        string="Billed at Normal Rate",
        compute="_compute_support_hours_left",
        help="Why this entry is billed at the normal rate: the ticket is not "
        "covered, its type is billable, the change request goes over its maximum, "
        "or the entry goes beyond the wallet (overage).",
    )

    @api.depends(
        "unit_amount",
        "date",
        "support_billing_id",
        "helpdesk_ticket_id.support_contract_id",
        "helpdesk_ticket_id.support_ticket_type_id",
    )
    def _compute_support_hours_left(self):
        """What this entry does to its ticket's contract, in the order of the
        hour ledger (date, then entry): the reserved hours left in its month and
        the wallet once it counts, and why it is billed at the normal rate if it
        is. An entry being typed counts with its new hours (its saved ones are
        replaced) after the saved entries of its day; when it changes how the
        ticket's hours count (a change request going over its maximum), the
        ticket's other entries count that way too, as they will once saved."""
        on_tickets = self.filtered("helpdesk_ticket_id")
        (self - on_tickets).update(
            {
                "support_hours_left_month": 0.0,
                "support_hour_balance": 0.0,
                "support_hours_warning": False,
            }
        )
        if not on_tickets:
            return
        today = fields.Date.context_today(self)
        day_of = {line: line.date or today for line in on_tickets}
        # sudo: whoever logs time on a covered ticket sees its contract's hours
        # (agents of other teams may not read contracts or the hour ledger)
        contracts = on_tickets.helpdesk_ticket_id.support_contract_id.sudo()
        Ledger = self.env["support.hour.ledger"].sudo()
        start = date_utils.start_of(min(day_of.values()), "month")
        balance_at_start = Ledger._get_balances(contracts, date_to=start)
        rows_of = Ledger.search_fetch(
            [
                ("contract_id", "in", contracts.ids),
                ("date", ">=", start),
                ("date", "<=", max(day_of.values())),
            ],
            ["contract_id", "date", "kind", "hours", "hours_logged", "timesheet_id"],
            order="date, id",
        ).grouped("contract_id")
        for line in on_tickets:
            ticket = line.helpdesk_ticket_id
            contract = ticket.support_contract_id.sudo()
            others = ticket._origin.sudo().timesheet_ids - line._origin
            policy = ticket._get_support_hours_policy(
                line.unit_amount + sum(others.mapped("unit_amount"))
            )
            consumes = policy == "reserved" and not line.support_billing_id
            entry = line.unit_amount if consumes else 0.0
            if not contract:
                line.support_hours_left_month = line.support_hour_balance = 0.0
                line.support_hours_warning = ticket._support_hours_warning_of(
                    policy, 0.0
                )
                continue
            day = day_of[line]
            month = date_utils.start_of(day, "month")
            balance = balance_at_start.get(contract.id, 0.0)
            consumed = 0.0
            rows = rows_of.get(contract, Ledger)
            own = rows.filtered(
                lambda row, line=line: line._origin and row.timesheet_id == line._origin
            )
            last = (day, own.id) if own.id else (day, float("inf"))
            for row in rows - own:
                if (row.date, row.id) > last:
                    break
                hours = row.hours
                if row.timesheet_id in others:
                    # the ticket's other entries, counted as the policy says
                    counts = (
                        policy == "reserved" and not row.timesheet_id.support_billing_id
                    )
                    hours = -row.hours_logged if counts else 0.0
                balance += hours
                if row.kind == "consumption" and row.date >= month:
                    consumed -= hours
            line.support_hours_left_month = contract.reserved_hours - consumed - entry
            line.support_hour_balance = balance - entry
            line.support_hours_warning = ticket._support_hours_warning_of(
                policy, balance - entry, entry=entry
            )

    @api.constrains("unit_amount", "helpdesk_ticket_id")
    def _check_change_request_approved(self):
        """No time beyond the analysis allowance on a change request not approved
        (the whole entry is refused: nothing is written)."""
        error = self.helpdesk_ticket_id._support_check_change_approval()
        if error:
            raise ValidationError(error)

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
