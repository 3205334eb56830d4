# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SLA values of many tickets at once, from plain facts (no ORM in the loop).

helpdesk.ticket gathers the facts (through the ORM for a few records being
computed, through one SQL query for a bulk recomputation), the rules (policies,
add-on coverage) and a timeline factory; :func:`evaluate` groups the tickets by the
set of calendars their clocks run on, builds one Timeline per group and walks it
for every ticket.
"""

from collections import defaultdict
from typing import NamedTuple

from .sla_timeline import NoWorkingTimeError, from_ts, to_ts

TARGETS = ("response", "resolution")
STATUS_ORDER = ("breached", "at_risk", "on_track", "met")
TARGET_SUFFIXES = ("deadline", "risk_date", "status", "breached_date")


class TicketFacts(NamedTuple):
    """What the SLA of one ticket depends on.

    Times are epoch seconds (or None); ``old`` maps each target to its stored
    values in TARGET_SUFFIXES order (deadline, risk date, status, breached date),
    the dates as naive UTC datetimes or False; ``logged`` maps each target to
    whether its breach was recorded.
    """

    id: object
    company_id: int
    active: bool
    plan_id: int
    calendar_id: int
    resolution_start: str
    priority_id: int
    type_id: int
    emergency: bool
    addon_ids: tuple
    start: float
    first_response: float
    resolved: float
    logged: dict
    old: dict
    pauses: list


class PolicyRule(NamedTuple):
    id: int
    plan_id: int
    priority_id: int
    addon_id: int
    type_ids: frozenset
    emergency_only: bool
    response: tuple
    resolution: tuple

    def matches(self, addon_ids, type_id, emergency):
        if self.addon_id and self.addon_id not in addon_ids:
            return False
        if self.emergency_only and not emergency:
            return False
        return not self.type_ids or type_id in self.type_ids


class AddonRule(NamedTuple):
    """An add-on's coverage; ``window`` is how its calendar widens the plan's:
    ``every_day`` (its calendar as it is), ``working_days`` (more hours on the days
    the plan's calendar works) or ``days_off`` (the days the plan's calendar is
    off: weekends and its holidays)."""

    id: int
    calendar_id: int
    priority_ids: frozenset
    type_ids: frozenset
    critical_only: bool
    window: str = "every_day"

    def timeline_entry(self):
        """How the add-on's calendar enters a timeline's calendar set: its id, or
        (its id, window) when it depends on the plan's calendar."""
        if self.window == "every_day":
            return self.calendar_id
        return (self.calendar_id, self.window)

    def covers(self, priority_id, type_id, highest_priority_id):
        if not self.calendar_id:
            return False
        if self.type_ids and type_id not in self.type_ids:
            return False
        if self.priority_ids and priority_id not in self.priority_ids:
            return False
        if self.critical_only:
            # honoured also beside a list of priorities
            return bool(priority_id) and priority_id == highest_priority_id
        return True


class Rules(NamedTuple):
    """policies: {(plan id, priority id): [PolicyRule], most specific first};
    addons: {addon id: AddonRule}; highest: {plan id: highest priority id of its
    matrix}; share: {company id: at-risk share 0-1}."""

    policies: dict
    addons: dict
    highest: dict
    share: dict


def empty_values():
    values = {"sla_policy_id": False, "sla_paused_hours": 0.0, "sla_problem": False}
    for target in TARGETS:
        for suffix in TARGET_SUFFIXES:
            values[f"sla_{target}_{suffix}"] = False
    return values


def reached_at(facts, target):
    """When the target was reached, or None. A response before the clock start
    does not answer it: the clock starts at an emergency call (a new report), and
    only a reply after the call answers that."""
    if target == "response":
        first = facts.first_response
        return first if first and (not facts.start or first >= facts.start) else None
    return facts.resolved


def is_frozen(facts, target):
    """A target is kept as it is once reached, or once its breach is recorded.
    A met target runs again when what reached it no longer does: a reopened
    ticket's resolution, a response given before an emergency call."""
    status = facts.old[target][2]
    reached = reached_at(facts, target)
    if status == "met":
        if target == "resolution":
            return bool(reached)
        return bool(reached) or not facts.first_response
    return status == "breached" and bool(facts.logged[target] or reached)


def keep_frozen(values, facts):
    for target in TARGETS:
        if is_frozen(facts, target):
            for suffix, value in zip(TARGET_SUFFIXES, facts.old[target], strict=True):
                values[f"sla_{target}_{suffix}"] = value


def overall(values):
    """The ticket's overall status, next deadline and next check, from its targets'
    values: the next check is when a status changes next by the clock alone (a
    target on track turns at risk, one at risk is breached)."""
    statuses = {values[f"sla_{target}_status"] for target in TARGETS}
    status = next((s for s in STATUS_ORDER if s in statuses), False)
    deadlines = []
    checks = []
    for target in TARGETS:
        deadline = values[f"sla_{target}_deadline"]
        target_status = values[f"sla_{target}_status"]
        if not deadline or target_status not in ("on_track", "at_risk"):
            continue
        deadlines.append(deadline)
        risk = values[f"sla_{target}_risk_date"]
        checks.append(risk if target_status == "on_track" and risk else deadline)
    return status, min(deadlines, default=False), min(checks, default=False)


