# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import html2plaintext

from odoo.addons.base.models.ir_cron import IrCron
from odoo.addons.support_contract.tools.row_locks import lock_free_rows

from .common import SlaTicketCommon, ams, utc


@tagged("post_install", "-at_install")
class TestSlaCron(SlaTicketCommon):
    """Warnings, breaches, escalation and auto-close by the scheduled actions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.senior = cls.agent.copy(
            {"name": "Senior Partner", "login": "sla_senior", "email": "s@x.example"}
        )
        cls.managing = cls.agent.copy(
            {
                "name": "Managing Partner",
                "login": "sla_managing",
                "email": "m@x.example",
            }
        )
        cls.contract_light.sla_escalation_ids = [
            Command.create(
                {"role": "Senior partner", "user_id": cls.senior.id, "delay_hours": 2}
            ),
            Command.create(
                {
                    "role": "Managing partner",
                    "user_id": cls.managing.id,
                    "delay_hours": 4,
                    "sequence": 20,
                }
            ),
        ]

    def _run_check(self, batch_size=500):
        """Run the SLA cron with commits recorded instead of made."""
        calls = []

        def fake_commit(cron_self, processed=0, *, remaining=None, deactivate=False):
            calls.append((processed, remaining))
            return float("inf")

        with patch.object(IrCron, "_commit_progress", fake_commit):
            self.env["helpdesk.ticket"]._cron_sla_check(batch_size=batch_size)
        return calls

    def _activities(self, ticket):
        return {(a.user_id, a.summary.split(":")[0]) for a in ticket.activity_ids}

    def _high_ticket(self):
        ticket = self._ticket()
        self._triage(ticket, self.impact.value_ids[1], self.urgency.value_ids[0])
        return ticket

    def test_activity_deadlines_in_the_readers_zone(self):
        """The at-risk and escalation activities give the time in the zone of the
        user they are for (else the contract calendar's), never in UTC."""
        self.agent.tz = "Europe/Helsinki"
        self.senior.tz = False
        with freeze_time(ams(2026, 11, 2, 9)) as frozen:
            ticket = self._high_ticket()
            frozen.move_to(ams(2026, 11, 2, 15, 30))
            self._run_check()
            # response due Mon 17:00 CET = 18:00 in Helsinki
            note = html2plaintext(ticket.activity_ids.note)
            self.assertIn("11/02/2026 06:00:00 PM (Europe/Helsinki)", note)
            self.assertNotIn("UTC", note)
            frozen.move_to(ams(2026, 11, 2, 19, 1))
            self._run_check()
            note = html2plaintext(
                ticket.activity_ids.filtered(lambda a: a.user_id == self.senior).note
            )
            # breached Mon 17:00 in the calendar's zone (Amsterdam)
            self.assertIn("11/02/2026 05:00:00 PM (Europe/Amsterdam)", note)
            self.assertNotIn("UTC", note)

    def test_activity_due_today_in_the_readers_zone(self):
        """A check at 00:30 Amsterdam on 1 April (22:30 UTC on 31 March) gives an
        assignee in Amsterdam a to-do due on 1 April, not on 31 March (shown as
        overdue)."""
        self.agent.tz = "Europe/Amsterdam"
        ticket = self._ticket().with_context(tz="UTC")
        with freeze_time("2026-03-31 22:30:00"):
            ticket._sla_activity(self.agent, "SLA at risk", "due soon")
        self.assertEqual(ticket.activity_ids.date_deadline, date(2026, 4, 1))

    def test_warn_breach_and_escalate(self):
        with freeze_time(ams(2026, 11, 2, 9)) as frozen:
            ticket = self._high_ticket()
            # High: response due Mon 17:00 CET, at risk from 15:00 CET (75 % of 8 h)
            self.assertEqual(ticket.sla_next_check, utc(2026, 11, 2, 14))
            frozen.move_to(ams(2026, 11, 2, 14, 30))
            self._run_check()
            self.assertFalse(ticket.activity_ids)
            self.assertEqual(ticket.sla_response_status, "on_track")
            # 15:30: at risk, the assignee is warned
            frozen.move_to(ams(2026, 11, 2, 15, 30))
            self._run_check()
            self.assertEqual(ticket.sla_response_status, "at_risk")
            self.assertEqual(ticket.sla_escalation_level, 1)
            self.assertEqual(self._activities(ticket), {(self.agent, "SLA at risk")})
            self.assertEqual(ticket.sla_next_check, utc(2026, 11, 2, 16))
            # a second run changes nothing
            self._run_check()
            self.assertEqual(len(ticket.activity_ids), 1)
            # 17:30: breached, recorded once, the team leader is asked to act
            frozen.move_to(ams(2026, 11, 2, 17, 30))
            self._run_check()
            self._run_check()
            self.assertEqual(ticket.sla_response_status, "breached")
            self.assertEqual(ticket.sla_response_breached_date, utc(2026, 11, 2, 16))
            self.assertEqual(ticket.sla_escalation_level, 2)
            breach = ticket.sla_breach_ids
            self.assertEqual(len(breach), 1)
            self.assertEqual(breach.target, "response")
            self.assertEqual(breach.deadline, utc(2026, 11, 2, 16))
            self.assertEqual(breach.contract_id, self.contract_light)
            self.assertEqual(breach.priority_id, self.p_high)
            self.assertIn((self.leader, "SLA breached"), self._activities(ticket))
            # breached at 17:00: the senior partner after 2 h (19:00), the managing
            # partner after 4 h (21:00)
            frozen.move_to(ams(2026, 11, 2, 18, 59))
            self._run_check()
            self.assertEqual(ticket.sla_escalation_level, 2)
            frozen.move_to(ams(2026, 11, 2, 19, 1))
            self._run_check()
            self.assertEqual(ticket.sla_escalation_level, 3)
            self.assertIn(
                (self.senior, "SLA escalation (Senior partner)"),
                self._activities(ticket),
            )
            frozen.move_to(ams(2026, 11, 2, 21, 1))
            self._run_check()
            self._run_check()
            self.assertEqual(ticket.sla_escalation_level, 4)
            self.assertTrue(ticket.sla_escalation_done)
            self.assertIn(
                (self.managing, "SLA escalation (Managing partner)"),
                self._activities(ticket),
            )
            self.assertEqual(len(ticket.activity_ids), 4)
            # reopened/late reply: the recorded breach stays
            self._reply(ticket, self.agent.partner_id)
            self.assertEqual(ticket.sla_response_status, "breached")
            self.assertEqual(len(ticket.sla_breach_ids), 1)

    def test_breach_recorded_by_hand_before_the_check(self):
        """A manager recorded the breach before the scheduled action: the check
        does not try a second one (the database refuses it) and notes it."""
        with freeze_time(ams(2026, 11, 2, 9)) as frozen:
            ticket = self._high_ticket()
            frozen.move_to(ams(2026, 11, 2, 17, 30))
            ticket._sla_recompute()
            self.assertEqual(ticket.sla_response_status, "breached")
            by_hand = self.env["support.sla.breach"].create(
                {
                    "ticket_id": ticket.id,
                    "contract_id": ticket.support_contract_id.id,
                    "target": "response",
                    "deadline": ticket.sla_response_deadline,
                    "priority_id": ticket.sla_priority_id.id,
                }
            )
            self._run_check()
            self.assertEqual(ticket.sla_breach_ids, by_hand)
            self.assertTrue(ticket.sla_response_breach_logged)
            self.assertEqual(ticket.sla_escalation_level, 2)

    def test_bounded_batches_with_progress_committed(self):
        with freeze_time(ams(2026, 11, 2, 9)) as frozen:
            tickets = self.env["helpdesk.ticket"]
            for _i in range(5):
                tickets |= self._high_ticket()
            paused = self._high_ticket()
            paused.stage_id = self.stage_wait_third
            self.env.flush_all()  # computed at 09:00, as at the end of a request
            frozen.move_to(ams(2026, 11, 2, 15, 30))
            calls = self._run_check(batch_size=2)
        # 5 due tickets (the paused one is not due): remaining announced, then
        # committed after each batch of at most 2
        self.assertEqual(calls[0], (0, 5))
        self.assertEqual([processed for processed, _r in calls[1:4]], [2, 2, 1])
        self.assertEqual(set(tickets.mapped("sla_response_status")), {"at_risk"})
        self.assertEqual(paused.sla_response_status, "on_track")
        self.assertFalse(paused.activity_ids)

    def test_two_workers_check_quietly(self):
        """Two SLA checks at once (two database connections): the second leaves
        the tickets the first holds to it, without waiting, without an ERROR and
        without warning anyone twice; the first handles them (before: the second
        waited for the first one's row locks and failed, "canceling statement due
        to lock timeout")."""
        Ticket = self.env["helpdesk.ticket"]
        with freeze_time("2031-01-06 09:00:00"):
            # the demo's open tickets: committed, the second worker sees them
            open_tickets = Ticket.search([("stage_id.closed", "=", False)])
            due = open_tickets.filtered_domain(
                Ticket._sla_due_domain(fields.Datetime.now())
            )
            self.assertTrue(due, "no open demo ticket due in 2031")
            # the first worker holds them (as its check does)
            self.assertEqual(lock_free_rows(open_tickets), open_tickets)
            with (
                self._other_worker(lock_timeout="2s") as env,
                self.assertNoLogs("odoo", level="ERROR"),
            ):
                second = env["helpdesk.ticket"].browse(open_tickets.ids)
                before = self._sla_traces(env, second)
                env["helpdesk.ticket"]._cron_sla_check(commit=False)
                self.assertEqual(self._sla_traces(env, second), before)
            # the first worker's check: the breaches of 2031 recorded, once
            breaches = self._sla_traces(self.env, open_tickets)[2]
            Ticket._cron_sla_check(commit=False)
            self.assertGreater(self._sla_traces(self.env, open_tickets)[2], breaches)

    @staticmethod
    def _sla_traces(env, tickets):
        """Messages, activities and breach records of these tickets (what a
        check writes)."""
        domain = [("res_model", "=", "helpdesk.ticket"), ("res_id", "in", tickets.ids)]
        return (
            env["mail.message"].search_count(
                [("model", "=", "helpdesk.ticket"), ("res_id", "in", tickets.ids)]
            ),
            env["mail.activity"].search_count(domain),
            env["support.sla.breach"].search_count([("ticket_id", "in", tickets.ids)]),
        )

    def test_autoclose_waiting_for_customer(self):
        with freeze_time(ams(2026, 11, 2, 10)) as frozen:
            ticket = self._ticket()
            ticket.stage_id = self.stage_wait_customer
            answered = self._ticket()
            answered.stage_id = self.stage_wait_customer
            frozen.move_to(ams(2026, 11, 5, 10))
            self._reply(answered, self.contact)  # resumes it
            # 7 days, warning 2 days before: nothing after 4 days
            frozen.move_to(ams(2026, 11, 6, 10))
            self._run_autoclose()
            self.assertFalse(ticket.sla_autoclose_warned)
            # after 5 days: the warning mail, once
            frozen.move_to(ams(2026, 11, 7, 10, 30))
            self._run_autoclose()
            self._run_autoclose()
            self.assertTrue(ticket.sla_autoclose_warned)
            warnings = ticket.message_ids.filtered(
                lambda m: "waiting for your reply" in (m.subject or "")
            )
            self.assertEqual(len(warnings), 1)
            self.assertEqual(ticket.stage_id, self.stage_wait_customer)
            # after 7 days: closed with a notice
            frozen.move_to(ams(2026, 11, 9, 10, 30))
            self._run_autoclose()
            self.assertEqual(ticket.stage_id, self.stage_done)
            self.assertTrue(
                ticket.message_ids.filtered(lambda m: "is closed" in (m.subject or ""))
            )
            self.assertFalse(ticket.sla_paused)
            # the ticket the customer answered stays open
            self.assertEqual(answered.stage_id, self.stage_progress)

    def test_autoclose_resolved_not_confirmed(self):
        with freeze_time(ams(2026, 11, 2, 10)) as frozen:
            ticket = self._ticket()
            ticket.stage_id = self.stage_resolved
            self.assertEqual(ticket.sla_resolved_date, utc(2026, 11, 2, 9))
            self.assertEqual(ticket.sla_resolution_status, "met")
            # confirmation period 5 days: still resolved after 4
            frozen.move_to(ams(2026, 11, 6, 10))
            self._run_autoclose()
            self.assertEqual(ticket.stage_id, self.stage_resolved)
            frozen.move_to(ams(2026, 11, 7, 10, 30))
            self._run_autoclose()
            self.assertEqual(ticket.stage_id, self.stage_done)
            self.assertEqual(ticket.sla_resolved_date, utc(2026, 11, 2, 9))
            notice = ticket.message_ids.filtered(
                lambda m: "is closed" in (m.subject or "")
            )
            self.assertIn("did not", str(notice.body))

    def _run_autoclose(self):
        with patch.object(
            IrCron, "_commit_progress", lambda *args, **kwargs: float("inf")
        ):
            self.env["helpdesk.ticket"]._cron_sla_autoclose()
