# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The scheduled SLA check of open tickets: statuses refreshed in batches,
warnings before a breach, breaches recorded, and escalation from the assignee
to the team leader and the contract's escalation contacts."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import format_datetime, split_every

from odoo.addons.support_contract.tools.row_locks import lock_free_rows

from .helpdesk_ticket import (
    ESCALATION_ASSIGNEE,
    ESCALATION_CONTACTS,
    ESCALATION_LEADER,
    SLA_CRON_BATCH,
    SLA_TARGETS,
)


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

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

        due_domain = self._sla_due_domain(now)
        due_ids = self.search(due_domain, order="id").ids
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
            tickets = self.browse(batch)._sla_take(due_domain)
            tickets._sla_recompute()
            tickets.filtered_domain(notify_domain)._sla_notify(now)
            if not progress(len(batch)):
                return
        # statuses changed by other events (a late reply, a reopened ticket)
        pending = self.search(notify_domain, order="id").ids
        for batch in split_every(batch_size, pending, list):
            self.browse(batch)._sla_take(notify_domain)._sla_notify(now)
            if not progress(0):
                return
        escalate = self.search(escalate_domain, order="id").ids
        for batch in split_every(batch_size, escalate, list):
            self.browse(batch)._sla_take(escalate_domain)._sla_escalate(now)
            if not progress(0):
                return

    def _sla_take(self, domain):
        """The tickets of this batch the scheduled check may handle now: those no
        other transaction holds (another worker running the check, a user saving
        the ticket), locked until this batch is committed, and still matching
        `domain` (another worker may have handled them since they were found).
        Two workers running the check at once share the tickets quietly, instead
        of waiting for each other's locks and failing, or warning twice."""
        # the batch's first statement (after the previous batch's commit): the
        # rows are read as the other worker committed them
        return lock_free_rows(self, "NO KEY UPDATE").filtered_domain(domain)

    def _sla_local_time(self, user, value):
        """`value` (UTC) as `user` reads it in an activity: in the user's time
        zone, else the zone of the contract's calendar, with the zone named
        ("11/02/2026 06:00:00 PM (Europe/Helsinki)")."""
        self.ensure_one()
        tz = self._sla_reader_zone(user)
        text = format_datetime(
            self.env, value, tz=tz, dt_format="medium", lang_code=user.lang
        )
        return f"{text} ({tz})"

    def _sla_reader_zone(self, user):
        """Time zone `user` reads this ticket's times in: the user's, else the
        contract's calendar's, else the company's calendar's, else UTC."""
        self.ensure_one()
        # sudo: the zone of the customer's calendar, whoever runs the check
        return (
            user.tz
            or self.sudo().support_contract_id.plan_id.calendar_id.tz
            or self.sudo().company_id.resource_calendar_id.tz
            or "UTC"
        )

    def _sla_activity(self, user, summary, note):
        """A to-do for `user`, due today in the user's zone (the check at 00:30
        Amsterdam on 1 April, 22:30 UTC on 31 March, makes it due on 1 April)."""
        self.ensure_one()
        if not user:
            return False
        today = fields.Date.context_today(
            self.with_context(tz=self._sla_reader_zone(user))
        )
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=today,
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
                user = ticket.user_id or leader
                ticket._sla_activity(
                    user,
                    self.env._("SLA at risk: %(ticket)s", ticket=ticket.display_name),
                    self.env._(
                        "The %(targets)s target is due %(deadline)s.",
                        targets=", ".join(at_risk),
                        deadline=ticket._sla_local_time(user, ticket.sla_next_deadline),
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
                        "%(date)s and is still open.",
                        customer=ticket.support_contract_id.partner_id.display_name,
                        date=ticket._sla_local_time(contact.user_id, min(breached)),
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
