# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The SLA of a helpdesk ticket: its fields (priority from the triage, the
stored SLA values, the clocks, escalation state), the triage computes and what
creating and writing a ticket must keep (the SLA values are computed, never
written by users). The SLA compute, the clocks, the scheduled check with its
escalation and the auto-closing are in the helpdesk_ticket_*.py files beside."""

from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_datetime

from ..tools.sla_timeline import to_ts

SLA_STATUS_SELECTION = [
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
    ("met", "Met"),
]
SLA_TARGETS = ("response", "resolution")
# The SLA fields of a ticket: stored computed fields of one compute
# (_compute_sla), in the order of the timeline evaluator's values.
SLA_FIELDS = (
    "sla_response_deadline",
    "sla_response_risk_date",
    "sla_response_status",
    "sla_response_breached_date",
    "sla_resolution_deadline",
    "sla_resolution_risk_date",
    "sla_resolution_status",
    "sla_resolution_breached_date",
    "sla_policy_id",
    "sla_paused_hours",
    "sla_status",
    "sla_next_deadline",
    "sla_next_check",
    "sla_paused",
    "sla_problem",
)
# Why the SLA of a ticket a running contract covers cannot be computed (its
# deadlines stay empty): shown on the ticket and listed for the manager
SLA_PROBLEM_SELECTION = [
    ("no_calendar", "The plan has no availability calendar"),
    ("no_priority", "No SLA priority (no triage answer, no default priority)"),
    ("no_policy", "No SLA policy of the plan covers this priority and ticket type"),
    ("no_working_time", "The availability calendars have no working time"),
]
# The ticket's own inputs of the SLA (the @api.depends of _compute_sla): the
# contract (it follows the partner and company), the priority (it follows the
# ticket type and the matrix answers), the emergency channel and the clocks.
# What the SLA follows outside the ticket marks the tickets concerned with
# _sla_mark_to_compute() (calendars, holidays, policies, contracts, add-ons,
# pauses, plans, ticket types, contacts, the company's at-risk share).
SLA_TICKET_INPUTS = (
    "company_id",
    "support_contract_id",
    "sla_priority_id",
    "support_ticket_type_id",
    "sla_emergency",
    "sla_emergency_call_date",
    "sla_start_date",
    "sla_first_response_date",
    "sla_resolved_date",
    "sla_response_breach_logged",
    "sla_resolution_breach_logged",
)
# What the suite's code alone writes on a ticket: the SLA results, the times the
# targets were reached and the state of the warnings and escalation. A write()
# of one of them is refused unless it comes from the suite's code (superuser
# mode: a narrow sudo() of the SLA engine), whatever the user's access rights;
# the compute itself stores its values without write().
SLA_PROTECTED_FIELDS = frozenset(
    SLA_FIELDS
    + (
        "sla_start_date",
        "sla_first_response_date",
        "sla_resolved_date",
        "sla_response_breach_logged",
        "sla_resolution_breach_logged",
        "sla_reopen_count",
        "sla_escalation_level",
        "sla_escalation_done",
        "sla_last_customer_message_date",
        "sla_autoclose_warned",
    )
)
# helpdesk_mgmt's default priority, for tickets without an SLA priority
HELPDESK_DEFAULT_PRIORITY = "1"
# Escalation levels of a ticket (sla_escalation_level): nobody warned yet, the
# assignee warned (a target at risk), the team leader warned (a target breached);
# from ESCALATION_CONTACTS on, the contract's escalation contacts in order (level
# ESCALATION_CONTACTS + n: n contacts asked).
ESCALATION_NONE = 0
ESCALATION_ASSIGNEE = 1
ESCALATION_LEADER = 2
ESCALATION_CONTACTS = 2
# Tickets handled per transaction by the scheduled actions.
SLA_CRON_BATCH = 500


def _ts(value):
    return to_ts(value) if value else None


def _same(new, old):
    """Whether a computed value equals the stored one (floats to the cent)."""
    if isinstance(new, bool):
        return new == bool(old)
    if isinstance(new, float) or isinstance(old, float):
        return round(new or 0.0, 2) == round(old or 0.0, 2)
    return new == old


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # -- triage ------------------------------------------------------------------
    # default=None drops helpdesk_mgmt's default ("1"), which would keep a new
    # ticket's stars from following its SLA priority
    priority = fields.Selection(
        compute="_compute_priority", store=True, readonly=False, default=None
    )
    sla_matrix_id = fields.Many2one(
        related="support_contract_id.plan_id.sla_matrix_id", string="Priority Matrix"
    )
    sla_row_axis_id = fields.Many2one(related="sla_matrix_id.row_axis_id")
    sla_column_axis_id = fields.Many2one(related="sla_matrix_id.column_axis_id")
    sla_row_value_id = fields.Many2one(
        comodel_name="support.priority.axis.value",
        string="Matrix Row",
        tracking=True,
        domain="[('axis_id', '=', sla_row_axis_id)]",
        help="Value of the matrix's first axis (e.g. impact) for this ticket.",
    )
    sla_column_value_id = fields.Many2one(
        comodel_name="support.priority.axis.value",
        string="Matrix Column",
        tracking=True,
        domain="[('axis_id', '=', sla_column_axis_id)]",
        help="Value of the matrix's second axis (e.g. urgency) for this ticket.",
    )
    sla_matrix_priority_id = fields.Many2one(
        comodel_name="support.priority",
        string="Triage Priority",
        compute="_compute_sla_matrix_priority_id",
        help="Priority the ticket type or the plan's matrix gives (the plan's "
        "default until the ticket is triaged).",
    )
    sla_priority_id = fields.Many2one(
        comodel_name="support.priority",
        string="SLA Priority",
        compute="_compute_sla_priority_id",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
        help="Priority the SLA targets follow: the triage priority unless staff "
        "overrode it.",
    )
    sla_priority_overridden = fields.Boolean(
        string="Priority Overridden",
        tracking=True,
        copy=False,
        help="Staff chose the priority; the matrix no longer changes it.",
    )
    sla_emergency = fields.Boolean(
        string="Emergency Channel",
        tracking=True,
        help="Reported through the emergency channel (for example the emergency "
        "phone number); some targets only apply then.",
    )
    sla_emergency_call_date = fields.Datetime(
        string="Emergency Call At",
        tracking=True,
        copy=False,
        help="When the customer reported the ticket through the emergency channel "
        "(its creation, or the call staff recorded later, between the ticket's "
        "arrival and now). An emergency call is a new report: the SLA targets of "
        "the ticket's priority count from it, and only a reply after it answers "
        "it.",
    )
    sla_emergency_label = fields.Char(
        string="Emergency Call",
        compute="_compute_sla_emergency_label",
        help="'emergency call at HH:MM', in the time zone of the plan's calendar.",
    )
    sla_reopen_count = fields.Integer(
        string="Reopened",
        readonly=True,
        copy=False,
        help="How many times the ticket left a resolved or closed stage again: its "
        "resolution target runs again each time.",
    )
    # -- clocks -------------------------------------------------------------------
    sla_start_date = fields.Datetime(
        string="SLA Clock Start",
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
        help="When the ticket came in: response (and by default resolution) clocks "
        "start here.",
    )
    sla_first_response_date = fields.Datetime(
        string="First Response",
        readonly=True,
        copy=False,
        help="First reply to the customer by staff (reaches the response target).",
    )
    sla_resolved_date = fields.Datetime(
        string="Resolved On",
        readonly=True,
        copy=False,
        help="When the ticket reached a resolved or closed stage (reaches the "
        "resolution target); cleared when the ticket is reopened, whose "
        "resolution target then runs again.",
    )
    sla_policy_id = fields.Many2one(
        compute="_compute_sla",
        store=True,
        precompute=True,
        comodel_name="support.sla.policy",
        string="SLA Policy",
        readonly=True,
        copy=False,
    )
    sla_response_deadline = fields.Datetime(
        compute="_compute_sla",
        store=True,
        precompute=True,
        string="Response Deadline",
        readonly=True,
        copy=False,
    )
    sla_response_risk_date = fields.Datetime(
        compute="_compute_sla",
        store=True,
        precompute=True,
        string="Response At Risk From",
        readonly=True,
        copy=False,
    )
    sla_response_status = fields.Selection(
        compute="_compute_sla",
        store=True,
        precompute=True,
        selection=SLA_STATUS_SELECTION,
        string="Response SLA",
        readonly=True,
        copy=False,
    )
    sla_response_breached_date = fields.Datetime(
        compute="_compute_sla",
        store=True,
        precompute=True,
        string="Response Breached On",
        readonly=True,
        copy=False,
    )
    sla_resolution_deadline = fields.Datetime(
        compute="_compute_sla",
        store=True,
        precompute=True,
        string="Resolution Deadline",
        readonly=True,
        copy=False,
    )
    sla_resolution_risk_date = fields.Datetime(
        compute="_compute_sla",
        store=True,
        precompute=True,
        string="Resolution At Risk From",
        readonly=True,
        copy=False,
    )
    sla_resolution_status = fields.Selection(
        compute="_compute_sla",
        store=True,
        precompute=True,
        selection=SLA_STATUS_SELECTION,
        string="Resolution SLA",
        readonly=True,
        copy=False,
    )
    sla_resolution_breached_date = fields.Datetime(
        compute="_compute_sla",
        store=True,
        precompute=True,
        string="Resolution Breached On",
        readonly=True,
        copy=False,
    )
    sla_paused_hours = fields.Float(
        compute="_compute_sla",
        store=True,
        precompute=True,
        string="Business Hours Paused",
        readonly=True,
        copy=False,
        help="Business time the clocks stood still while waiting for the customer or "
        "a third party.",
    )
    sla_status = fields.Selection(
        compute="_compute_sla",
        store=True,
        precompute=True,
        selection=SLA_STATUS_SELECTION,
        string="SLA Status",
        readonly=True,
        copy=False,
        help="The worst status of the ticket's targets.",
    )
    sla_next_deadline = fields.Datetime(
        compute="_compute_sla",
        store=True,
        precompute=True,
        string="SLA Deadline",
        readonly=True,
        copy=False,
        help="Earliest deadline of a target not reached yet.",
    )
    sla_next_check = fields.Datetime(
        compute="_compute_sla",
        store=True,
        precompute=True,
        string="SLA Next Check",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When a status changes next by the clock alone (a target turns at "
        "risk or is breached): what the scheduled action looks for.",
    )
    sla_problem = fields.Selection(
        compute="_compute_sla",
        store=True,
        precompute=True,
        selection=SLA_PROBLEM_SELECTION,
        string="SLA Problem",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Why the SLA of this ticket cannot be computed although a running "
        "contract covers it: its deadlines stay empty until the contract's plan is "
        "fixed.",
    )
    # -- pauses, breaches, escalation ------------------------------------------
    sla_pause_ids = fields.One2many(
        comodel_name="support.sla.pause",
        inverse_name="ticket_id",
        string="SLA Pauses",
        copy=False,
    )
    sla_paused = fields.Boolean(
        compute="_compute_sla",
        store=True,
        precompute=True,
        string="SLA Paused",
        readonly=True,
        copy=False,
    )
    sla_response_breach_logged = fields.Boolean(
        string="Response Breach Logged", copy=False, readonly=True
    )
    sla_resolution_breach_logged = fields.Boolean(
        string="Resolution Breach Logged", copy=False, readonly=True
    )
    sla_breach_ids = fields.One2many(
        comodel_name="support.sla.breach",
        inverse_name="ticket_id",
        string="SLA Breaches",
        copy=False,
    )
    sla_escalation_level = fields.Integer(
        string="Escalation Level",
        copy=False,
        readonly=True,
        help="0: none; 1: assignee warned (at risk); 2: team leader warned "
        "(breached); 3 and up: the contract's escalation contacts in order.",
    )
    sla_escalation_done = fields.Boolean(
        string="Escalation Completed", copy=False, readonly=True
    )
    sla_last_customer_message_date = fields.Datetime(
        string="Last Customer Message", readonly=True, copy=False
    )
    sla_autoclose_warned = fields.Boolean(
        string="Auto-close Warning Sent", copy=False, readonly=True
    )

    # ------------------------------------------------------------------
    # Triage
    # ------------------------------------------------------------------
    @api.depends("sla_priority_id")
    def _compute_priority(self):
        for ticket in self:
            if ticket.sla_priority_id:
                ticket.priority = ticket.sla_priority_id.helpdesk_priority
            elif not ticket.priority:
                ticket.priority = HELPDESK_DEFAULT_PRIORITY

    @api.depends(
        "support_ticket_type_id.sla_priority_mode",
        "support_ticket_type_id.sla_fixed_priority_ids",
        "support_contract_id.plan_id.sla_matrix_id",
        "support_contract_id.plan_id.sla_default_priority_id",
        "sla_row_value_id",
        "sla_column_value_id",
    )
    def _compute_sla_matrix_priority_id(self):
        for ticket in self:
            ticket.sla_matrix_priority_id = self._sla_triage(
                ticket.support_contract_id.plan_id,
                ticket.support_ticket_type_id,
                ticket.sla_row_value_id,
                ticket.sla_column_value_id,
            )

    @api.model
    def _sla_triage(self, plan, ticket_type, row, column):
        """Priority a ticket of this plan and type gets from its matrix answers:
        the type's fixed priority, else the plan's matrix cell, else the plan's
        default."""
        priority = self.env["support.priority"]
        if ticket_type:
            priority = ticket_type._sla_fixed_priority(plan.sla_matrix_id)
        if not priority and plan.sla_matrix_id and row and column:
            priority = plan.sla_matrix_id._get_priority(row, column)
        return priority or plan.sla_default_priority_id

    @api.depends("sla_matrix_priority_id")
    def _compute_sla_priority_id(self):
        for ticket in self:
            if not ticket.sla_priority_overridden:
                ticket.sla_priority_id = ticket.sla_matrix_priority_id

    @api.depends("sla_emergency_call_date", "support_contract_id.plan_id.calendar_id")
    def _compute_sla_emergency_label(self):
        for ticket in self:
            call = ticket.sla_emergency_call_date
            if not call:
                ticket.sla_emergency_label = False
                continue
            # sudo: the plan's calendar only gives its time zone
            tz = pytz.timezone(
                ticket.support_contract_id.sudo().plan_id.calendar_id.tz
                or self.env.user.tz
                or "UTC"
            )
            ticket.sla_emergency_label = self.env._(
                "emergency call at %(time)s",
                time=pytz.utc.localize(call).astimezone(tz).strftime("%H:%M"),
            )

    @api.constrains("sla_emergency_call_date", "sla_start_date")
    def _check_sla_emergency_call_date(self):
        """An emergency call is recorded between the ticket's arrival and now."""
        now = fields.Datetime.now()
        for ticket in self.filtered("sla_emergency_call_date"):
            call = ticket.sla_emergency_call_date
            if call > now or (ticket.sla_start_date and call < ticket.sla_start_date):
                raise ValidationError(
                    self.env._(
                        "Ticket %(ticket)s: an emergency call is recorded between "
                        "the ticket's arrival (%(arrival)s) and now; %(call)s is "
                        "not.",
                        ticket=ticket.display_name,
                        arrival=format_datetime(self.env, ticket.sla_start_date),
                        call=format_datetime(self.env, call),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _support_complete_create_values(self, vals_list):
        """Triage of new tickets, in their create values (see support_contract):
        the priority the ticket type or the plan's matrix gives (unless given) and
        its helpdesk stars. The SLA fields follow as precomputed fields."""
        vals_list = super()._support_complete_create_values(vals_list)
        Contract = self.env["support.contract"]
        Plan = self.env["support.plan"].sudo()
        Type = self.env["support.ticket.type"]
        Value = self.env["support.priority.axis.value"]
        now = fields.Datetime.now()
        for vals in vals_list:
            if vals.get("sla_emergency") and not vals.get("sla_emergency_call_date"):
                # reported through the emergency channel: the call is the report
                vals["sla_emergency_call_date"] = vals.get("sla_start_date") or now
            # ids from per-process caches: no query for a ticket in its own
            # transaction
            contract = Contract._sla_cached_contract(vals["support_contract_id"] or 0)
            if "sla_priority_id" not in vals:
                type_id = vals.get("support_ticket_type_id")
                row_id = vals.get("sla_row_value_id")
                column_id = vals.get("sla_column_value_id")
                if type_id or (row_id and column_id):
                    priority_id = self._sla_triage(
                        Plan.browse(contract.plan_id),
                        Type.browse(type_id),
                        Value.browse(row_id),
                        Value.browse(column_id),
                    ).id
                else:
                    priority_id = contract.default_priority_id
                vals["sla_priority_id"] = priority_id or False
            if not vals.get("priority"):
                vals["priority"] = (
                    vals["sla_priority_id"]
                    and self.env["support.priority"]._sla_cached_stars(
                        vals["sla_priority_id"]
                    )
                ) or HELPDESK_DEFAULT_PRIORITY
        return vals_list

    @api.model_create_multi
    def create(self, vals_list):
        self._sla_check_protected(vals_list)
        given = [bool(vals.get("sla_priority_id")) for vals in vals_list]
        tickets = super().create(vals_list)
        if any(given):
            self.browse(
                ticket.id for ticket, flag in zip(tickets, given, strict=True) if flag
            )._sla_sync_overridden()
        tickets._sla_sync_stage(created=True)
        return tickets

    @api.model
    def _sla_protected_fields(self):
        """Hook: fields only the suite's code writes (SLA_PROTECTED_FIELDS and
        what other addons add)."""
        return SLA_PROTECTED_FIELDS

    def _sla_check_protected(self, vals_list):
        """Refuse values of SLA_PROTECTED_FIELDS given by a user (only the suite's
        code, in superuser mode, writes them)."""
        if self.env.su:
            return
        protected = self._sla_protected_fields()
        forged = set()
        for vals in vals_list:
            forged.update(protected.intersection(vals))
        if forged:
            raise AccessError(
                self.env._(
                    "The SLA of a ticket is computed; these fields cannot be "
                    "written: %(fields)s",
                    fields=", ".join(sorted(forged)),
                )
            )

    def write(self, vals):
        self._sla_check_protected([vals])
        by_stars = {}
        if "priority" in vals and "sla_priority_id" not in vals:
            by_stars = self._sla_priority_for_stars(vals["priority"])
        uncalled = self.browse()
        if vals.get("sla_emergency") and not vals.get("sla_emergency_call_date"):
            # staff switching the emergency channel on record the call now
            uncalled = self.filtered(lambda ticket: not ticket.sla_emergency_call_date)
        res = super().write(vals)
        for priority, tickets in by_stars.items():
            # stars set by hand (kanban, list, an OCA module) are an override of
            # the SLA priority, so that the deadlines follow what the stars say
            tickets.write({"sla_priority_id": priority.id})
        if uncalled:
            uncalled.sla_emergency_call_date = fields.Datetime.now()
        if "stage_id" in vals:
            self._sla_sync_stage(
                resumed_by=self.env.context.get("sla_resumed_by", "stage")
            )
        if "sla_priority_id" in vals and "sla_priority_overridden" not in vals:
            self._sla_sync_overridden()
        return res

    def _sla_priority_for_stars(self, stars):
        """{SLA priority: tickets} for the tickets with an SLA priority whose
        stars would change to ``stars``: the most urgent priority of the
        ticket's plan (its matrix's priorities and its default) shown with those
        stars, or of the company when the plan names none. Raises when the plan
        has no priority with those stars (nothing is written)."""
        Priority = self.env["support.priority"]
        result = defaultdict(lambda: self.browse())
        for ticket in self.filtered(
            lambda t: t.sla_priority_id and t.sla_priority_id.helpdesk_priority != stars
        ):
            plan = ticket.support_contract_id.plan_id
            candidates = (
                plan.sla_matrix_id.priority_ids | plan.sla_default_priority_id
            ).filtered("active")
            if not candidates:
                candidates = Priority.search(
                    [("company_id", "in", [ticket.company_id.id, False])]
                )
            match = candidates.filtered(lambda p: p.helpdesk_priority == stars).sorted(
                lambda p: (p.sequence, p.id)
            )[:1]
            if not match:
                labels = dict(self._fields["priority"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "No SLA priority of ticket %(ticket)s's plan is shown as "
                        "%(stars)s; choose its SLA priority instead (e.g. "
                        "%(priorities)s).",
                        ticket=ticket.display_name,
                        stars=labels.get(stars, stars),
                        priorities=", ".join(candidates.mapped("name")),
                    )
                )
            result[match] |= ticket
        return result

    def _sla_sync_overridden(self):
        """Mark as overridden the tickets whose priority is not their triage's
        (and unmark the others): one write per outcome."""
        differs = self.filtered(
            lambda ticket: ticket.sla_priority_id != ticket.sla_matrix_priority_id
        )
        for tickets, overridden in ((differs, True), (self - differs, False)):
            tickets.filtered(
                lambda ticket, value=overridden: ticket.sla_priority_overridden != value
            ).sla_priority_overridden = overridden

    def action_sla_reset_priority(self):
        """Give the ticket back the priority of its triage (type or matrix)."""
        self.ensure_one()
        self.write(
            {
                "sla_priority_overridden": False,
                "sla_priority_id": self.sla_matrix_priority_id.id,
            }
        )
        return True
