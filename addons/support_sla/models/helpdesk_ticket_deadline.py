# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The SLA values of a ticket (deadlines, risk dates, statuses, paused hours)
as one stored compute: the ticket's inputs and the rules they need, evaluated
for a whole batch by the pure-Python timeline evaluator (tools/); what the SLA
follows outside the ticket marks the tickets with add_to_compute."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.support_contract.tools.log_guard import guarded_logger

from ..tools.sla_evaluator import (
    TARGET_SUFFIXES,
    Rules,
    TicketFacts,
    evaluate,
)
from ..tools.sla_timeline import from_ts, to_ts
from .helpdesk_ticket import (
    SLA_FIELDS,
    SLA_TARGETS,
    SLA_TICKET_INPUTS,
    _same,
    _ts,
)

_logger = guarded_logger(__name__)


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

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
        cache = self.env.cache
        sla_fields = [self._fields[fname] for fname in SLA_FIELDS]
        for index, ticket in enumerate(self):
            values = results[index]
            old = stored[index]
            if old is None or not ticket.id:
                # a new ticket (creation) or one in a form: every value. While
                # its compute runs (its fields protected) an assignment only
                # puts the value in the new record's cache: done directly, 15
                # assignments cost a new ticket about 290 Python calls more
                if self.env.is_protected(sla_fields[0], ticket):
                    for field in sla_fields:
                        cache.set(
                            ticket,
                            field,
                            field.convert_to_cache(values[field.name], ticket),
                        )
                else:
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
        caches = (
            [self._fields[fname]._get_cache(self.env) for fname in SLA_FIELDS]
            if saved
            else []
        )
        contracts = {}
        facts = []
        stored = []
        for index, (origin_id, inputs) in enumerate(self._sla_inputs()):
            contract_id = inputs["support_contract_id"]
            contract = contracts.get(contract_id)
            if contract is None:
                # ids from a per-process cache: no query for a ticket created in
                # its own transaction
                contract = contracts[contract_id] = Contract._sla_cached_contract(
                    contract_id or 0
                )
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
                    company_id=inputs["company_id"],
                    active=contract.state == "active",
                    plan_id=contract.plan_id,
                    calendar_id=contract.calendar_id,
                    resolution_start=contract.resolution_start,
                    priority_id=inputs["sla_priority_id"],
                    type_id=inputs["support_ticket_type_id"],
                    emergency=bool(inputs["sla_emergency"]),
                    addon_ids=contract.addon_ids,
                    # an emergency call is a new report: its targets count
                    # from the call
                    start=_ts(
                        inputs["sla_emergency_call_date"] or inputs["sla_start_date"]
                    ),
                    first_response=_ts(inputs["sla_first_response_date"]),
                    resolved=_ts(inputs["sla_resolved_date"]),
                    logged={
                        target: bool(inputs[f"sla_{target}_breach_logged"])
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

    def _sla_inputs(self):
        """(origin id, {input: value}) of these tickets, SLA_TICKET_INPUTS as the
        evaluator reads them (ids, datetimes, booleans; False/None when empty).

        Saved tickets (a recomputation) read the ORM's cache once their computed
        inputs are up to date and the columns fetched (_sla_facts): reading ten
        fields of 10,000 tickets through the records took 1.1 s of a recompute of
        1.6 s for the facts (benchmark: recompute of 10,000 tickets). New tickets
        (creation, a form) read through the records.
        """
        # Field._get_cache is private ORM API (as for the stored values above)
        if all(self._ids):
            # pending computations of the computed inputs (the priority follows
            # the type, the contract the partner): the cache must hold their values
            self._recompute_recordset(
                [fname for fname in SLA_TICKET_INPUTS if self._fields[fname].compute]
            )
            caches = [
                (fname, self._fields[fname]._get_cache(self.env))
                for fname in SLA_TICKET_INPUTS
            ]
            for ticket_id in self._ids:
                yield (
                    ticket_id,
                    {fname: cache[ticket_id] or False for fname, cache in caches},
                )
            return
        # An input without default nor compute that a ticket being created was not
        # given is empty: read from the new record's cache, not asked of
        # default_get() one field at a time (the create values hold the defaults)
        plain = [
            (fname, self._fields[fname]._get_cache(self.env))
            for fname in SLA_TICKET_INPUTS
            if not (self._fields[fname].compute or self._fields[fname].default)
        ]
        for ticket in self:
            if ticket._origin:
                # a saved ticket in a form: what is not in the form is its own
                empty = {}
            else:
                empty = {
                    fname: False for fname, cache in plain if ticket.id not in cache
                }
            yield (
                ticket._origin.id,
                {
                    fname: value.id if isinstance(value, models.BaseModel) else value
                    for fname in SLA_TICKET_INPUTS
                    for value in (empty[fname] if fname in empty else ticket[fname],)
                },
            )

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

        def timeline_for(entries, first_start, last_start):
            return Calendar._sla_timeline_of(
                entries, from_ts(first_start), from_ts(last_start)
            )

        failed = []
        result = evaluate(
            facts,
            self._sla_rules(facts),
            timeline_for,
            to_ts(now),
            lambda facts, _error: failed.append(facts),
        )
        if failed:
            # one line per batch, not per ticket: the tickets show it (SLA Problem)
            _logger.warning(
                "%s ticket(s): their availability calendars have no working time "
                "within three years; no SLA deadline (flagged as SLA Problem)",
                len(failed),
            )
        return result

    def _sla_calendars(self):
        """Calendar entries this ticket's clocks run on (the plan's calendar id
        first; see AddonRule.timeline_entry)."""
        self.ensure_one()
        contract = self.support_contract_id
        plan = contract.plan_id
        _rules, highest = self.env["support.plan"]._sla_cached_rules(plan.id)
        entries = [plan.calendar_id.id]
        for addon in contract.addon_line_ids.addon_id:
            rule = self.env["support.addon"]._sla_cached_rule(addon.id)
            if rule.covers(
                self.sla_priority_id.id, self.support_ticket_type_id.id, highest
            ):
                entries.append(rule.timeline_entry())
        return tuple(entries)

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
            timeline = self.env["resource.calendar"]._sla_timeline_of(
                ticket._sla_calendars(), now - timedelta(days=60), now
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
