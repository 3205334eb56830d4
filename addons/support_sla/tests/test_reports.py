# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Emergency calls, triage corrections and reopened tickets (Light plan,
business days 08:00-17:00 Europe/Amsterdam)."""

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SlaTicketCommon, ams, utc


@tagged("post_install", "-at_install")
class TestReports(SlaTicketCommon):
    def _values(self):
        system, multiple, single = self.impact.value_ids
        high, medium, low = self.urgency.value_ids
        return system, multiple, high, medium

    def test_emergency_call_two_hours_after_creation(self):
        """Mailed Tue 3 Nov 2026 09:00 CET (Medium, staff reply 09:30), then
        reported through the emergency number at 11:00 CET as Critical: the
        10-minute response counts from the call -> 11:10 CET = 10:10 UTC (from the
        creation it was 09:10 CET, breached the moment it was raised). The reply
        of 09:30 answered the mail, not the call: response on track until the
        first reply after the call (11:05 CET: met)."""
        system, _multiple, high, _medium = self._values()
        with freeze_time(ams(2026, 11, 3, 9)) as frozen:
            ticket = self._ticket()
            self.assertEqual(ticket.sla_priority_id, self.p_medium)
            frozen.move_to(ams(2026, 11, 3, 9, 30))
            self._staff_reply(ticket)
            self.assertEqual(ticket.sla_response_status, "met")
            frozen.move_to(ams(2026, 11, 3, 11))
            self._triage(ticket, system, high)
            ticket.sla_emergency = True
            self.assertEqual(ticket.sla_priority_id, self.p_critical)
            self.assertEqual(ticket.sla_emergency_call_date, utc(2026, 11, 3, 10))
            self.assertEqual(ticket.sla_emergency_label, "emergency call at 11:00")
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 3, 10, 10))
            self.assertEqual(ticket.sla_response_status, "on_track")
            frozen.move_to(ams(2026, 11, 3, 11, 5))
            self._staff_reply(ticket)
            self.assertEqual(ticket.sla_first_response_date, utc(2026, 11, 3, 10, 5))
            self.assertEqual(ticket.sla_response_status, "met")

    def test_emergency_call_recorded_by_staff(self):
        """Staff record at 11:00 CET a call taken at 10:30 CET: due 10:40 CET =
        09:40 UTC, already breached at 11:00. A call before the ticket's arrival
        (08:30) or in the future is refused, nothing written."""
        system, _multiple, high, _medium = self._values()
        with freeze_time(ams(2026, 11, 3, 9)) as frozen:
            ticket = self._ticket()
            frozen.move_to(ams(2026, 11, 3, 11))
            self._triage(ticket, system, high)
            with self.assertRefused(ValidationError, "between the ticket's arrival"):
                ticket.write(
                    {
                        "sla_emergency": True,
                        "sla_emergency_call_date": ams(2026, 11, 3, 8, 30),
                    }
                )
            with self.assertRefused(ValidationError, "between the ticket's arrival"):
                ticket.sla_emergency_call_date = ams(2026, 11, 3, 11, 30)
            self.assertFalse(ticket.sla_emergency_call_date)
            ticket.write(
                {
                    "sla_emergency": True,
                    "sla_emergency_call_date": ams(2026, 11, 3, 10, 30),
                }
            )
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 3, 9, 40))
            self.assertEqual(ticket.sla_response_status, "breached")

    def test_emergency_at_creation(self):
        """Reported through the emergency channel at creation (Tue 3 Nov 14:00
        CET, Critical): the call is the creation -> 14:10 CET = 13:10 UTC."""
        system, _multiple, high, _medium = self._values()
        with freeze_time(ams(2026, 11, 3, 14)):
            ticket = self._ticket(
                sla_emergency=True,
                support_ticket_type_id=self.type_defect.id,
                sla_row_value_id=system.id,
                sla_column_value_id=high.id,
            )
        self.assertEqual(ticket.sla_emergency_call_date, utc(2026, 11, 3, 13))
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 3, 13, 10))

    def test_medium_corrected_to_high_counts_from_arrival(self):
        """Medium at Tue 3 Nov 09:00 CET, corrected to High at 11:00 (two
        business hours later) by triage: High's 8 business hours count from the
        arrival, 09:00 -> 17:00 CET = 16:00 UTC (not 11:00 + 8 h = Wed 10:00)."""
        _system, multiple, high, _medium = self._values()
        with freeze_time(ams(2026, 11, 3, 9)) as frozen:
            ticket = self._ticket()
            # Medium: 2 business days -> Thu 5 Nov 09:00 CET = 08:00 UTC
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 5, 8))
            frozen.move_to(ams(2026, 11, 3, 11))
            self._triage(ticket, multiple, high)
            self.assertEqual(ticket.sla_priority_id, self.p_high)
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 3, 16))
            # a staff override corrects the same report: from the arrival too
            ticket.sla_priority_id = self.p_medium
            self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 5, 8))

    def test_reopened_ticket_runs_again_and_is_counted(self):
        """Tue 3 Nov 09:00 CET, Medium, reply 09:30: resolution (from the reply)
        by the end of the next working day, Wed 4 Nov 17:00 CET = 16:00 UTC.
        Closed Tue 14:00 (met), reopened Wed 10:00 (by any stage change out of a
        closed stage): running again, on track; Thu 10:00 breached. The quarter's
        evaluation counts 1 reopened ticket."""
        with freeze_time(ams(2026, 11, 3, 9)) as frozen:
            ticket = self._ticket()
            frozen.move_to(ams(2026, 11, 3, 9, 30))
            self._staff_reply(ticket)
            self.assertEqual(ticket.sla_resolution_deadline, utc(2026, 11, 4, 16))
            frozen.move_to(ams(2026, 11, 3, 14))
            ticket.stage_id = self.stage_done
            self.assertEqual(ticket.sla_resolution_status, "met")
            frozen.move_to(ams(2026, 11, 4, 10))
            ticket.stage_id = self.stage_new
            self.assertFalse(ticket.sla_resolved_date)
            self.assertEqual(ticket.sla_resolution_status, "on_track")
            self.assertEqual(ticket.sla_resolution_deadline, utc(2026, 11, 4, 16))
            self.assertEqual(ticket.sla_response_status, "met")
            frozen.move_to(ams(2026, 11, 5, 10))
            ticket._sla_recompute()
            self.assertEqual(ticket.sla_resolution_status, "breached")
        evaluation = self._light_q4_2026_evaluation()
        self.assertEqual(evaluation.reopened_count, 1)
