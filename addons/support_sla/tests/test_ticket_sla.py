# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SlaTicketCommon, ams, utc


@tagged("post_install", "-at_install")
class TestTicketSla(SlaTicketCommon):
    """Deadlines, triage and clocks on tickets (tiered plan Light, PrioritySupport)."""

    # -- triage -------------------------------------------------------------------
    def test_triage_priority_from_matrix_type_and_override(self):
        with freeze_time(ams(2026, 10, 22, 15)):
            ticket = self._ticket()
        # untriaged: the plan's default priority (Medium)
        self.assertEqual(ticket.support_contract_id, self.contract_light)
        self.assertEqual(ticket.sla_priority_id, self.p_medium)
        system, multiple, _single = self.impact.value_ids
        high, medium, _low = self.urgency.value_ids
        self._triage(ticket, multiple, high)
        self.assertEqual(ticket.sla_priority_id, self.p_high)
        self.assertEqual(ticket.priority, "2")  # the helpdesk stars follow
        # staff override: kept when the axes change, until reset
        ticket.sla_priority_id = self.p_low
        self.assertTrue(ticket.sla_priority_overridden)
        ticket.sla_row_value_id = system
        self.assertEqual(ticket.sla_matrix_priority_id, self.p_critical)
        self.assertEqual(ticket.sla_priority_id, self.p_low)
        ticket.action_sla_reset_priority()
        self.assertFalse(ticket.sla_priority_overridden)
        self.assertEqual(ticket.sla_priority_id, self.p_critical)
        # a type with a fixed priority ignores the matrix (PrioritySupport questions: D)
        ps_ticket = self._ticket(partner=self.contact_ps)
        self._triage(
            ps_ticket,
            self.users.value_ids[2],
            self.process.value_ids[2],
            self.type_question,
        )
        self.assertEqual(ps_ticket.sla_priority_id, self.p_d)
        ps_ticket.support_ticket_type_id = self.type_incident
        self.assertEqual(ps_ticket.sla_priority_id, self.p_a)
        # the same fixed type on a plan whose matrix has no D: the matrix applies
        light_ticket = self._ticket()
        self._triage(light_ticket, system, high, self.type_question)
        self.assertEqual(light_ticket.sla_priority_id, self.p_critical)

    def test_helpdesk_priority_follows_triage_at_creation(self):
        """The helpdesk stars come from the SLA priority from the start, not from
        helpdesk_mgmt's default ("1"): triaged through the form or given."""
        system, _multiple, _single = self.impact.value_ids
        high, _medium, _low = self.urgency.value_ids
        with freeze_time(ams(2026, 10, 22, 15)):
            triaged = self._ticket(
                sla_row_value_id=system.id, sla_column_value_id=high.id
            )
            given = self._ticket(sla_priority_id=self.p_high.id)
            stranger = self.env["res.partner"].create({"name": "No contract"})
            uncovered = self._ticket(partner=stranger, priority="2")
        self.assertEqual(triaged.sla_priority_id, self.p_critical)
        self.assertEqual(triaged.priority, "3")
        self.assertEqual(given.priority, "2")
        self.assertFalse(uncovered.sla_priority_id)
        self.assertEqual(uncovered.priority, "2")  # no SLA priority: as given

    def test_stars_set_by_hand_override_the_sla_priority(self):
        """One priority: stars clicked in a kanban or list (or written by an OCA
        module) become the SLA priority of the plan with those stars, marked as
        an override, and the deadlines follow; stars no priority of the plan has
        are refused and nothing changes."""
        system, multiple, _single = self.impact.value_ids
        high, _medium, _low = self.urgency.value_ids
        with freeze_time(ams(2026, 10, 22, 15)):
            ticket = self._ticket(
                sla_row_value_id=multiple.id, sla_column_value_id=high.id
            )
            critical = self._ticket(
                sla_row_value_id=system.id, sla_column_value_id=high.id
            )
            self.env.flush_all()
            self.assertEqual(ticket.sla_priority_id, self.p_high)
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 10, 23, 12))
            ticket.with_user(self.agent).write({"priority": "3"})
            self.env.flush_all()
        self.assertEqual(ticket.sla_priority_id, self.p_critical)
        self.assertTrue(ticket.sla_priority_overridden)
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(ticket.sla_policy_id.priority_id, self.p_critical)
        self.assertEqual(ticket.sla_response_deadline, critical.sla_response_deadline)
        self.assertEqual(
            ticket.sla_resolution_deadline, critical.sla_resolution_deadline
        )
        # helpdesk_mgmt's filters read the same stars
        Ticket = self.env["helpdesk.ticket"]
        self.assertIn(ticket, Ticket.search([("priority", "=", "3")]))
        # the triage gives it back, stars included
        ticket.action_sla_reset_priority()
        self.assertEqual((ticket.sla_priority_id, ticket.priority), (self.p_high, "2"))
        # PrioritySupport's A-D are all one star here: three stars do not exist
        ps_ticket = self._ticket(partner=self.contact_ps)
        before = (ps_ticket.sla_priority_id, ps_ticket.priority)
        with self.assertRaisesRegex(UserError, "No SLA priority of ticket"):
            ps_ticket.with_user(self.agent).write({"priority": "3"})
        self.assertEqual((ps_ticket.sla_priority_id, ps_ticket.priority), before)
        self.assertFalse(ps_ticket.sla_priority_overridden)

    def test_priority_and_type_changes_are_tracked(self):
        ticket = self._ticket()
        # the creation (mail disabled in tests) discards tracking until the
        # pre-commit hooks ran
        self.cr.flush()
        ticket = ticket.with_context(tracking_disable=False, mail_notrack=False)
        ticket.support_ticket_type_id = self.type_defect
        ticket.sla_priority_id = self.p_high
        self.env.flush_all()
        self.cr.flush()  # runs the tracking (pre-commit hooks)
        tracked = (
            self.env["mail.tracking.value"]
            .search(
                [
                    ("mail_message_id.model", "=", "helpdesk.ticket"),
                    ("mail_message_id.res_id", "=", ticket.id),
                ]
            )
            .field_id.mapped("name")
        )
        self.assertIn("sla_priority_id", tracked)
        self.assertIn("support_ticket_type_id", tracked)
        self.assertIn("sla_priority_overridden", tracked)

    # -- the SLA terms' worked examples, on tickets --------------------------------
    def test_high_8_business_hours_on_ticket(self):
        with freeze_time(ams(2026, 10, 22, 15)):
            ticket = self._ticket()
            self._triage(ticket, self.impact.value_ids[1], self.urgency.value_ids[0])
            self.env.flush_all()  # statuses are computed at the frozen time
        # Thu 22 Oct 15:00 CEST + 8 business hours = Fri 23 Oct 14:00 CEST (12:00 UTC)
        self.assertEqual(ticket.sla_policy_id.priority_id, self.p_high)
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 10, 23, 12))
        self.assertEqual(ticket.sla_response_status, "on_track")
        # resolution counts from the response: not responded yet, so from
        # the response deadline: end of that working day, Fri 17:00 CEST = 15:00 UTC
        self.assertEqual(ticket.sla_resolution_deadline, utc(2026, 10, 23, 15))

    def test_medium_resolution_from_response(self):
        with freeze_time(ams(2026, 10, 30, 9)):
            ticket = self._ticket()
            self._triage(ticket, self.impact.value_ids[1], self.urgency.value_ids[1])
        self.assertEqual(ticket.sla_priority_id, self.p_medium)
        with freeze_time(ams(2026, 10, 30, 10)):
            self._reply(ticket, self.agent.partner_id)
        # staff replied Fri 30 Oct 10:00 CET: response met; resolution by the end of
        # the next working day, Mon 2 Nov 17:00 CET = 16:00 UTC
        self.assertEqual(ticket.sla_first_response_date, utc(2026, 10, 30, 9))
        self.assertEqual(ticket.sla_response_status, "met")
        self.assertEqual(ticket.sla_resolution_deadline, utc(2026, 11, 2, 16))

    # -- add-on windows ---------------------------------------------------------------
    def test_extended_widens_critical_not_high(self):
        self.contract_light.addon_line_ids = [
            Command.create({"addon_id": self.addon_extended.id})
        ]
        system, multiple, _single = self.impact.value_ids
        high = self.urgency.value_ids[0]
        with freeze_time(ams(2026, 10, 30, 22, 55)):
            critical = self._ticket(sla_emergency=True)
            self._triage(critical, system, high)
            high_ticket = self._ticket()
            self._triage(high_ticket, multiple, high)
            critical_phone = self._ticket()
            self._triage(critical_phone, system, high)
        # Critical by the emergency channel, 10 business minutes on 08-17 widened to
        # 07-23: Fri 22:55-23:00 (5 min) + Mon 2 Nov 07:00-07:05 -> 06:05 UTC
        self.assertEqual(critical.sla_response_deadline, utc(2026, 11, 2, 6, 5))
        # High, 8 business hours on 08-17 only: Mon 08:00-16:00 CET = 15:00 UTC
        self.assertEqual(high_ticket.sla_response_deadline, utc(2026, 11, 2, 15))
        # Critical not by the emergency channel: 8 business hours, on the widened
        # calendar: Fri 22:55-23:00 (5 min) + Mon 07:00-14:55 CET = 13:55 UTC
        self.assertEqual(critical_phone.sla_response_deadline, utc(2026, 11, 2, 13, 55))

    def test_365_critical_only_and_contract_change_recomputes(self):
        system, multiple, _single = self.impact.value_ids
        high = self.urgency.value_ids[0]
        with freeze_time(ams(2026, 10, 31, 10)):
            critical = self._ticket(sla_emergency=True)
            self._triage(critical, system, high)
            high_ticket = self._ticket()
            self._triage(high_ticket, multiple, high)
            # without add-on: Sat 10:00 counts from Mon 2 Nov 08:00; + 10 min = 07:10
            # UTC
            self.assertEqual(critical.sla_response_deadline, utc(2026, 11, 2, 7, 10))
            # the 365 add-on (critical only) is added to the contract: Sat 31 Oct
            # 10:10 CET = 09:10 UTC for Critical, High unchanged (Mon 08:00 + 8 h =
            # 16:00 CET = 15:00 UTC)
            self.contract_light.addon_line_ids = [
                Command.create({"addon_id": self.addon_365.id})
            ]
            self.assertEqual(critical.sla_response_deadline, utc(2026, 10, 31, 9, 10))
            self.assertEqual(high_ticket.sla_response_deadline, utc(2026, 11, 2, 15))

    def test_prioritysupport_premium(self):
        one, multiple, organisation = self.users.value_ids
        low, medium, high = self.process.value_ids
        with freeze_time(ams(2026, 11, 3, 6, 30)):
            incident = self._ticket(partner=self.contact_ps)
            self._triage(incident, multiple, high, self.type_incident)
            question = self._ticket(partner=self.contact_ps)
            self._triage(question, organisation, high, self.type_question)
        # A without Premium: 2 h on 09-17 from Tue 3 Nov 09:00 -> 11:00 CET = 10:00
        # UTC; resolution 1 working day -> Tue 17:00 CET... counted from creation:
        # 09:00 + 1 day of 8 h = 17:00 CET = 16:00 UTC
        self.assertEqual(incident.sla_priority_id, self.p_a)
        self.assertEqual(incident.sla_response_deadline, utc(2026, 11, 3, 10))
        self.assertEqual(incident.sla_resolution_deadline, utc(2026, 11, 3, 16))
        # question: always D, 5 working days from Tue 09:00 -> end of Mon 9 Nov,
        # 17:00 CET = 16:00 UTC; resolution planned (no deadline)
        self.assertEqual(question.sla_priority_id, self.p_d)
        self.assertEqual(question.sla_response_deadline, utc(2026, 11, 9, 16))
        self.assertFalse(question.sla_resolution_deadline)
        self.assertFalse(question.sla_resolution_status)
        with freeze_time(ams(2026, 11, 3, 6, 30)):
            self.contract_ps.addon_line_ids = [
                Command.create({"addon_id": self.addon_premium.id})
            ]
        # Premium, incidents 06:00-23:00: A 1 h from 06:30 -> 07:30 CET = 06:30 UTC;
        # resolution 1 working day on 06-23 from 06:30 -> Wed 4 Nov 06:30 CET = 05:30
        # UTC
        self.assertEqual(incident.sla_response_deadline, utc(2026, 11, 3, 6, 30))
        self.assertEqual(incident.sla_resolution_deadline, utc(2026, 11, 4, 5, 30))
        # question with Premium: faster D (3 working days) but not the incident
        # hours: from Tue 09:00 -> end of Thu 5 Nov, 17:00 CET = 16:00 UTC
        self.assertEqual(question.sla_response_deadline, utc(2026, 11, 5, 16))

    # -- pauses ---------------------------------------------------------------------
    def test_pause_spanning_a_night_resumed_by_customer_reply(self):
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket()
            self._triage(ticket, self.impact.value_ids[1], self.urgency.value_ids[0])
        # High: Mon 2 Nov 09:00 + 8 h = 17:00 CET = 16:00 UTC
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 2, 16))
        with freeze_time(ams(2026, 11, 2, 16)):
            ticket.stage_id = self.stage_wait_customer
            self.assertTrue(ticket.sla_paused)
            pause = ticket.sla_pause_ids
            self.assertEqual(pause.reason, "customer")
            self.assertEqual(pause.date_start, utc(2026, 11, 2, 15))
        with freeze_time(ams(2026, 11, 3, 10)):
            self._reply(ticket, self.contact)
        # The customer's reply resumes the ticket: back in progress, the pause closed
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertFalse(ticket.sla_paused)
        self.assertEqual(pause.date_end, utc(2026, 11, 3, 9))
        self.assertEqual(pause.resumed_by, "customer")
        self.assertEqual(ticket.sla_last_customer_message_date, utc(2026, 11, 3, 9))
        # Paused Mon 16:00 -> Tue 10:00: 1 h + 2 h of working time; the deadline
        # moves from Mon 17:00 to Tue 11:00 CET = 10:00 UTC
        self.assertEqual(ticket.sla_paused_hours, 3.0)
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 3, 10))

    def test_third_party_pause_by_stage(self):
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket()
        # Medium (plan default): 2 business days -> Wed 4 Nov 09:00 CET = 08:00 UTC
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 4, 8))
        with freeze_time(ams(2026, 11, 2, 10)):
            ticket.stage_id = self.stage_wait_third
        with freeze_time(ams(2026, 11, 2, 12, 30)):
            ticket.stage_id = self.stage_progress
        # 2.5 h paused -> Wed 11:30 CET = 10:30 UTC
        self.assertEqual(ticket.sla_pause_ids.reason, "third_party")
        self.assertEqual(ticket.sla_pause_ids.resumed_by, "stage")
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 4, 10, 30))

    # -- statuses, reached and breached timestamps ----------------------------------
    def test_statuses_and_reopen_runs_resolution_again(self):
        with freeze_time(ams(2026, 11, 2, 9)) as frozen:
            ticket = self._ticket()
            self._triage(ticket, self.impact.value_ids[1], self.urgency.value_ids[0])
            # High, response due Mon 17:00 CET; at risk once 75 % of 8 h is used =
            # 6 h -> Mon 15:00 CET = 14:00 UTC
            self.assertEqual(ticket.sla_response_risk_date, utc(2026, 11, 2, 14))
            self.assertEqual(ticket.sla_response_status, "on_track")
            frozen.move_to(ams(2026, 11, 2, 18))
            # late reply: breached at the deadline
            self._reply(ticket, self.agent.partner_id)
            self.assertEqual(ticket.sla_response_status, "breached")
            self.assertEqual(ticket.sla_response_breached_date, utc(2026, 11, 2, 16))
            # resolution from the reply Mon 18:00 (after hours): end of the working
            # day + 0 -> Tuesday's end, 17:00 CET = 16:00 UTC
            self.assertEqual(ticket.sla_resolution_deadline, utc(2026, 11, 3, 16))
            frozen.move_to(ams(2026, 11, 3, 12))
            ticket.stage_id = self.stage_done
            self.assertEqual(ticket.sla_resolution_status, "met")
            self.assertEqual(ticket.sla_resolved_date, utc(2026, 11, 3, 11))
            self.assertEqual(ticket.sla_status, "breached")
            # reopened a week later: the resolution runs again, not met (its
            # deadline, Tue 3 Nov 17:00 CET, has passed: breached); the response
            # stays as it was reached
            frozen.move_to(ams(2026, 11, 10, 12))
            ticket.stage_id = self.stage_progress
            self.assertFalse(ticket.sla_resolved_date)
            self.assertEqual(ticket.sla_reopen_count, 1)
            self.assertEqual(ticket.sla_resolution_status, "breached")
            self.assertEqual(ticket.sla_resolution_deadline, utc(2026, 11, 3, 16))
            # re-triaged Low: end of the working day + 3 from the reply (Mon 18:00,
            # after hours: from Tue) -> Fri 6 Nov 17:00 CET = 16:00 UTC, passed
            ticket.sla_priority_id = self.p_low
            self.assertEqual(ticket.sla_resolution_deadline, utc(2026, 11, 6, 16))
            self.assertEqual(ticket.sla_resolution_status, "breached")
            self.assertEqual(ticket.sla_response_status, "breached")
            self.assertEqual(ticket.sla_response_breached_date, utc(2026, 11, 2, 16))

    def test_note_is_no_response_and_uncovered_ticket_has_no_sla(self):
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket()
            ticket.message_post(
                body="<p>internal</p>",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                author_id=self.agent.partner_id.id,
            )
            self.assertFalse(ticket.sla_first_response_date)
            stranger = self.env["res.partner"].create({"name": "No contract"})
            uncovered = self._ticket(partner=stranger)
        self.assertFalse(uncovered.support_contract_id)
        self.assertFalse(uncovered.sla_policy_id)
        self.assertFalse(uncovered.sla_response_deadline)
        self.assertFalse(uncovered.sla_status)

    def test_holiday_added_later_moves_open_deadlines(self):
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket()
        # Medium, 2 business days from Mon 2 Nov 09:00 -> Wed 4 Nov 09:00 CET
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 4, 8))
        # A company day off on Tue 3 Nov, added by hand -> Thu 5 Nov 09:00 CET
        self.env["support.sla.extra.day"].create(
            {
                "name": "Company day",
                "calendar_id": self.cal_light.id,
                "date": "2026-11-03",
            }
        )
        self.env.flush_all()
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 5, 8))

    def test_bulk_recompute_writes_only_changes(self):
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket()
            self._triage(ticket, self.impact.value_ids[1], self.urgency.value_ids[0])
            other = self._ticket()
            self.env.flush_all()
            # nothing changed: nothing written
            self.assertFalse((ticket | other)._sla_recompute())
            # High's response target becomes 4 h behind the ORM's back (as a bulk
            # import would): Mon 09:00 + 4 h = 13:00 CET = 12:00 UTC, at risk from
            # 75 % = 3 h -> 12:00 CET = 11:00 UTC; the Medium ticket is untouched
            policy = ticket.sla_policy_id
            self.env.cr.execute(
                "UPDATE support_sla_policy SET response_value = 4 WHERE id = %s",
                (policy.id,),
            )
            self.env.registry.clear_cache()
            self.env.invalidate_all()
            changed = (ticket | other)._sla_recompute()
            self.assertEqual(changed, ticket)
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 2, 12))
            self.assertEqual(ticket.sla_response_risk_date, utc(2026, 11, 2, 11))
            self.assertEqual(ticket.sla_next_check, utc(2026, 11, 2, 11))
            self.assertEqual(ticket.sla_status, "on_track")
            self.assertFalse(ticket.sla_paused)

    # -- bad configuration ------------------------------------------------------------
    def test_targets_over_a_year_refused(self):
        """A target of more than a year (in its unit) is a typing error and is
        refused with the limit (1e5 to 1e9 hours were accepted, and the plan's
        tickets then got no deadline at all); the limit is a system parameter."""
        Policy = self.env["support.sla.policy"]
        before = Policy.search_count([])
        for kind, value, limit in (
            ("business_hours", 1e5, "8784"),
            ("business_hours", 1e9, "8784"),
            ("business_minutes", 600000, "527040"),
            ("business_days", 400, "366"),
            ("day_end_plus", 400, "366"),
        ):
            with (
                self.subTest(kind=kind, value=value),
                self.assertRefused(ValidationError, f"more than {limit}: at most 366"),
            ):
                Policy.create(
                    {
                        "plan_id": self.plan_light.id,
                        "priority_id": self.p_low.id,
                        "response_kind": "business_hours",
                        "response_value": 4,
                        "resolution_kind": kind,
                        "resolution_value": value,
                    }
                )
        self.assertEqual(Policy.search_count([]), before)
        # a year exactly is accepted, and a longer limit configured
        policy = Policy.create(
            {
                "plan_id": self.plan_light.id,
                "priority_id": self.p_low.id,
                "response_kind": "business_hours",
                "response_value": 8784,
            }
        )
        with self.assertRefused(ValidationError, "more than 8784"):
            policy.response_value = 8785
        self.env["ir.config_parameter"].set_param("support_sla.target_max_days", "400")
        policy.response_value = 9600
        self.assertEqual(policy.response_value, 9600)

    def test_bad_policy_configuration_refused(self):
        Policy = self.env["support.sla.policy"]
        before = Policy.search_count([])
        with self.assertRefused(ValidationError, "negative value"):
            Policy.create(
                {
                    "plan_id": self.plan_light.id,
                    "priority_id": self.p_low.id,
                    "response_kind": "business_hours",
                    "response_value": -4,
                }
            )
        with self.assertRefused(ValidationError, "no time"):
            Policy.create(
                {
                    "plan_id": self.plan_light.id,
                    "priority_id": self.p_low.id,
                    "response_kind": "business_minutes",
                    "response_value": 0,
                }
            )
        with self.assertRefused(ValidationError, "fraction of a day"):
            Policy.create(
                {
                    "plan_id": self.plan_light.id,
                    "priority_id": self.p_low.id,
                    "response_kind": "none",
                    "resolution_kind": "business_days",
                    "resolution_value": 1.5,
                }
            )
        self.assertEqual(Policy.search_count([]), before)
        with self.assertRefused(ValidationError, "no availability calendar"):
            self.plan_light.calendar_id = False
        self.assertEqual(self.plan_light.calendar_id, self.cal_light)
        with self.assertRefused(ValidationError, "always get"):
            self.type_defect.sla_priority_mode = "fixed"
        self.assertEqual(self.type_defect.sla_priority_mode, "matrix")
        with self.assertRefused(ValidationError, "between 0 and 100"):
            self.company.sla_at_risk_percent = 120
        self.assertEqual(self.company.sla_at_risk_percent, 75)