def _target(values, facts, target, spec, timeline, start, now_ts, share):
    """Fill one target's values; return its deadline (epoch seconds) or None."""
    prefix = f"sla_{target}_"
    if is_frozen(facts, target):
        old = facts.old[target]
        for suffix, value in zip(TARGET_SUFFIXES, old, strict=True):
            values[prefix + suffix] = value
        return to_ts(old[0]) if old[0] else None
    due = timeline.deadline(start, spec, facts.pauses, now_ts)
    if due is None:
        return None
    due = float(round(due))
    risk = timeline.risk_moment(start, due, share, facts.pauses, now_ts)
    reached = reached_at(facts, target)
    if reached:
        status = "met" if reached <= due else "breached"
    elif now_ts >= due:
        status = "breached"
    elif now_ts >= risk:
        status = "at_risk"
    else:
        status = "on_track"
    values[prefix + "deadline"] = from_ts(due)
    values[prefix + "risk_date"] = from_ts(risk)
    values[prefix + "status"] = status
    values[prefix + "breached_date"] = from_ts(due) if status == "breached" else False
    return due


def evaluate(facts_list, rules, timeline_for, now_ts, on_error=None):
    """SLA values of every ticket.

    :param facts_list: iterable of TicketFacts
    :param rules: Rules
    :param timeline_for: callable (calendar entries tuple, first start ts, last
        start ts) -> Timeline; the first entry is the plan's calendar id, the others
        add-on calendars (see AddonRule.timeline_entry)
    :param now_ts: the current time, epoch seconds
    :param on_error: callable (facts, exception) called when a calendar set has no
        working time
    :return: {ticket id: {field name: value}} including sla_status,
        sla_next_deadline, sla_next_check, sla_paused and sla_problem (why a ticket
        a running contract covers has no SLA: ``no_calendar``, ``no_priority``,
        ``no_policy`` or ``no_working_time``; False otherwise)
    """
    result = {}
    groups = defaultdict(list)
    policy_memo = {}
    calendar_memo = {}
    for facts in facts_list:
        values = empty_values()
        result[facts.id] = values
        if not (
            facts.active and facts.calendar_id and facts.priority_id and facts.start
        ):
            keep_frozen(values, facts)
            # a running contract covers the ticket: its SLA is missing, not void
            if facts.active and facts.start:
                values["sla_problem"] = (
                    "no_calendar" if not facts.calendar_id else "no_priority"
                )
            continue
        key = (
            facts.plan_id,
            facts.priority_id,
            facts.type_id,
            facts.emergency,
            facts.addon_ids,
        )
        if key not in policy_memo:
            policy_memo[key] = next(
                (
                    rule
                    for rule in rules.policies.get(
                        (facts.plan_id, facts.priority_id), ()
                    )
                    if rule.matches(facts.addon_ids, facts.type_id, facts.emergency)
                ),
                None,
            )
        policy = policy_memo[key]
        if policy is None:
            keep_frozen(values, facts)
            values["sla_problem"] = "no_policy"
            continue
        if key not in calendar_memo:
            calendars = [facts.calendar_id]
            highest = rules.highest.get(facts.plan_id)
            for addon_id in facts.addon_ids:
                addon = rules.addons.get(addon_id)
                if addon and addon.covers(facts.priority_id, facts.type_id, highest):
                    entry = addon.timeline_entry()
                    if entry not in calendars:
                        calendars.append(entry)
            calendar_memo[key] = tuple(calendars)
        groups[calendar_memo[key]].append((facts, policy))
    for calendar_ids, items in groups.items():
        starts = [facts.start for facts, _policy in items]
        timeline = timeline_for(calendar_ids, min(starts), max(starts))
        for facts, policy in items:
            values = result[facts.id]
            try:
                _evaluate_one(values, facts, policy, timeline, now_ts, rules)
            except NoWorkingTimeError as error:
                values.update(empty_values())
                keep_frozen(values, facts)
                values["sla_problem"] = "no_working_time"
                if on_error:
                    on_error(facts, error)
    for facts in facts_list:
        values = result[facts.id]
        (
            values["sla_status"],
            values["sla_next_deadline"],
            values["sla_next_check"],
        ) = overall(values)
        values["sla_paused"] = any(end is None for _start, end in facts.pauses)
    return result


def _evaluate_one(values, facts, policy, timeline, now_ts, rules):
    share = rules.share.get(facts.company_id, 0.75)
    values["sla_policy_id"] = policy.id
    response_due = _target(
        values,
        facts,
        "response",
        policy.response,
        timeline,
        facts.start,
        now_ts,
        share,
    )
    resolution_start = facts.start
    if facts.resolution_start == "response":
        resolution_start = reached_at(facts, "response") or response_due or facts.start
    _target(
        values,
        facts,
        "resolution",
        policy.resolution,
        timeline,
        resolution_start,
        now_ts,
        share,
    )
    if facts.pauses:
        values["sla_paused_hours"] = round(
            timeline.paused_work(facts.start, facts.pauses, now_ts) / 3600.0, 2
        )
