# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import split_every

from ..tools.sla_timeline import NoWorkingTimeError, from_ts, to_ts

_logger = logging.getLogger(__name__)

SLA_STATUS_SELECTION = [
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
    ("met", "Met"),
]
# Worst first: the ticket's overall status is the worst of its targets.
SLA_STATUS_ORDER = ("breached", "at_risk", "on_track", "met")
# Fields computed together by _compute_sla.
SLA_COMPUTED_FIELDS = (
    "sla_policy_id",
    "sla_response_deadline",
    "sla_response_risk_date",
    "sla_response_status",
    "sla_response_breached_date",
    "sla_resolution_deadline",
    "sla_resolution_risk_date",
    "sla_resolution_status",
    "sla_resolution_breached_date",
    "sla_paused_hours",
)
SLA_TARGETS = ("response", "resolution")
# Tickets handled per transaction by the scheduled actions.
SLA_CRON_BATCH = 500


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # -- triage ------------------------------------------------------------------
    priority = fields.Selection(compute="_compute_priority", store=True, readonly=False)
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
        store=True,
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
        index=True,
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
        help="Reported through the emergency channel (seed 000: the emergency phone "
        "number); some targets only apply then.",
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
        compute="_compute_sla",
        store=True,
    )
    sla_response_deadline = fields.Datetime(
        string="Response Deadline", compute="_compute_sla", store=True, index=True
    )
    sla_response_risk_date = fields.Datetime(
        string="Response At Risk From", compute="_compute_sla", store=True, index=True
    )
    sla_response_status = fields.Selection(
        selection=SLA_STATUS_SELECTION,
        string="Response SLA",
        compute="_compute_sla",
        store=True,
    )
    sla_response_breached_date = fields.Datetime(
        string="Response Breached On", compute="_compute_sla", store=True
    )
    sla_resolution_deadline = fields.Datetime(
        string="Resolution Deadline", compute="_compute_sla", store=True, index=True
    )
    sla_resolution_risk_date = fields.Datetime(
        string="Resolution At Risk From",
        compute="_compute_sla",
        store=True,
        index=True,
    )
    sla_resolution_status = fields.Selection(
        selection=SLA_STATUS_SELECTION,
        string="Resolution SLA",
        compute="_compute_sla",
        store=True,
    )
    sla_resolution_breached_date = fields.Datetime(
        string="Resolution Breached On", compute="_compute_sla", store=True
    )
    sla_paused_hours = fields.Float(
        string="Business Hours Paused",
        compute="_compute_sla",
        store=True,
        help="Business time the clocks stood still while waiting for the customer or "
        "a third party.",
    )
    sla_status = fields.Selection(
        selection=SLA_STATUS_SELECTION,
        string="SLA Status",
        compute="_compute_sla_status",
        store=True,
        index=True,
        help="The worst status of the ticket's targets.",
    )
    sla_next_deadline = fields.Datetime(
        string="SLA Deadline",
        compute="_compute_sla_status",
        store=True,
        help="Earliest deadline of a target not reached yet.",
    )
    # -- pauses, breaches, escalation ------------------------------------------
    sla_pause_ids = fields.One2many(
        comodel_name="support.sla.pause",
        inverse_name="ticket_id",
        string="SLA Pauses",
        copy=False,
    )
    sla_paused = fields.Boolean(
        string="SLA Paused", compute="_compute_sla_paused", store=True, index=True
    )
    sla_response_breach_logged = fields.Boolean(copy=False, readonly=True)
    sla_resolution_breach_logged = fields.Boolean(copy=False, readonly=True)
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
    sla_escalation_done = fields.Boolean(copy=False, readonly=True)
    sla_last_customer_message_date = fields.Datetime(
        string="Last Customer Message", readonly=True, copy=False
    )
    sla_autoclose_warned = fields.Boolean(copy=False, readonly=True)

    # ------------------------------------------------------------------
    # Triage
    # ------------------------------------------------------------------
    @api.depends("sla_priority_id")
    def _compute_priority(self):
        for ticket in self:
            if ticket.sla_priority_id:
                ticket.priority = ticket.sla_priority_id.helpdesk_priority
            elif not ticket.priority:
                ticket.priority = "1"

    @api.depends(
        "support_ticket_type_id.sla_priority_mode",
        "support_ticket_type_id.sla_fixed_priority_id",
        "support_contract_id.plan_id.sla_matrix_id",
        "support_contract_id.plan_id.sla_default_priority_id",
        "sla_row_value_id",
        "sla_column_value_id",
    )
    def _compute_sla_matrix_priority_id(self):
        Priority = self.env["support.priority"]
        for ticket in self:
            ticket_type = ticket.support_ticket_type_id
            plan = ticket.support_contract_id.plan_id
            priority = Priority
            if ticket_type.sla_priority_mode == "fixed":
                priority = ticket_type.sla_fixed_priority_id
            elif (
                plan.sla_matrix_id
                and ticket.sla_row_value_id
                and ticket.sla_column_value_id
            ):
                priority = plan.sla_matrix_id._get_priority(
                    ticket.sla_row_value_id, ticket.sla_column_value_id
                )
            ticket.sla_matrix_priority_id = priority or plan.sla_default_priority_id

    @api.depends("sla_matrix_priority_id")
    def _compute_sla_priority_id(self):
        for ticket in self:
            if not ticket.sla_priority_overridden:
                ticket.sla_priority_id = ticket.sla_matrix_priority_id

    @api.depends("sla_pause_ids.date_end")
    def _compute_sla_paused(self):
        for ticket in self:
            ticket.sla_paused = any(
                not pause.date_end for pause in ticket.sla_pause_ids
            )

    @api.depends("sla_response_status", "sla_resolution_status")
    def _compute_sla_status(self):
        for ticket in self:
            statuses = {ticket.sla_response_status, ticket.sla_resolution_status}
            ticket.sla_status = next(
                (status for status in SLA_STATUS_ORDER if status in statuses), False
            )
            open_deadlines = [
                deadline
                for deadline, status in (
                    (ticket.sla_response_deadline, ticket.sla_response_status),
                    (ticket.sla_resolution_deadline, ticket.sla_resolution_status),
                )
                if deadline and status in ("on_track", "at_risk")
            ]
            ticket.sla_next_deadline = min(open_deadlines, default=False)

    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------
    @api.depends(
        "support_contract_id.state",
        "support_contract_id.plan_id",
        "support_contract_id.addon_line_ids.addon_id",
        "sla_priority_id",
        "support_ticket_type_id",
        "sla_emergency",
        "sla_start_date",
        "sla_first_response_date",
        "sla_resolved_date",
        "sla_pause_ids.date_start",
        "sla_pause_ids.date_end",
        "sla_response_breach_logged",
        "sla_resolution_breach_logged",
        "company_id.sla_at_risk_percent",
    )
    def _compute_sla(self):
        results = self._sla_evaluate(fields.Datetime.now())
        for ticket in self:
            values = results[ticket.id]
            for fname in SLA_COMPUTED_FIELDS:
                ticket[fname] = values[fname]

    def _sla_get_policies(self):
        """{ticket id: the support.sla.policy that applies, or None}."""
        plans = self.support_contract_id.plan_id
        by_key = defaultdict(list)
        if plans:
            for policy in self.env["support.sla.policy"].search(
                [("plan_id", "in", plans.ids)]
            ):
                by_key[policy.plan_id.id, policy.priority_id.id].append(policy)
        result = {}
        for ticket in self:
            contract = ticket.support_contract_id
            candidates = [
                policy
                for policy in by_key.get(
                    (contract.plan_id.id, ticket.sla_priority_id.id), ()
                )
                if policy._matches(
                    contract.addon_ids,
                    ticket.support_ticket_type_id,
                    ticket.sla_emergency,
                )
            ]
            result[ticket.id] = max(
                candidates,
                key=lambda p: (p._specificity(), -p.sequence, -p.id),
                default=None,
            )
        return result

    def _sla_get_calendars(self):
        """Calendars the ticket's clocks run on: the plan's first, then those of
        the contract's add-ons that cover the ticket's priority and type."""
        self.ensure_one()
        contract = self.support_contract_id
        plan = contract.plan_id
        calendars = plan.calendar_id
        for addon in contract.addon_ids:
            if addon._sla_covers(
                self.sla_priority_id, self.support_ticket_type_id, plan
            ):
                calendars |= addon.calendar_id
        return calendars

    def _sla_applies(self):
        """Whether the ticket's contract gives it SLA clocks at all (hook)."""
        self.ensure_one()
        contract = self.support_contract_id
        return bool(
            contract.state == "active"
            and contract.plan_id.calendar_id
            and self.sla_priority_id
            and self.sla_start_date
        )

    def _sla_old_values(self):
        """Values stored before this computation (the targets reached or whose
        breach was recorded are kept as they are)."""
        self.ensure_one()
        return {fname: self[fname] for fname in SLA_COMPUTED_FIELDS}

    def _sla_is_frozen(self, target, old):
        """A target is kept as it is once reached, or once its breach is recorded
        (also when the ticket is reopened or triaged again later)."""
        status = old[f"sla_{target}_status"]
        if status == "met":
            return True
        return status == "breached" and (
            self[f"sla_{target}_breach_logged"] or self._sla_reached(target)
        )

    def _sla_reached(self, target):
        self.ensure_one()
        if target == "response":
            return self.sla_first_response_date
        return self.sla_resolved_date

    def _sla_evaluate(self, now):
        """Compute the SLA values of these tickets in one batch.

        Tickets are grouped by the set of calendars their clocks run on; each group
        builds one Timeline (one _work_intervals_batch per calendar and time range)
        and walks it for every ticket of the group.

        :return: {ticket id: {field name: value}} for SLA_COMPUTED_FIELDS
        """
        now_ts = to_ts(now)
        policies = self._sla_get_policies()
        result = {}
        groups = defaultdict(list)
        for ticket in self:
            old = (
                ticket._sla_old_values()
                if ticket.id
                else dict.fromkeys(SLA_COMPUTED_FIELDS, False)
            )
            policy = policies.get(ticket.id)
            if not policy or not ticket._sla_applies():
                result[ticket.id] = ticket._sla_values_without_clock(old)
                continue
            groups[tuple(ticket._sla_get_calendars().ids)].append((ticket, policy, old))
        Calendar = self.env["resource.calendar"]
        for calendar_ids, items in groups.items():
            starts = [ticket.sla_start_date for ticket, _policy, _old in items]
            timeline = Calendar.browse(calendar_ids)._sla_timeline(
                min(starts), max(starts)
            )
            for ticket, policy, old in items:
                try:
                    result[ticket.id] = ticket._sla_values_on_timeline(
                        policy, timeline, now_ts, old
                    )
                except NoWorkingTimeError:
                    _logger.warning(
                        "Ticket %s: no working time on calendars %s within three "
                        "years; no SLA deadline",
                        ticket.id,
                        calendar_ids,
                    )
                    result[ticket.id] = ticket._sla_values_without_clock(old)
        return result

    def _sla_values_without_clock(self, old):
        values = dict.fromkeys(SLA_COMPUTED_FIELDS, False)
        values["sla_paused_hours"] = 0.0
        for target in SLA_TARGETS:
            if self._sla_is_frozen(target, old):
                for suffix in ("deadline", "risk_date", "status", "breached_date"):
                    fname = f"sla_{target}_{suffix}"
                    values[fname] = old[fname]
        return values

    def _sla_values_on_timeline(self, policy, timeline, now_ts, old):
        self.ensure_one()
        share = (self.company_id.sla_at_risk_percent or 75.0) / 100.0
        start = to_ts(self.sla_start_date)
        pauses = [
            (to_ts(pause.date_start), to_ts(pause.date_end) if pause.date_end else None)
            for pause in self.sla_pause_ids
        ]
        values = {"sla_policy_id": policy.id}
        response_deadline = self._sla_target_values(
            values,
            "response",
            policy._response_target(),
            timeline,
            start,
            pauses,
            now_ts,
            share,
            old,
        )
        resolution_start = start
        if self.support_contract_id.plan_id.sla_resolution_start == "response":
            reached = self.sla_first_response_date
            resolution_start = (
                to_ts(reached) if reached else (response_deadline or start)
            )
        self._sla_target_values(
            values,
            "resolution",
            policy._resolution_target(),
            timeline,
            resolution_start,
            pauses,
            now_ts,
            share,
            old,
        )
        values["sla_paused_hours"] = round(
            timeline.paused_work(start, pauses, now_ts) / 3600.0, 2
        )
        return values

    def _sla_target_values(
        self, values, target, spec, timeline, start, pauses, now_ts, share, old
    ):
        """Fill values for one target; return its deadline (epoch seconds) or None."""
        prefix = f"sla_{target}_"
        if self._sla_is_frozen(target, old):
            for suffix in ("deadline", "risk_date", "status", "breached_date"):
                values[prefix + suffix] = old[prefix + suffix]
            deadline = old[prefix + "deadline"]
            return to_ts(deadline) if deadline else None
        due = timeline.deadline(start, spec, pauses, now_ts)
        if due is None:
            for suffix in ("deadline", "risk_date", "status", "breached_date"):
                values[prefix + suffix] = False
            return None
        risk = timeline.risk_moment(start, due, share, pauses, now_ts)
        reached = self._sla_reached(target)
        due = float(round(due))
        if reached:
            status = "met" if to_ts(reached) <= due else "breached"
        elif now_ts >= due:
            status = "breached"
        elif now_ts >= risk:
            status = "at_risk"
        else:
            status = "on_track"
        values[prefix + "deadline"] = from_ts(due)
        values[prefix + "risk_date"] = from_ts(risk)
        values[prefix + "status"] = status
        values[prefix + "breached_date"] = (
            from_ts(due) if status == "breached" else False
        )
        return due

    def _sla_mark_to_recompute(self):
        """Have the SLA fields of these tickets recomputed (at the next flush)."""
        if not self:
            return
        for fname in SLA_COMPUTED_FIELDS:
            self.env.add_to_compute(self._fields[fname], self)

    def _sla_recompute(self):
        """Recompute the SLA fields of these tickets now and store them."""
        self._sla_mark_to_recompute()
        self.flush_recordset(list(SLA_COMPUTED_FIELDS) + ["sla_status"])

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        for ticket, vals in zip(tickets, vals_list, strict=True):
            if vals.get("sla_priority_id") and (
                ticket.sla_priority_id != ticket.sla_matrix_priority_id
            ):
                ticket.sla_priority_overridden = True
        tickets._sla_sync_stage()
        return tickets

    def write(self, vals):
        res = super().write(vals)
        if "stage_id" in vals:
            self._sla_sync_stage(
                resumed_by=self.env.context.get("sla_resumed_by", "stage")
            )
        if "sla_priority_id" in vals and "sla_priority_overridden" not in vals:
            for ticket in self:
                overridden = ticket.sla_priority_id != ticket.sla_matrix_priority_id
                if ticket.sla_priority_overridden != overridden:
                    ticket.sla_priority_overridden = overridden
        return res

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
    def _sla_sync_stage(self, resumed_by="stage"):
        """Open or close SLA pauses and note resolution after a stage change."""
        now = fields.Datetime.now()
        Pause = self.env["support.sla.pause"].sudo()
        open_pauses = {
            pause.ticket_id.id: pause
            for pause in Pause.search(
                [("ticket_id", "in", self.ids), ("date_end", "=", False)]
            )
        }
        to_create = []
        for ticket in self:
            stage = ticket.stage_id
            pause = open_pauses.get(ticket.id)
            if pause and pause.reason != stage.sla_pause:
                pause.write(
                    {"date_end": max(now, pause.date_start), "resumed_by": resumed_by}
                )
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
            if ticket.sla_autoclose_warned:
                vals["sla_autoclose_warned"] = False
            if vals:
                ticket.sudo().write(vals)
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
            if author and any(not user.share for user in author.user_ids):
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
        conditions = []
        for target in SLA_TARGETS:
            conditions.append(
                Domain(f"sla_{target}_status", "=", "on_track")
                & Domain(f"sla_{target}_risk_date", "<=", now)
            )
            conditions.append(
                Domain(f"sla_{target}_status", "in", ("on_track", "at_risk"))
                & Domain(f"sla_{target}_deadline", "<=", now)
            )
        return self._sla_open_domain() & Domain.OR(conditions)

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
    def _cron_sla_check(self, batch_size=SLA_CRON_BATCH):
        """Refresh SLA statuses, warn before breaches, record breaches, escalate.

        Works in batches of `batch_size` tickets, committing after each one
        (ir.cron._commit_progress), so that 100,000 open tickets never make one
        long transaction; an interrupted run resumes where it stopped.
        """
        now = fields.Datetime.now()
        Cron = self.env["ir.cron"]
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
        Cron._commit_progress(remaining=len(due_ids))
        for batch in split_every(batch_size, due_ids, list):
            tickets = self.browse(batch)
            tickets._sla_recompute()
            tickets.filtered_domain(notify_domain)._sla_notify(now)
            if not Cron._commit_progress(len(batch)):
                return
        # statuses changed by other events (a late reply, a reopened ticket)
        pending = self.search(notify_domain, order="id").ids
        for batch in split_every(batch_size, pending, list):
            self.browse(batch)._sla_notify(now)
            if not Cron._commit_progress(0):
                return
        escalate = self.search(escalate_domain, order="id").ids
        for batch in split_every(batch_size, escalate, list):
            self.browse(batch)._sla_escalate(now)
            if not Cron._commit_progress(0):
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
                Breach.create(
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

    def _sla_escalate(self, now):
        """Ask the contract's escalation contacts, in order, each after its delay
        since the (first) breach."""
        for ticket in self:
            contacts = ticket.support_contract_id.sla_escalation_ids.sorted(
                lambda line: (line.sequence, line.id)
            )
            index = ticket.sla_escalation_level - 2
            breached = [
                date
                for date in (
                    ticket.sla_response_breached_date,
                    ticket.sla_resolution_breached_date,
                )
                if date
            ]
            if index >= len(contacts) or not breached:
                ticket.sudo().sla_escalation_done = True
                continue
            contact = contacts[index]
            if now < min(breached) + timedelta(hours=contact.delay_hours):
                continue
            ticket._sla_activity(
                contact.user_id,
                self.env._(
                    "SLA escalation (%(role)s): %(ticket)s",
                    role=contact.role,
                    ticket=ticket.display_name,
                ),
                self.env._(
                    "This ticket of %(customer)s missed its SLA target on %(date)s "
                    "(UTC) and is still open.",
                    customer=ticket.support_contract_id.partner_id.display_name,
                    date=min(breached),
                ),
            )
            ticket.sudo().write(
                {
                    "sla_escalation_level": ticket.sla_escalation_level + 1,
                    "sla_escalation_done": index + 1 >= len(contacts),
                }
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
        tickets the customer did not confirm (seed 001)."""
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
        for ticket in self:
            since = ticket._sla_waiting_since()
            if now >= since + timedelta(days=days):
                ticket._sla_close_with_notice(notice)
            elif (
                warn
                and not ticket.sla_autoclose_warned
                and now >= since + timedelta(days=days - warn)
            ):
                ticket.message_post_with_source(
                    warning,
                    message_type="auto_comment",
                    subtype_xmlid="mail.mt_comment",
                )
                ticket.sudo().sla_autoclose_warned = True

    def _sla_autoclose_resolved(self, now, confirm):
        notice = self.env.ref("support_sla.mail_template_sla_autoclose_unconfirmed")
        for ticket in self:
            if now >= ticket._sla_waiting_since() + timedelta(days=confirm):
                ticket._sla_close_with_notice(notice)

    def _sla_close_with_notice(self, template):
        self.ensure_one()
        stage = self._sla_close_stage()
        if not stage:
            _logger.warning("Ticket %s: no closed stage to auto-close it", self.id)
            return
        self.sudo().write({"stage_id": stage.id})
        self.message_post_with_source(
            template, message_type="auto_comment", subtype_xmlid="mail.mt_comment"
        )
