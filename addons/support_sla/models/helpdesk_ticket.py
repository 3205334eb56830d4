# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import SQL, split_every

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
# The SLA columns of a ticket: stored by its INSERT, then by _sla_recompute()
# (SQL column order of _sla_facts_sql).
SLA_WRITTEN_FIELDS = (
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
SLA_BOOLEAN_FIELDS = ("sla_paused",)
# What the suite's code alone writes on a ticket: the SLA results, the times the
# targets were reached and the state of the warnings and escalation. A write()
# of one of them is refused unless it comes from the suite's code (superuser
# mode: a narrow sudo() of the SLA engine), whatever the user's access rights.
SLA_PROTECTED_FIELDS = frozenset(
    SLA_WRITTEN_FIELDS
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
# Ticket fields staff set in the form of a new ticket: its SLA preview follows them.
SLA_FORM_INPUTS = (
    "partner_id",
    "company_id",
    "support_contract_id",
    "support_ticket_type_id",
    "sla_row_value_id",
    "sla_column_value_id",
    "sla_priority_id",
    "sla_emergency",
)
# Ticket fields whose change moves the SLA: a write() of one of them recomputes
# the SLA columns (partner_id and company_id through the contract they select,
# the type and matrix answers through the priority they give).
SLA_TRIGGER_FIELDS = frozenset(
    SLA_FORM_INPUTS
    + (
        "commercial_partner_id",
        "sla_start_date",
        "sla_first_response_date",
        "sla_resolved_date",
    )
)
# helpdesk_mgmt's default priority, for tickets without an SLA priority
HELPDESK_DEFAULT_PRIORITY = "1"
# Stored fields the SLA computation reads, per model (flushed before a bulk run).
SLA_INPUT_FIELDS = [
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
]
SLA_INPUT_MODELS = {
    "support.contract": ["state", "plan_id"],
    "support.plan": ["calendar_id", "sla_resolution_start"],
    "support.contract.addon": ["contract_id", "addon_id"],
    "support.sla.pause": ["ticket_id", "date_start", "date_end"],
}
# Tickets handled per transaction by the scheduled actions.
SLA_CRON_BATCH = 500


def _ts(value):
    return to_ts(value) if value else None


def _same(new, old):
    """Whether a value to write equals the stored one (floats to the cent)."""
    if isinstance(new, bool):
        return new == bool(old)
    if isinstance(new, float) or isinstance(old, float):
        return round(new or 0.0, 2) == round(old or 0.0, 2)
    return new == old


def _given_value(value):
    """A target's value given with a new ticket (dates may come as strings)."""
    if isinstance(value, str) and value not in dict(SLA_STATUS_SELECTION):
        return fields.Datetime.to_datetime(value)
    return value


def _column_value(value):
    """A computed value as _write_multi stores it (records -> ids, False -> NULL
    except for booleans)."""
    if isinstance(value, models.BaseModel):
        return value.id or None
    if value is False:
        return None
    return value


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
        comodel_name="support.sla.policy",
        string="SLA Policy",
        readonly=True,
        copy=False,
    )
    sla_response_deadline = fields.Datetime(
        string="Response Deadline", readonly=True, copy=False
    )
    sla_response_risk_date = fields.Datetime(
        string="Response At Risk From", readonly=True, copy=False
    )
    sla_response_status = fields.Selection(
        selection=SLA_STATUS_SELECTION,
        string="Response SLA",
        readonly=True,
        copy=False,
    )
    sla_response_breached_date = fields.Datetime(
        string="Response Breached On", readonly=True, copy=False
    )
    sla_resolution_deadline = fields.Datetime(
        string="Resolution Deadline", readonly=True, copy=False
    )
    sla_resolution_risk_date = fields.Datetime(
        string="Resolution At Risk From",
        readonly=True,
        copy=False,
    )
    sla_resolution_status = fields.Selection(
        selection=SLA_STATUS_SELECTION,
        string="Resolution SLA",
        readonly=True,
        copy=False,
    )
    sla_resolution_breached_date = fields.Datetime(
        string="Resolution Breached On", readonly=True, copy=False
    )
    sla_paused_hours = fields.Float(
        string="Business Hours Paused",
        readonly=True,
        copy=False,
        help="Business time the clocks stood still while waiting for the customer or "
        "a third party.",
    )
    sla_status = fields.Selection(
        selection=SLA_STATUS_SELECTION,
        string="SLA Status",
        readonly=True,
        copy=False,
        help="The worst status of the ticket's targets.",
    )
    sla_next_deadline = fields.Datetime(
        string="SLA Deadline",
        readonly=True,
        copy=False,
        help="Earliest deadline of a target not reached yet.",
    )
    sla_next_check = fields.Datetime(
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
    sla_paused = fields.Boolean(string="SLA Paused", readonly=True, copy=False)
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
    # The SLA columns (SLA_WRITTEN_FIELDS) are not computed fields: a new ticket
    # gets them in its INSERT (_support_complete_create_values), and
    # _sla_recompute() stores them again, in bulk, after every change they follow
    # (see SLA_TRIGGER_FIELDS and the hooks of contracts, add-ons, pauses, plans,
    # policies, ticket types, calendars and company settings). As computed fields
    # they made the ORM track 14 more dependencies on every ticket created.

    def _sla_facts_sql(self):
        """TicketFacts of these (stored, flushed) tickets in a few queries.

        :return: (list of TicketFacts, {ticket id: {field: stored value}} of the
            fields _sla_recompute writes)
        """
        ids = list(self.ids)
        rows = self.env.execute_query(
            SQL(
                """
                SELECT t.id, t.company_id, c.state, c.id, p.id, p.calendar_id,
                       p.sla_resolution_start, t.sla_priority_id,
                       t.support_ticket_type_id, t.sla_emergency, t.sla_start_date,
                       t.sla_first_response_date, t.sla_resolved_date,
                       t.sla_response_breach_logged, t.sla_resolution_breach_logged,
                       t.sla_response_deadline, t.sla_response_risk_date,
                       t.sla_response_status, t.sla_response_breached_date,
                       t.sla_resolution_deadline, t.sla_resolution_risk_date,
                       t.sla_resolution_status, t.sla_resolution_breached_date,
                       t.sla_policy_id, t.sla_paused_hours, t.sla_status,
                       t.sla_next_deadline, t.sla_next_check, t.sla_paused
                  FROM helpdesk_ticket t
             LEFT JOIN support_contract c ON c.id = t.support_contract_id
             LEFT JOIN support_plan p ON p.id = c.plan_id
                 WHERE t.id = ANY(%s)
                """,
                ids,
            )
        )
        pauses = defaultdict(list)
        for ticket_id, start, end in self.env.execute_query(
            SQL(
                """
                SELECT ticket_id, date_start, date_end FROM support_sla_pause
                 WHERE ticket_id = ANY(%s) ORDER BY date_start
                """,
                ids,
            )
        ):
            pauses[ticket_id].append((_ts(start), _ts(end)))
        contract_ids = list({row[3] for row in rows if row[3]})
        addons = defaultdict(list)
        for contract_id, addon_id in self.env.execute_query(
            SQL(
                "SELECT contract_id, addon_id FROM support_contract_addon "
                "WHERE contract_id = ANY(%s)",
                contract_ids,
            )
        ):
            addons[contract_id].append(addon_id)
        facts = []
        stored = {}
        for row in rows:
            stored[row[0]] = dict(zip(SLA_WRITTEN_FIELDS, row[15:29], strict=True))
            (
                ticket_id,
                company_id,
                state,
                contract_id,
                plan_id,
                calendar_id,
                resolution_start,
                priority_id,
                type_id,
                emergency,
                start,
                first_response,
                resolved,
                response_logged,
                resolution_logged,
            ) = row[:15]
            facts.append(
                TicketFacts(
                    id=ticket_id,
                    company_id=company_id,
                    active=state == "active",
                    plan_id=plan_id,
                    calendar_id=calendar_id,
                    resolution_start=resolution_start,
                    priority_id=priority_id,
                    type_id=type_id,
                    emergency=bool(emergency),
                    addon_ids=tuple(sorted(addons.get(contract_id, ()))),
                    start=_ts(start),
                    first_response=_ts(first_response),
                    resolved=_ts(resolved),
                    logged={
                        "response": bool(response_logged),
                        "resolution": bool(resolution_logged),
                    },
                    old={
                        "response": tuple(value or False for value in row[15:19]),
                        "resolution": tuple(value or False for value in row[19:23]),
                    },
                    pauses=pauses.get(ticket_id, []),
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
        if not self.env.context.get("sla_defer_recompute"):
            self.exists()._sla_recompute()

    @api.model
    def _sla_recompute_where(self, domain):
        """Recompute the SLA of the tickets matching `domain` (configuration hooks)."""
        # sudo: a change of the configuration moves the SLA of every ticket it
        # applies to, not only of those its author may read
        tickets = self.sudo().search(domain)
        tickets._sla_recompute()
        return tickets

    def _sla_recompute(self):
        """Recompute and store the SLA fields of these tickets now, in bulk.

        The tickets' facts are read in a few queries, evaluated in one batch per set
        of calendars, and written with one UPDATE per 1,000 tickets, only for the
        tickets whose values changed (10,000 tickets in well under 2 seconds).

        :return: the tickets whose SLA values changed
        """
        tickets = self.filtered("id")
        if not tickets:
            return self.browse()
        # what the facts are read from must be in the database
        tickets.flush_recordset(SLA_INPUT_FIELDS)
        for model, fnames in SLA_INPUT_MODELS.items():
            self.env[model].flush_model(fnames)
        facts, stored = tickets._sla_facts_sql()
        results = self._sla_evaluate(facts, fields.Datetime.now())
        changed_ids = []
        vals_list = []
        for ticket_id, values in results.items():
            # only the columns that changed
            old = stored[ticket_id]
            vals = {}
            for fname in SLA_WRITTEN_FIELDS:
                value = values[fname]
                if fname not in SLA_BOOLEAN_FIELDS:
                    value = _column_value(value)
                if not _same(value, old[fname]):
                    vals[fname] = value
            if vals:
                changed_ids.append(ticket_id)
                vals_list.append(vals)
        changed = tickets.browse(changed_ids)
        if changed:
            changed._write_multi(vals_list)
        tickets.invalidate_recordset(SLA_WRITTEN_FIELDS)
        if changed:
            changed.modified(SLA_WRITTEN_FIELDS)
        return changed

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _support_complete_create_values(self, vals_list):
        """Triage and SLA of new tickets, computed in one batch and stored by the
        INSERT (see support_contract): the priority the ticket type or the plan's
        matrix gives (unless given), and the SLA columns as _sla_recompute() would
        store them."""
        vals_list = super()._support_complete_create_values(vals_list)
        Contract = self.env["support.contract"]
        Plan = self.env["support.plan"].sudo()
        Type = self.env["support.ticket.type"]
        Value = self.env["support.priority.axis.value"]
        to_datetime = fields.Datetime.to_datetime
        facts_list = []
        for index, vals in enumerate(vals_list):
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
            facts_list.append(
                TicketFacts(
                    id=index,
                    company_id=vals.get("company_id"),
                    active=contract.state == "active",
                    plan_id=contract.plan_id,
                    calendar_id=contract.calendar_id,
                    resolution_start=contract.resolution_start,
                    priority_id=vals["sla_priority_id"],
                    type_id=vals.get("support_ticket_type_id") or False,
                    emergency=bool(vals.get("sla_emergency")),
                    addon_ids=contract.addon_ids,
                    start=_ts(to_datetime(vals.get("sla_start_date"))),
                    first_response=_ts(
                        to_datetime(vals.get("sla_first_response_date"))
                    ),
                    resolved=_ts(to_datetime(vals.get("sla_resolved_date"))),
                    logged={
                        target: bool(vals.get(f"sla_{target}_breach_logged"))
                        for target in SLA_TARGETS
                    },
                    old={
                        target: tuple(
                            _given_value(vals.get(f"sla_{target}_{suffix}", False))
                            for suffix in TARGET_SUFFIXES
                        )
                        for target in SLA_TARGETS
                    },
                    # pauses given with the ticket recompute it once created
                    pauses=[],
                )
            )
        results = self._sla_evaluate(facts_list, fields.Datetime.now())
        for index, vals in enumerate(vals_list):
            vals.update(results[index])
        return vals_list

    @api.onchange(*SLA_FORM_INPUTS)
    def _onchange_sla_preview(self):
        """A ticket being created in the form shows the SLA it will be saved with
        (a saved ticket's SLA is recomputed when it is saved)."""
        now = fields.Datetime.now()
        for ticket in self.filtered(lambda ticket: not ticket._origin):
            vals = {
                "partner_id": ticket.partner_id.id,
                "company_id": ticket.company_id.id,
                "support_contract_id": ticket.support_contract_id.id,
                "support_ticket_type_id": ticket.support_ticket_type_id.id,
                "sla_row_value_id": ticket.sla_row_value_id.id,
                "sla_column_value_id": ticket.sla_column_value_id.id,
                "sla_priority_id": ticket.sla_priority_id.id,
                "sla_emergency": ticket.sla_emergency,
                "sla_start_date": ticket.sla_start_date or now,
            }
            self._support_complete_create_values([vals])
            ticket.update({fname: vals[fname] for fname in SLA_WRITTEN_FIELDS})

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
        if tickets._sla_sync_stage(created=True):
            tickets._sla_recompute()
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
        res = super().write(vals)
        recompute = bool(SLA_TRIGGER_FIELDS & set(vals))
        if "stage_id" in vals:
            recompute |= self._sla_sync_stage(
                resumed_by=self.env.context.get("sla_resumed_by", "stage")
            )
        if "sla_priority_id" in vals and "sla_priority_overridden" not in vals:
            self._sla_sync_overridden()
        if recompute and not self.env.context.get("sla_defer_recompute"):
            self._sla_recompute()
        return res

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
        """Open or close SLA pauses and note resolution after a stage change.

        :return: whether the SLA of these tickets must be recomputed (left to the
            caller: once for all the changes)
        """
        now = fields.Datetime.now()
        # the caller recomputes once, after all of these changes
        deferred = self.with_context(sla_defer_recompute=True)
        Pause = deferred.env["support.sla.pause"].sudo()
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
                to_end[max(now, pause.date_start)] |= pause
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
            tickets.with_context(sla_defer_recompute=True).sudo().write(dict(vals))
        if to_create:
            Pause.create(to_create)
        return bool(
            to_end
            or to_create
            or any(SLA_TRIGGER_FIELDS.intersection(dict(vals)) for vals in to_write)
        )

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
                & Domain("sla_escalation_level", "<", 1),
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
            & Domain("sla_escalation_level", ">=", 2)
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
            if breached and level < 2:
                ticket._sla_activity(
                    leader or ticket.user_id,
                    self.env._("SLA breached: %(ticket)s", ticket=ticket.display_name),
                    self.env._(
                        "The %(targets)s target of this ticket was missed.",
                        targets=", ".join(labels[t] for t in breached),
                    ),
                )
                vals["sla_escalation_level"] = 2
            elif ticket.sla_status == "at_risk" and level < 1:
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
                vals["sla_escalation_level"] = 1
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
            while breached and level - 2 < len(contacts):
                contact = contacts[level - 2]
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
            done = not breached or level - 2 >= len(contacts)
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
