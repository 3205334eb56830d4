# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import split_every

from ..tools.sla_evaluator import (
    TARGET_SUFFIXES,
    Rules,
    TicketFacts,
    evaluate,
)
from ..tools.sla_timeline import from_ts, to_ts

_logger = logging.getLogger(__name__)

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
)
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
        help="First time the ticket reached a resolved or closed stage (reaches the "
        "resolution target; kept when the ticket is reopened).",
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

    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------
    @api.depends(*SLA_TICKET_INPUTS)
    def _compute_sla(self):
        """The SLA fields of these tickets (SLA_FIELDS), in one batch of the
        timeline evaluator (tools.sla_evaluator.evaluate).

        Follows the ticket's own inputs (SLA_TICKET_INPUTS) through the ORM; what
        it follows elsewhere marks the tickets it moves with
        _sla_mark_to_compute(). New tickets get their values before the INSERT
        (precompute). A value equal to the stored one is not assigned again, so
        that only what changed is written.
        """
        facts, stored = self._sla_facts()
        results = self._sla_evaluate(facts, fields.Datetime.now())
        for index, ticket in enumerate(self):
            values = results[index]
            old = stored[index]
            if old is None or not ticket.id:
                # a new ticket (creation) or one in a form: every value
                ticket.update(values)
                continue
            for fname in SLA_FIELDS:
                value = values[fname]
                if not _same(value, old[fname]):
                    ticket[fname] = value

    def _sla_facts(self):
        """TicketFacts of these tickets (saved, or new in a form or a creation), in
        the order of `self` (their ids are the positions), and their stored SLA
        values (None for a ticket not saved yet)."""
        Contract = self.env["support.contract"]
        pauses = defaultdict(list)
        saved = self._origin.filtered("id")
        if saved:
            # the columns read below, in one query per 1,000 tickets
            saved.fetch(SLA_TICKET_INPUTS + SLA_FIELDS)
            # what the contract cache reads of contracts not cached yet, for all
            # of them at once (one contract at a time: 4 queries each; 3 s of a
            # recompute of 10,000 tickets of 50 contracts after a configuration
            # change, in the benchmark's profile)
            contracts = saved.support_contract_id.sudo()
            if len(contracts) > 1:
                contracts.fetch(["state", "plan_id", "addon_line_ids"])
                contracts.plan_id.fetch(
                    ["calendar_id", "sla_resolution_start", "sla_default_priority_id"]
                )
                contracts.addon_line_ids.fetch(["addon_id"])
            # sudo: every pause counts, whoever may read it
            for pause in (
                self.env["support.sla.pause"]
                .sudo()
                .search([("ticket_id", "in", saved.ids)], order="date_start, id")
            ):
                pauses[pause.ticket_id.id].append(
                    (_ts(pause.date_start), _ts(pause.date_end))
                )
        # the stored SLA values, just fetched, read from the ORM's cache: these
        # fields are being computed (no recomputation to trigger), and reading
        # 14 fields of 10,000 tickets through the records costs about 0.5 s more
        # (benchmark: recompute of 10,000 tickets)
        caches = [self._fields[fname]._get_cache(self.env) for fname in SLA_FIELDS]
        contracts = {}
        facts = []
        stored = []
        for index, ticket in enumerate(self):
            contract_id = ticket.support_contract_id.id
            contract = contracts.get(contract_id)
            if contract is None:
                # ids from a per-process cache: no query for a ticket created in
                # its own transaction
                contract = contracts[contract_id] = Contract._sla_cached_contract(
                    contract_id
                )
            origin_id = ticket._origin.id
            if origin_id:
                old = {
                    fname: cache.get(origin_id) or False
                    for fname, cache in zip(SLA_FIELDS, caches, strict=True)
                }
            else:
                old = None
            stored.append(old)
            facts.append(
                TicketFacts(
                    id=index,
                    company_id=ticket.company_id.id,
                    active=contract.state == "active",
                    plan_id=contract.plan_id,
                    calendar_id=contract.calendar_id,
                    resolution_start=contract.resolution_start,
                    priority_id=ticket.sla_priority_id.id,
                    type_id=ticket.support_ticket_type_id.id,
                    emergency=ticket.sla_emergency,
                    addon_ids=contract.addon_ids,
                    start=_ts(ticket.sla_start_date),
                    first_response=_ts(ticket.sla_first_response_date),
                    resolved=_ts(ticket.sla_resolved_date),
                    logged={
                        target: ticket[f"sla_{target}_breach_logged"]
                        for target in SLA_TARGETS
                    },
                    old={
                        target: tuple(
                            (old or {}).get(f"sla_{target}_{suffix}", False)
                            for suffix in TARGET_SUFFIXES
                        )
                        for target in SLA_TARGETS
                    },
                    pauses=pauses.get(origin_id, []),
                )
            )
        return facts, stored

    @api.model
    def _sla_rules(self, facts):
        """Rules (policies, add-on coverage, at-risk shares) the facts need; the
        policies and add-on coverage come from per-process caches (cleared when the
        configuration changes)."""
        Plan = self.env["support.plan"]
        Addon = self.env["support.addon"]
        policies = defaultdict(list)
        highest = {}
        for plan_id in {f.plan_id for f in facts if f.plan_id}:
            rules, highest[plan_id] = Plan._sla_cached_rules(plan_id)
            for rule in rules:
                policies[plan_id, rule.priority_id].append(rule)
        addons = {
            addon_id: Addon._sla_cached_rule(addon_id)
            for addon_id in {addon_id for f in facts for addon_id in f.addon_ids}
        }
        share = {
            company.id: (company.sla_at_risk_percent or 75.0) / 100.0
            for company in self.env["res.company"]
            .sudo()
            .browse(list({f.company_id for f in facts if f.company_id}))
        }
        return Rules(policies=policies, addons=addons, highest=highest, share=share)

    @api.model
    def _sla_evaluate(self, facts, now):
        """{ticket id: SLA values} of the facts' tickets at `now` (see
        tools.sla_evaluator.evaluate)."""
        if not facts:
            return {}
        Calendar = self.env["resource.calendar"].sudo()

        def timeline_for(calendar_ids, first_start, last_start):
            return Calendar.browse(calendar_ids)._sla_timeline(
                from_ts(first_start), from_ts(last_start)
            )

        def on_error(facts, _error):
            _logger.warning(
                "Ticket %s: its availability calendars have no working time within "
                "three years; no SLA deadline",
                facts.id,
            )

        return evaluate(
            facts, self._sla_rules(facts), timeline_for, to_ts(now), on_error
        )

    def _sla_calendars(self):
        """Calendars this ticket's clocks run on (the plan's first)."""
        self.ensure_one()
        contract = self.support_contract_id
        plan = contract.plan_id
        _rules, highest = self.env["support.plan"]._sla_cached_rules(plan.id)
        calendars = plan.calendar_id
        for addon in contract.addon_line_ids.addon_id:
            rule = self.env["support.addon"]._sla_cached_rule(addon.id)
            if rule.covers(
                self.sla_priority_id.id, self.support_ticket_type_id.id, highest
            ):
                calendars |= addon.calendar_id
        return calendars

    def _sla_backdate_start(self, share):
        """Move the clock start back so that `share` (0-1) of the response target
        is used now (demo data: tickets at risk whatever the time of install).
        Only for business minutes/hours targets."""
        now = fields.Datetime.now()
        for ticket in self:
            kind, value = ticket.sla_policy_id._response_target()
            seconds = value * (60.0 if kind == "business_minutes" else 3600.0)
            if kind not in ("business_minutes", "business_hours"):
                continue
            timeline = ticket._sla_calendars()._sla_timeline(
                now - timedelta(days=60), now
            )
            start = timeline.retreat(to_ts(now), share * seconds)
            ticket.sla_start_date = from_ts(start)

    def _sla_pauses_changed(self):
        """Pauses of these tickets were logged, ended, moved or deleted."""
        self.exists()._sla_mark_to_compute()

    def _sla_mark_to_compute(self):
        """What the SLA of these tickets follows outside them changed: their SLA
        fields are computed again (in one batch per 1,000 tickets) at the next
        flush or read, and stored through the ORM."""
        for fname in SLA_FIELDS:
            self.env.add_to_compute(self._fields[fname], self)

    @api.model
    def _sla_recompute_where(self, domain):
        """Mark the SLA of the tickets matching `domain` to be computed again
        (configuration hooks)."""
        # sudo: a change of the configuration moves the SLA of every ticket it
        # applies to, not only of those its author may read
        tickets = self.sudo().search(domain)
        tickets._sla_mark_to_compute()
        return tickets

    def _sla_recompute(self):
        """Compute the SLA fields of these tickets now, in one batch, and store
        them (the scheduled action; code that changed inputs without the ORM).

        :return: the tickets whose SLA values changed
        """
        tickets = self.filtered("id").sudo()
        if not tickets:
            return self.browse()
        # what is pending first: the change found is this computation's
        tickets.flush_recordset(SLA_FIELDS)
        tickets._sla_mark_to_compute()
        # one batch for all (the ORM computes by 1,000), through the ORM's
        # compute (automation rules and tracking see it)
        tickets._fields["sla_status"].compute_value(tickets)
        dirty = self.env._field_dirty  # what the compute assigned
        changed_ids = set()
        for fname in SLA_FIELDS:
            changed_ids.update(dirty.get(tickets._fields[fname], ()))
        changed = self.browse(i for i in tickets._ids if i in changed_ids)
        tickets.flush_recordset(SLA_FIELDS)
        return changed

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
        for vals in vals_list:
            # ids from per-process caches: no query for a ticket in its own
            # transaction
            contract = Contract._sla_cached_contract(vals["support_contract_id"] or 0)
            if "sla_priority_id" not in vals:
                ticket_type = Type.browse(vals.get("support_ticket_type_id"))
                row = Value.browse(vals.get("sla_row_value_id"))
                column = Value.browse(vals.get("sla_column_value_id"))
                if ticket_type or (row and column):
                    priority_id = self._sla_triage(
                        Plan.browse(contract.plan_id), ticket_type, row, column
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
        tickets = super().create(vals_list)
        given = self.browse(
            ticket.id
            for ticket, vals in zip(tickets, vals_list, strict=True)
            if vals.get("sla_priority_id")
        )
        given._sla_sync_overridden()
        tickets._sla_sync_stage(created=True)
        return tickets

    def _sla_check_protected(self, vals_list):
        """Refuse values of SLA_PROTECTED_FIELDS given by a user (only the suite's
        code, in superuser mode, writes them)."""
        if self.env.su:
            return
        forged = set()
        for vals in vals_list:
            forged.update(SLA_PROTECTED_FIELDS.intersection(vals))
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
        res = super().write(vals)
        for priority, tickets in by_stars.items():
            # stars set by hand (kanban, list, an OCA module) are an override of
            # the SLA priority, so that the deadlines follow what the stars say
            tickets.write({"sla_priority_id": priority.id})
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

    # ------------------------------------------------------------------
    # Pauses, response, resolution
    # ------------------------------------------------------------------
    def _sla_sync_stage(self, resumed_by="stage", created=False):
        """Open or close SLA pauses and note resolution after a stage change (the
        SLA follows: the pauses mark it to compute, the dates are its inputs)."""
        now = fields.Datetime.now()
        # a customer's mail resumes the clock when it was sent (Date header, when
        # plausible: see support_portal), never later than now
        resume_date = min(self.env.context.get("sla_resume_date") or now, now)
        Pause = self.env["support.sla.pause"].sudo()
        open_pauses = {}
        paused = self if not created else self.browse()
        paused = paused.filtered("sla_paused")
        if paused:
            open_pauses = {
                pause.ticket_id.id: pause
                for pause in Pause.search(
                    [("ticket_id", "in", paused.ids), ("date_end", "=", False)]
                )
            }
        to_create = []
        to_end = defaultdict(lambda: Pause)
        to_write = defaultdict(lambda: self.browse())
        for ticket in self:
            stage = ticket.stage_id
            pause = open_pauses.get(ticket.id)
            if pause and pause.reason != stage.sla_pause:
                to_end[max(resume_date, pause.date_start)] |= pause
                pause = None
            if stage.sla_pause and not pause:
                to_create.append(
                    {
                        "ticket_id": ticket.id,
                        "reason": stage.sla_pause,
                        "stage_id": stage.id,
                        "date_start": now,
                    }
                )
            vals = {}
            if (stage.closed or stage.sla_resolved) and not ticket.sla_resolved_date:
                vals["sla_resolved_date"] = now
                if not ticket.sla_first_response_date:
                    # closing answers the customer (the closing e-mail goes out)
                    vals["sla_first_response_date"] = now
            if not created and ticket.sla_autoclose_warned:
                vals["sla_autoclose_warned"] = False
            if vals:
                to_write[tuple(sorted(vals.items()))] |= ticket
        for date_end, pauses in to_end.items():
            pauses.write({"date_end": date_end, "resumed_by": resumed_by})
        for vals, tickets in to_write.items():
            # sudo: the SLA dates are read-only for the user changing the stage
            tickets.sudo().write(dict(vals))
        if to_create:
            Pause.create(to_create)

    def _sla_default_resume_stage(self):
        """Open stage a customer reply moves a waiting ticket to."""
        self.ensure_one()
        stages = self.team_id._get_applicable_stages().filtered(
            lambda stage: not stage.closed
            and not stage.sla_pause
            and not stage.sla_resolved
        )
        return stages.filtered(lambda stage: not stage.unattended)[:1] or stages[:1]

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        message_type = msg_vals.get("message_type", message.message_type)
        if message_type in ("comment", "email") and not message.subtype_id.internal:
            author = message.author_id.sudo()
            if author and not author.partner_share:
                if not self.sla_first_response_date:
                    self.sudo().sla_first_response_date = message.date
            elif message.subtype_id:
                self.sudo()._sla_customer_replied(message.date)
        return res

    def _sla_customer_replied(self, date):
        """A customer message: note it and resume a waiting ticket's clocks."""
        self.ensure_one()
        vals = {"sla_last_customer_message_date": date}
        stage = self.stage_id
        target = stage.sla_resume_stage_id
        if stage.sla_pause and not target:
            target = self._sla_default_resume_stage()
        if (stage.sla_pause or stage.sla_resolved) and target:
            vals["stage_id"] = target.id
        self.with_context(sla_resumed_by="customer").write(vals)

    # ------------------------------------------------------------------
    # Scheduled actions
    # ------------------------------------------------------------------
    @api.model
    def _sla_open_domain(self):
        return Domain("stage_id.closed", "=", False) & Domain("sla_paused", "=", False)

    @api.model
    def _sla_due_domain(self, now):
        """Open tickets of which a target turned at risk or breached since the
        last run (their stored status lags behind the clock)."""
        return self._sla_open_domain() & Domain("sla_next_check", "<=", now)

    @api.model
    def _sla_notify_domain(self):
        """Tickets with a status change whose warning or breach is not handled."""
        return Domain.OR(
            [
                Domain("sla_status", "=", "at_risk")
                & Domain("sla_escalation_level", "<", ESCALATION_ASSIGNEE),
                Domain("sla_response_status", "=", "breached")
                & Domain("sla_response_breach_logged", "=", False),
                Domain("sla_resolution_status", "=", "breached")
                & Domain("sla_resolution_breach_logged", "=", False),
            ]
        )

    @api.model
    def _cron_sla_check(self, batch_size=SLA_CRON_BATCH, commit=True):
        """Refresh SLA statuses, warn before breaches, record breaches, escalate.

        Works in batches of `batch_size` tickets, committing after each one
        (ir.cron._commit_progress), so that 100,000 open tickets never make one
        long transaction; an interrupted run resumes where it stopped.

        :param commit: False to run in the current transaction (demo data, tests)
        """
        now = fields.Datetime.now()
        if commit:
            progress = self.env["ir.cron"]._commit_progress
        else:

            def progress(processed=0, remaining=None):
                return float("inf")

        due_ids = self.search(self._sla_due_domain(now), order="id").ids
        notify_domain = self._sla_notify_domain() & Domain(
            "stage_id.closed", "=", False
        )
        escalate_domain = (
            Domain("sla_status", "=", "breached")
            & Domain("sla_escalation_done", "=", False)
            & Domain("sla_escalation_level", ">=", ESCALATION_LEADER)
            & Domain("stage_id.closed", "=", False)
        )
        progress(remaining=len(due_ids))
        for batch in split_every(batch_size, due_ids, list):
            tickets = self.browse(batch)
            tickets._sla_recompute()
            tickets.filtered_domain(notify_domain)._sla_notify(now)
            if not progress(len(batch)):
                return
        # statuses changed by other events (a late reply, a reopened ticket)
        pending = self.search(notify_domain, order="id").ids
        for batch in split_every(batch_size, pending, list):
            self.browse(batch)._sla_notify(now)
            if not progress(0):
                return
        escalate = self.search(escalate_domain, order="id").ids
        for batch in split_every(batch_size, escalate, list):
            self.browse(batch)._sla_escalate(now)
            if not progress(0):
                return

    def _sla_activity(self, user, summary, note):
        self.ensure_one()
        if not user:
            return False
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=fields.Date.context_today(self),
            summary=summary,
            note=note,
            user_id=user.id,
        )
        return True

    def _sla_notify(self, now):
        """Warn the assignee of targets at risk; record breaches and warn the team
        leader."""
        Breach = self.env["support.sla.breach"].sudo()
        labels = {
            "response": self.env._("response"),
            "resolution": self.env._("resolution"),
        }
        # breaches recorded already (by hand, or an earlier interrupted run): one
        # per ticket and target, the database refuses a second
        recorded = {
            (breach.ticket_id.id, breach.target)
            for breach in Breach.search([("ticket_id", "in", self.ids)])
        }
        breach_vals = []
        for ticket in self:
            leader = ticket.team_id.user_id
            vals = {}
            level = ticket.sla_escalation_level
            breached = [
                target
                for target in SLA_TARGETS
                if ticket[f"sla_{target}_status"] == "breached"
                and not ticket[f"sla_{target}_breach_logged"]
            ]
            for target in breached:
                if (ticket.id, target) in recorded:
                    vals[f"sla_{target}_breach_logged"] = True
                    continue
                breach_vals.append(
                    {
                        "ticket_id": ticket.id,
                        "contract_id": ticket.support_contract_id.id,
                        "target": target,
                        "deadline": ticket[f"sla_{target}_deadline"],
                        "priority_id": ticket.sla_priority_id.id,
                        "policy_id": ticket.sla_policy_id.id,
                        "ticket_type_id": ticket.support_ticket_type_id.id,
                        "user_id": ticket.user_id.id,
                        "team_id": ticket.team_id.id,
                    }
                )
                vals[f"sla_{target}_breach_logged"] = True
            if breached and level < ESCALATION_LEADER:
                ticket._sla_activity(
                    leader or ticket.user_id,
                    self.env._("SLA breached: %(ticket)s", ticket=ticket.display_name),
                    self.env._(
                        "The %(targets)s target of this ticket was missed.",
                        targets=", ".join(labels[t] for t in breached),
                    ),
                )
                vals["sla_escalation_level"] = ESCALATION_LEADER
            elif ticket.sla_status == "at_risk" and level < ESCALATION_ASSIGNEE:
                at_risk = [
                    labels[t]
                    for t in SLA_TARGETS
                    if ticket[f"sla_{t}_status"] == "at_risk"
                ]
                deadline = ticket.sla_next_deadline
                ticket._sla_activity(
                    ticket.user_id or leader,
                    self.env._("SLA at risk: %(ticket)s", ticket=ticket.display_name),
                    self.env._(
                        "The %(targets)s target is due %(deadline)s (UTC).",
                        targets=", ".join(at_risk),
                        deadline=deadline,
                    ),
                )
                vals["sla_escalation_level"] = ESCALATION_ASSIGNEE
            if vals:
                ticket.sudo().write(vals)
        if breach_vals:
            Breach.create(breach_vals)

    def _sla_escalate(self, now):
        """Ask the contract's escalation contacts, in order, each after its delay
        since the (first) breach; a run catches up with every contact due.

        Only the tickets whose escalation moved are written, in one write per
        outcome (a ticket waiting for its next contact is left alone)."""
        updates = defaultdict(list)
        for ticket in self:
            contacts = ticket.support_contract_id.sla_escalation_ids.sorted(
                lambda line: (line.sequence, line.id)
            )
            breached = [
                date
                for date in (
                    ticket.sla_response_breached_date,
                    ticket.sla_resolution_breached_date,
                )
                if date
            ]
            level = ticket.sla_escalation_level
            while breached and level - ESCALATION_CONTACTS < len(contacts):
                contact = contacts[level - ESCALATION_CONTACTS]
                if now < min(breached) + timedelta(hours=contact.delay_hours):
                    break
                ticket._sla_activity(
                    contact.user_id,
                    self.env._(
                        "SLA escalation (%(role)s): %(ticket)s",
                        role=contact.role,
                        ticket=ticket.display_name,
                    ),
                    self.env._(
                        "This ticket of %(customer)s missed its SLA target on "
                        "%(date)s (UTC) and is still open.",
                        customer=ticket.support_contract_id.partner_id.display_name,
                        date=min(breached),
                    ),
                )
                level += 1
            done = not breached or level - ESCALATION_CONTACTS >= len(contacts)
            if (done, level) != (
                ticket.sla_escalation_done,
                ticket.sla_escalation_level,
            ):
                updates[done, level].append(ticket.id)
        for (done, level), ticket_ids in updates.items():
            self.browse(ticket_ids).sudo().write(
                {"sla_escalation_done": done, "sla_escalation_level": level}
            )

    def _sla_close_stage(self):
        self.ensure_one()
        stage = self.company_id.sla_close_stage_id
        if not stage:
            stage = self.team_id._get_applicable_stages().filtered("closed")[:1]
        return stage

    @api.model
    def _cron_sla_autoclose(self, batch_size=SLA_CRON_BATCH):
        """Close tickets left waiting for the customer, after a warning, and resolved
        tickets the customer did not confirm (the SLA terms close them after 7 days)."""
        now = fields.Datetime.now()
        Cron = self.env["ir.cron"]
        for company in self.env["res.company"].search([]):
            days = company.sla_autoclose_days
            warn = company.sla_autoclose_warning_days
            if days:
                threshold = now - timedelta(days=days - (warn or 0))
                waiting = self.search(
                    [
                        ("company_id", "=", company.id),
                        ("stage_id.sla_pause", "=", "customer"),
                        ("last_stage_update", "<=", threshold),
                    ],
                    order="id",
                )
                for batch in split_every(batch_size, waiting.ids, list):
                    self.browse(batch)._sla_autoclose_waiting(now, days, warn)
                    if not Cron._commit_progress(len(batch)):
                        return
            confirm = company.sla_confirm_days
            if confirm:
                resolved = self.search(
                    [
                        ("company_id", "=", company.id),
                        ("stage_id.sla_resolved", "=", True),
                        ("stage_id.closed", "=", False),
                        ("last_stage_update", "<=", now - timedelta(days=confirm)),
                    ],
                    order="id",
                )
                for batch in split_every(batch_size, resolved.ids, list):
                    self.browse(batch)._sla_autoclose_resolved(now, confirm)
                    if not Cron._commit_progress(len(batch)):
                        return

    def _sla_waiting_since(self):
        self.ensure_one()
        return max(
            filter(None, (self.last_stage_update, self.sla_last_customer_message_date))
        )

    def _sla_autoclose_waiting(self, now, days, warn):
        warning = self.env.ref("support_sla.mail_template_sla_autoclose_warning")
        notice = self.env.ref("support_sla.mail_template_sla_autoclose_notice")
        to_close = self.browse()
        to_warn = self.browse()
        for ticket in self:
            since = ticket._sla_waiting_since()
            if now >= since + timedelta(days=days):
                to_close |= ticket
            elif (
                warn
                and not ticket.sla_autoclose_warned
                and now >= since + timedelta(days=days - warn)
            ):
                to_warn |= ticket
        to_close._sla_close_with_notice(notice)
        for ticket in to_warn:
            ticket.message_post_with_source(
                warning, message_type="auto_comment", subtype_xmlid="mail.mt_comment"
            )
        # sudo: the flag is read-only for users
        to_warn.sudo().sla_autoclose_warned = True

    def _sla_autoclose_resolved(self, now, confirm):
        notice = self.env.ref("support_sla.mail_template_sla_autoclose_unconfirmed")
        self.filtered(
            lambda ticket: now >= ticket._sla_waiting_since() + timedelta(days=confirm)
        )._sla_close_with_notice(notice)

    def _sla_close_with_notice(self, template):
        """Move these tickets to their closed stage (one write per stage) and post
        the notice on each."""
        closed = self.browse()
        for stage, tickets in self.grouped(lambda t: t._sla_close_stage()).items():
            if not stage:
                _logger.warning(
                    "Tickets %s: no closed stage to auto-close them", tickets.ids
                )
                continue
            # sudo: the scheduled action's user may not edit every ticket
            tickets.sudo().write({"stage_id": stage.id})
            closed |= tickets
        for ticket in closed:
            ticket.message_post_with_source(
                template, message_type="auto_comment", subtype_xmlid="mail.mt_comment"
            )
