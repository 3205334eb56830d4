# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import tagged

from .common import SlaTicketCommon, ams, utc

SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestChangeRequestPause(SlaTicketCommon):
    """A change request's SLA clocks stand still from the moment its estimate is
    sent for approval until a key user approves or declines it ("Awaiting
    approval"), whatever the ticket's stage does meanwhile; a release on
    acceptance waits for the customer's test ("Testing on acceptance")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_change = cls.env["support.ticket.type"].create(
            {"name": "Change (test)", "is_change_request": True}
        )
        cls.contact.email = "key.user@customer.test"
        cls.contract_light.key_user_ids = cls.contact

    def _change_request(self):
        # Medium (plan default) from Mon 2 Nov 09:00 CET: 2 business days -> Wed 4
        # Nov 09:00 CET = 08:00 UTC
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket(support_ticket_type_id=self.type_change.id)
            estimate = self.env["support.change.estimate"].create(
                {"ticket_id": ticket.id, "hours": 12.0}
            )
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 4, 8))
        return ticket, estimate

    def test_paused_from_sending_to_approval(self):
        """Sent Mon 10:00, a stage waiting for the customer 11:00-11:30 meanwhile,
        approved Mon 13:00: 3 business hours paused (the overlap counted once) ->
        Wed 4 Nov 12:00 CET = 11:00 UTC."""
        ticket, estimate = self._change_request()
        with freeze_time(ams(2026, 11, 2, 10)):
            estimate.action_send_for_approval()
        pause = ticket.sla_pause_ids
        self.assertEqual(pause.reason, "approval")
        self.assertEqual(pause.date_start, utc(2026, 11, 2, 9))
        self.assertTrue(ticket.sla_paused)
        with freeze_time(ams(2026, 11, 2, 11)):
            ticket.stage_id = self.stage_wait_customer
        with freeze_time(ams(2026, 11, 2, 11, 30)):
            ticket.stage_id = self.stage_progress
        # the stage's own pause ended; the approval still awaited
        self.assertFalse(pause.date_end)
        self.assertTrue(ticket.sla_paused)
        with freeze_time(ams(2026, 11, 2, 13)):
            estimate.sudo()._customer_decide(
                self.contact, True, name="Key User", signature=SIGNATURE
            )
        self.assertEqual(pause.date_end, utc(2026, 11, 2, 12))
        self.assertEqual(pause.resumed_by, "decision")
        self.assertFalse(ticket.sla_paused)
        self.assertEqual(ticket.sla_paused_hours, 3.0)
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 4, 11))

    def test_a_decline_resumes_the_clocks(self):
        """Sent Mon 10:00, declined Tue 10:00: Mon 10:00-17:00 and Tue
        08:00-10:00 = 9 business hours paused (08:00-17:00) -> Wed 4 Nov 09:00 CET
        + 9 h = Thu 5 Nov 09:00 CET = 08:00 UTC."""
        ticket, estimate = self._change_request()
        with freeze_time(ams(2026, 11, 2, 10)):
            estimate.action_send_for_approval()
        with freeze_time(ams(2026, 11, 3, 10)):
            estimate.sudo()._customer_decide(self.contact, False, reason="Too much")
        self.assertFalse(ticket.sla_paused)
        self.assertEqual(ticket.sla_paused_hours, 9.0)
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 5, 8))

    def test_waiting_for_the_customers_test_on_acceptance(self):
        """On acceptance Mon 10:00 (the request to test answers the customer: the
        response is met), approved for production Mon 12:00: 2 business hours
        paused. Medium resolves by the end of the next working day after the
        response, Tue 17:00 CET, + 2 h = Wed 4 Nov 10:00 CET = 09:00 UTC."""
        self.contract_light.environment_ids = [
            Command.create(
                {"name": "Acceptance", "kind": "acceptance", "url": "https://acc.test"}
            )
        ]
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket()
        with freeze_time(ams(2026, 11, 2, 10)):
            ticket.action_release_to_acceptance()
        self.assertEqual(ticket.sla_pause_ids.reason, "acceptance")
        self.assertTrue(ticket.sla_paused)
        with freeze_time(ams(2026, 11, 2, 12)):
            ticket.sudo()._customer_approve_release(self.contact)
        self.assertFalse(ticket.sla_paused)
        self.assertEqual(ticket.sla_paused_hours, 2.0)
        self.assertEqual(ticket.sla_response_status, "met")
        self.assertEqual(ticket.sla_resolution_deadline, utc(2026, 11, 4, 9))