@tagged("post_install", "-at_install")
class TestAddonDaysOff(SlaTicketCommon):
    """The 365 add-on on a contract covers the plan calendar's holidays."""

    def test_365_ticket_on_christmas_friday(self):
        """Light + 365 (08:00-17:00 on the plan calendar's days off), a Critical
        ticket through the emergency channel on Fri 25 Dec 2026 10:00 CET
        (Christmas): 10 business minutes in the 365 window -> 10:10 CET = 09:10
        UTC the same day (the old 365 calendar worked only on Sat/Sun: Sat 26 Dec
        08:10 CET)."""
        self.cal_light._sla_generate_holidays([2026])
        self.contract_light.addon_line_ids = [
            Command.create({"addon_id": self.addon_365.id})
        ]
        system = self.impact.value_ids[0]
        high = self.urgency.value_ids[0]
        with freeze_time(ams(2026, 12, 25, 10)):
            ticket = self._ticket(sla_emergency=True)
            self._triage(ticket, system, high)
        self.assertEqual(ticket.sla_priority_id, self.p_critical)
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 12, 25, 9, 10))

    def test_critical_only_refuses_a_contradicting_list(self):
        """'Critical Issues Only' with Medium listed would widen Medium's clocks:
        refused, nothing written; Critical alone is accepted."""
        with self.assertRefused(ValidationError, "covers critical issues only"):
            self.addon_365.sla_priority_ids = [
                Command.set((self.p_critical | self.p_medium).ids)
            ]
        self.assertFalse(self.addon_365.sla_priority_ids)
        self.addon_365.sla_priority_ids = [Command.set(self.p_critical.ids)]
        self.assertEqual(self.addon_365.sla_priority_ids, self.p_critical)
