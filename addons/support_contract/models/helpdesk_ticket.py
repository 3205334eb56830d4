# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpdesk tickets, extended with the contract side: the contract that covers a ticket
(from the customer), its ticket type, whether the contract covers it, the hours
logged on it and how they count (reserved hours, overage, billed separately), and
the sync of those hours into the contract's hour ledger.
"""

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import date_utils, float_compare, format_duration


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # precomputed (before the INSERT), like the contract that follows it: fields
    # computed from the contract can then be precomputed too (the SLA)
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, precompute=True
    )
    # helpdesk_mgmt's assignment, team and stage, precomputed too: a new ticket is
    # inserted with its stage, as helpdesk_mgmt itself does when a team is given,
    # instead of computed after the INSERT and written by an UPDATE of every
    # index of the ticket (a query and about 0.8 ms a ticket). The stage follows
    # the team and the team the assignee, so all three (and the stage's
    # "unattended") are precomputed or none is.
    user_id = fields.Many2one(
        compute="_compute_user_id", store=True, readonly=False, precompute=True
    )
    team_id = fields.Many2one(
        compute="_compute_team_id", store=True, readonly=False, precompute=True
    )
    stage_id = fields.Many2one(
        compute="_compute_stage_id", store=True, readonly=False, precompute=True
    )
    unattended = fields.Boolean(
        related="stage_id.unattended", store=True, precompute=True
    )
    support_contract_id = fields.Many2one(
        comodel_name="support.contract",
        string="Support Contract",
        compute="_compute_support_contract_id",
        store=True,
        precompute=True,
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
        search="_search_support_covered",
        help="A contract covers the ticket.",
    )
    timesheet_ids = fields.One2many(
        comodel_name="account.analytic.line",
        inverse_name="helpdesk_ticket_id",
        string="Timesheets",
    )
    support_hours_spent = fields.Float(
        string="Hours Spent",
        compute="_compute_support_hours_policy",
        store=True,
        readonly=False,  # filled in on creation (see _support_complete_create_values)
        digits=(16, 2),
    )
    support_hours_policy = fields.Selection(
        selection=[
            ("uncovered", "Not Covered: Billed at the Normal Rate"),
            ("reserved", "Consumes Reserved Hours"),
            ("billable", "Billed Separately (Ticket Type)"),
            ("rfc", "Billed Separately (Change Request Over Its Maximum)"),
            ("quoted", "Billed on Its Order (Approved Change Request)"),
        ],
        string="Hours",
        compute="_compute_support_hours_policy",
        store=True,
        readonly=False,  # filled in on creation (see _support_complete_create_values)
        help="How the hours logged on this ticket are accounted for.",
    )
    support_hours_left_month = fields.Float(
        string="Reserved Hours Left This Month",
        compute="_compute_support_hours_left",
        digits=(16, 2),
        help="The contract's reserved hours a month less the hours consumed this "
        "month (negative: more consumed than reserved).",
    )
    support_hour_balance = fields.Float(
        string="Hours in the Wallet",
        compute="_compute_support_hours_left",
        digits=(16, 2),
        help="The contract's hour balance: reserved hours credited, less hours "
        "consumed, plus excess hours billed. Below zero the hours are overage, "
        "billed at the normal rate.",
    )
    support_hours_warning = fields.Char(
        string="Hours Warning",
        compute="_compute_support_hours_left",
        help="Why hours logged on this ticket are billed at the normal rate: not "
        "covered, a billable ticket type, a change request over its maximum, or a "
        "wallet in overage.",
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

    def _search_support_covered(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        covered = {bool(v) for v in value}
        if operator == "not in":
            covered = {True, False} - covered
        if covered == {True, False}:
            return Domain.TRUE
        if not covered:
            return Domain.FALSE
        return Domain("support_contract_id", "!=" if True in covered else "=", False)

    @api.depends(
        "support_contract_id",
        "support_ticket_type_id.billable",
        "support_ticket_type_id.is_change_request",
        "support_ticket_type_id.rfc_max_hours",
        "timesheet_ids.unit_amount",
        "support_change_estimate_id.state",
        "support_change_estimate_id.sale_order_id",
    )
    def _compute_support_hours_policy(self):
        # sudo: timesheets of other users count too (one sudo recordset, not one
        # environment switch per ticket)
        for ticket, ticket_sudo in zip(self, self.sudo(), strict=True):
            spent = sum(ticket_sudo.timesheet_ids.mapped("unit_amount"))
            ticket.support_hours_spent = spent
            ticket.support_hours_policy = ticket._get_support_hours_policy(spent)

    @api.depends(
        "support_contract_id",
        "support_hours_policy",
        "support_ticket_type_id",
        "partner_id",
    )
    @api.depends_context("tz")
    def _compute_support_hours_left(self):
        month = date_utils.start_of(fields.Date.context_today(self), "month")
        # sudo: whoever logs time on a covered ticket sees its contract's hours
        contracts = self.support_contract_id.sudo()
        consumed = self.env["support.hour.ledger"]._get_consumed_by_month(
            contracts, [month]
        )
        for ticket in self:
            contract = ticket.support_contract_id.sudo()
            ticket.support_hours_left_month = contract.reserved_hours - consumed.get(
                (contract.id, month), 0.0
            )
            ticket.support_hour_balance = contract.hour_balance
            ticket.support_hours_warning = ticket._support_hours_warning_of(
                ticket.support_hours_policy, contract.hour_balance
            )

    def _support_hours_warning_of(self, policy, balance, entry=0.0):
        """Why hours logged on this ticket are billed at the normal rate under
        ``policy``, with the wallet at ``balance`` once ``entry`` hours count
        (False when they consume reserved hours within the wallet)."""
        self.ensure_one()
        if policy == "uncovered":
            if not self.partner_id:
                return False
            return self.env._(
                "Not covered: the customer has no active support contract; the "
                "hours are billed at the normal rate."
            )
        if policy == "billable":
            return self.env._(
                "Billed separately: hours on a %(type)s ticket are billed at the "
                "normal rate, not taken from the reserved hours.",
                type=self.support_ticket_type_id.name,
            )
        if policy == "rfc":
            return self.env._(
                "Billed separately: this change request is over its maximum of "
                "%(max)s hours, so all its hours are billed at the normal rate.",
                max=format_duration(self.support_ticket_type_id.rfc_max_hours),
            )
        if float_compare(balance, 0.0, precision_digits=2) < 0:
            over = -balance if not entry else min(entry, -balance)
            return self.env._(
                "Overage: %(hours)s hours beyond the contract's wallet, billed at "
                "the normal rate.",
                hours=format_duration(over),
            )
        return False

    def _get_support_hours_policy(self, spent):
        """How the hours of this ticket count (see support_hours_policy)."""
        self.ensure_one()
        return self._support_hours_policy_of(
            self.support_contract_id, self.support_ticket_type_id, spent
        )

    @api.model
    def _support_hours_policy_of(self, contract, ticket_type, spent):
        """Hook: how the hours of a ticket of this contract and type count."""
        if not contract:
            return "uncovered"
        if ticket_type.billable:
            return "billable"
        if (
            ticket_type.is_change_request
            and float_compare(spent, ticket_type.rfc_max_hours, precision_digits=2) > 0
        ):
            return "rfc"
        return "reserved"

    @api.model
    def _add_precomputed_values(self, vals_list):
        # the suite's values first (defaults are in): the precomputed fields of
        # the suite's addons (the SLA) follow them
        self._support_complete_create_values(vals_list)
        return super()._add_precomputed_values(vals_list)

    @api.model
    def _support_complete_create_values(self, vals_list):
        """Fill in the suite's computed fields of new tickets in their create values.

        Values given in create() are stored by the INSERT itself and protected from
        recomputation (the fields are computed but not read-only); the ORM would
        otherwise compute them after the INSERT field by field and write them with
        an UPDATE, which made creating a ticket a third slower than in plain
        helpdesk_mgmt. The values are the computes' own: the compute methods stay
        for every later change. `vals_list` holds complete values (defaults
        included); only what is missing is filled in.
        """
        Contract = self.env["support.contract"]
        Partner = self.env["res.partner"]
        for vals in vals_list:
            if "support_contract_id" not in vals:
                partner = Partner.browse(vals.get("partner_id"))
                commercial = partner.commercial_partner_id
                vals["support_contract_id"] = (
                    commercial
                    and Contract._active_contract_id(
                        commercial.id, vals.get("company_id")
                    )
                ) or False
            if "timesheet_ids" not in vals and not (
                {"support_hours_spent", "support_hours_policy"} & set(vals)
            ):
                vals["support_hours_spent"] = 0.0
                vals["support_hours_policy"] = self._support_hours_policy_of(
                    Contract.browse(vals["support_contract_id"]),
                    self.env["support.ticket.type"].browse(
                        vals.get("support_ticket_type_id")
                    ),
                    0.0,
                )
        return vals_list

    def write(self, vals):
        result = super().write(vals)
        # company_id: the contract follows the ticket's company (computed)
        if {
            "support_contract_id",
            "support_ticket_type_id",
            "partner_id",
            "company_id",
        } & set(vals):
            self._sync_support_ledger()
        return result

    def _get_timesheet_project(self):
        """Project the ticket's timesheets are booked on."""
        self.ensure_one()
        return self.company_id._get_support_project()

    def _sync_support_ledger(self):
        """Make the hour ledger hold one line per timesheet of these tickets.

        A consuming timesheet takes its hours off the contract's balance; other
        timesheets of covered tickets appear with 0 hours, marked billable
        separately. Runs after every change of timesheets, contract or type.
        """
        tickets = self.exists()
        if not tickets:
            return
        Ledger = self.env["support.hour.ledger"].sudo()
        timesheets = tickets.sudo().timesheet_ids
        existing = Ledger.search(
            [
                ("kind", "=", "consumption"),
                "|",
                ("ticket_id", "in", tickets.ids),
                ("timesheet_id", "in", timesheets.ids),
            ]
        )
        by_timesheet = {line.timesheet_id.id: line for line in existing}
        kept = Ledger
        to_create = []
        for ticket in tickets.sudo():
            contract = ticket.support_contract_id
            if not contract:
                continue
            policy_consumes = ticket.support_hours_policy == "reserved"
            for timesheet in ticket.timesheet_ids:
                # work billed separately already never consumes afterwards
                consumes = policy_consumes and not timesheet.support_billing_id
                vals = {
                    "contract_id": contract.id,
                    "ticket_id": ticket.id,
                    "date": timesheet.date,
                    "kind": "consumption",
                    "name": f"{ticket.number}: {timesheet.name or ticket.name}",
                    "hours": -timesheet.unit_amount if consumes else 0.0,
                    "hours_logged": timesheet.unit_amount,
                    "billable_separately": not consumes,
                }
                line = by_timesheet.get(timesheet.id)
                if line:
                    changed = {
                        key: value
                        for key, value in vals.items()
                        if (line[key].id if key.endswith("_id") else line[key]) != value
                    }
                    if changed:
                        line.write(changed)
                    kept |= line
                else:
                    to_create.append(dict(vals, timesheet_id=timesheet.id))
        (existing - kept).unlink()
        Ledger.create(to_create)
