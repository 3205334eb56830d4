# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from ast import literal_eval

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import SlaTicketCommon, ams, utc


@tagged("post_install", "-at_install")
class TestSlaChanges(SlaTicketCommon):
    """The SLA columns are stored by the ticket's INSERT and recomputed by every
    change they follow, on the ticket or elsewhere (contract, add-ons, pauses, plan,
    ticket type, contact, company settings)."""

    def _assert_consistent(self, tickets):
        """What is stored is what a recomputation from scratch gives."""
        self.env.flush_all()
        self.assertFalse(tickets._sla_recompute(), "stored SLA values were stale")

    def test_creation_stores_what_a_recomputation_gives(self):
        system, multiple, _single = self.impact.value_ids
        high, _medium, _low = self.urgency.value_ids
        users_multiple = self.users.value_ids[1]
        process_high = self.process.value_ids[2]
        self.contract_ps.addon_line_ids = [
            Command.create({"addon_id": self.addon_premium.id})
        ]
        with freeze_time(ams(2026, 11, 2, 9)):
            plain = self._ticket()
            triaged = self._ticket(
                support_ticket_type_id=self.type_defect.id,
                sla_row_value_id=system.id,
                sla_column_value_id=high.id,
                sla_emergency=True,
            )
            fixed_type = self._ticket(
                partner=self.contact_ps, support_ticket_type_id=self.type_question.id
            )
            premium = self._ticket(
                partner=self.contact_ps,
                support_ticket_type_id=self.type_incident.id,
                sla_row_value_id=users_multiple.id,
                sla_column_value_id=process_high.id,
            )
            given = self._ticket(sla_priority_id=self.p_high.id)
            late = self._ticket(sla_start_date=ams(2026, 10, 26, 9))
            stranger = self.env["res.partner"].create({"name": "No contract"})
            uncovered = self._ticket(partner=stranger)
            tickets = plain | triaged | fixed_type | premium | given | late | uncovered
            self._assert_consistent(tickets)
        # Mon 2 Nov 09:00 CET, Light 08:00-17:00: Medium (the plan's default) 2
        # business days -> Wed 4 Nov 09:00 CET = 08:00 UTC
        self.assertEqual(plain.sla_priority_id, self.p_medium)
        self.assertEqual(plain.priority, self.p_medium.helpdesk_priority)
        self.assertEqual(plain.sla_response_deadline, utc(2026, 11, 4, 8))
        self.assertEqual(plain.sla_status, "on_track")
        # Critical through the emergency channel: 10 business minutes -> 09:10 CET
        self.assertEqual(triaged.sla_priority_id, self.p_critical)
        self.assertEqual(triaged.sla_response_deadline, utc(2026, 11, 2, 8, 10))
        # PrioritySupport question: always D; with Premium 3 working days on 09:00-17:00
        # (not the incident hours), Mon, Tue, Wed -> Wed 4 Nov 17:00 CET = 16:00 UTC
        self.assertEqual(fixed_type.sla_priority_id, self.p_d)
        self.assertEqual(fixed_type.sla_response_deadline, utc(2026, 11, 4, 16))
        # PrioritySupport incident, multiple users x critical process = A; Premium
        # (06:00-23:00 for incidents): 1 business hour -> 10:00 CET = 09:00 UTC
        self.assertEqual(premium.sla_priority_id, self.p_a)
        self.assertEqual(premium.sla_response_deadline, utc(2026, 11, 2, 9))
        # a priority given by staff is kept and marked as overridden
        self.assertEqual(given.sla_priority_id, self.p_high)
        self.assertTrue(given.sla_priority_overridden)
        # clock started a week ago, Mon 26 Oct 09:00 CET: Medium 2 business days ->
        # Wed 28 Oct 09:00 CET = 08:00 UTC, breached at creation
        self.assertEqual(late.sla_response_deadline, utc(2026, 10, 28, 8))
        self.assertEqual(late.sla_response_status, "breached")
        self.assertEqual(late.sla_response_breached_date, utc(2026, 10, 28, 8))
        self.assertFalse(uncovered.sla_policy_id)
        self.assertFalse(uncovered.sla_response_deadline)

    def test_tickets_whose_sla_cannot_be_computed_are_flagged(self):
        """A ticket a running contract covers whose SLA cannot be computed (no
        policy, no priority) is flagged on the ticket and listed for
        the manager, instead of silently having no deadline (before: only empty
        fields); a ticket without contract is not flagged."""
        Ticket = self.env["helpdesk.ticket"]
        action = self.env.ref("support_sla.helpdesk_ticket_sla_problem_action")

        def listed():
            return Ticket.search(literal_eval(action.domain))

        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket()
            stranger = self.env["res.partner"].create({"name": "No contract"})
            uncovered = self._ticket(partner=stranger)
            self.assertFalse(ticket.sla_problem or uncovered.sla_problem)
            self.assertNotIn(ticket, listed())
            # no policy of the plan for the ticket's priority (Medium)
            policies = self.plan_light.sla_policy_ids.filtered(
                lambda p: p.priority_id == ticket.sla_priority_id
            )
            policies.active = False
            self.assertEqual(ticket.sla_problem, "no_policy")
            self.assertFalse(ticket.sla_response_deadline)
            self.assertIn(ticket, listed())
            self.assertNotIn(uncovered, listed())
            policies.active = True
            self.assertFalse(ticket.sla_problem)
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 4, 8))
            # no priority: no triage answer and no default priority of the plan
            self.plan_light.sla_default_priority_id = False
            untriaged = self._ticket()
            self.assertFalse(untriaged.sla_priority_id)
            self.assertEqual(untriaged.sla_problem, "no_priority")
            self.assertIn(untriaged, listed())
            self._assert_consistent(ticket | untriaged | uncovered)

    def test_ticket_type_and_plan_changes_move_open_tickets(self):
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket(support_ticket_type_id=self.type_defect.id)
            # Medium (default), 2 business days: Wed 4 Nov 09:00 CET = 08:00 UTC
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 4, 8))
            # the type now always gives High: 8 business hours, Mon 09:00 -> 17:00
            # CET = 16:00 UTC
            self.type_defect.write(
                {
                    "sla_priority_mode": "fixed",
                    "sla_fixed_priority_ids": [Command.set(self.p_high.ids)],
                }
            )
            self.assertEqual(ticket.sla_priority_id, self.p_high)
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 2, 16))
            # an untyped ticket follows the plan's default priority
            untyped = self._ticket()
            self.plan_light.sla_default_priority_id = self.p_high
            self.assertEqual(untyped.sla_priority_id, self.p_high)
            self.assertEqual(untyped.sla_response_deadline, utc(2026, 11, 2, 16))
            self._assert_consistent(ticket | untyped)

    def test_contact_moving_to_another_customer_changes_contract_and_sla(self):
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket()
            self.assertEqual(ticket.sla_policy_id.plan_id, self.plan_light)
            # the contact now works for the PrioritySupport customer: its contract and
            # default priority D apply, 5 working days on 09:00-17:00, Mon to Fri ->
            # Fri 6 Nov 17:00 CET = 16:00 UTC
            self.contact.parent_id = self.customer_ps
            self.assertEqual(ticket.support_contract_id, self.contract_ps)
            self.assertEqual(ticket.sla_policy_id.plan_id, self.plan_ps)
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 6, 16))
            self._assert_consistent(ticket)

    def test_contract_suspended_and_resumed(self):
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket()
            self.contract_light.action_suspend()
            # a suspended contract runs no clock: no target, no deadline
            self.assertFalse(ticket.sla_policy_id)
            self.assertFalse(ticket.sla_response_deadline)
            self.contract_light.action_activate()
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 4, 8))
            self._assert_consistent(ticket)

    def test_at_risk_share_of_the_company(self):
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket()
            # Medium: Mon 09:00 -> Wed 09:00 CET = 18 business hours (Mon 8, Tue 9,
            # Wed 1); at risk from 75 % = 13.5 h: Tue 08:00 + 5.5 h = 13:30 CET
            self.assertEqual(ticket.sla_response_risk_date, utc(2026, 11, 3, 12, 30))
            # from 50 % = 9 h: Mon 8 h + Tue 1 h -> Tue 09:00 CET = 08:00 UTC
            self.company.sla_at_risk_percent = 50.0
            self.assertEqual(ticket.sla_response_risk_date, utc(2026, 11, 3, 8))
            self._assert_consistent(ticket)

    def test_pause_corrected_or_deleted_by_hand(self):
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket(sla_priority_id=self.p_high.id)
        # High, 8 business hours: Mon 09:00 -> 17:00 CET = 16:00 UTC
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 2, 16))
        with freeze_time(ams(2026, 11, 2, 13)):
            pause = self.env["support.sla.pause"].create(
                {
                    "ticket_id": ticket.id,
                    "reason": "customer",
                    "date_start": ams(2026, 11, 2, 10),
                    "date_end": ams(2026, 11, 2, 12),
                }
            )
            # paused 10:00-12:00: Mon 09-10 + 12-17 = 6 h, Tue 08:00 + 2 h = 10:00
            # CET = 09:00 UTC
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 3, 9))
            self.assertEqual(ticket.sla_paused_hours, 2.0)
            # resumed at 11:00 in fact: 7 h on Monday, Tue 09:00 CET = 08:00 UTC
            pause.date_end = ams(2026, 11, 2, 11)
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 3, 8))
            self._assert_consistent(ticket)
            pause.unlink()
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 2, 16))
            self.assertEqual(ticket.sla_paused_hours, 0.0)

    def test_creation_reads_nothing_of_the_contract(self):
        """A ticket created in its own transaction (a mail, a portal form) finds
        its contract, plan, add-ons and calendars in the per-process caches: a
        covered ticket costs as many queries as one without a contract."""
        self.contract_light.addon_line_ids = [
            Command.create({"addon_id": self.addon_extended.id})
        ]
        stranger = self.env["res.partner"].create({"name": "No contract"})
        with freeze_time(ams(2026, 11, 2, 9)):
            self._ticket()  # fills the caches
            self._ticket(partner=stranger)
            self.env.flush_all()
            counts = {}
            for name, partner in (("covered", self.contact), ("not", stranger)):
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                ticket = self._ticket(partner=partner)
                self.env.flush_all()
                counts[name] = self.env.cr.sql_log_count - before
        self.assertTrue(ticket.exists())
        self.assertEqual(counts["covered"], counts["not"], counts)

    def test_form_shows_the_sla_of_a_new_ticket(self):
        system, _multiple, _single = self.impact.value_ids
        high = self.urgency.value_ids[0]
        with freeze_time(ams(2026, 11, 2, 9)):
            form = Form(self.env["helpdesk.ticket"].with_user(self.agent))
            form.name = "Server down"
            form.description = "<p>Help</p>"
            form.partner_id = self.contact
            # Medium (the plan's default), 2 business days: Wed 4 Nov 09:00 CET
            self.assertEqual(form.sla_response_deadline, utc(2026, 11, 4, 8))
            form.support_ticket_type_id = self.type_defect
            form.sla_row_value_id = system
            form.sla_column_value_id = high
            form.sla_emergency = True
            # Critical by the emergency channel, 10 business minutes: 09:10 CET
            self.assertEqual(form.sla_priority_id, self.p_critical)
            self.assertEqual(form.sla_response_deadline, utc(2026, 11, 2, 8, 10))
            self.assertEqual(form.sla_response_status, "on_track")
            ticket = form.save()
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 2, 8, 10))
            self._assert_consistent(ticket)
