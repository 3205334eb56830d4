# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from freezegun import freeze_time

from odoo.tests import tagged

from ..tools.sla_timeline import merge_pauses, to_ts
from .common import SlaTicketCommon, ams, utc


@tagged("post_install", "-at_install")
class TestSlaPauseLogs(SlaTicketCommon):
    """Pause logs as they are recorded never break the clocks: equal timestamps,
    zero-length pauses, pauses out of order, overlapping or ending before they
    start (a clock set back)."""

    def test_pause_resume_pause_within_one_second(self):
        # Medium (plan default) from Mon 2 Nov 09:00 CET: 2 business days -> Wed 4
        # Nov 09:00 CET = 08:00 UTC. Paused, resumed and paused again at 10:00:00
        # (one second), resumed at 12:00: 2 h paused -> Wed 11:00 CET = 10:00 UTC.
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket()
        with freeze_time(ams(2026, 11, 2, 10)):
            ticket.stage_id = self.stage_wait_customer
            ticket.stage_id = self.stage_progress
            ticket.stage_id = self.stage_wait_customer
        self.assertEqual(len(ticket.sla_pause_ids), 2)
        self.assertTrue(ticket.sla_paused)
        with freeze_time(ams(2026, 11, 2, 12)):
            ticket.stage_id = self.stage_progress
        self.assertFalse(ticket.sla_paused)
        self.assertEqual(ticket.sla_paused_hours, 2.0)
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 4, 10))

    def test_pause_logs_out_of_order_and_zero_length(self):
        # Medium from Mon 2 Nov 09:00 CET; pauses corrected by hand: one recorded
        # later for Mon 10:00-11:00, one of zero length, one ending before it
        # starts (nothing), one overlapping the first (10:30-12:00): 10:00-12:00 =
        # 2 h counted once -> Wed 4 Nov 11:00 CET = 10:00 UTC.
        with freeze_time(ams(2026, 11, 2, 9)):
            ticket = self._ticket()
        Pause = self.env["support.sla.pause"]
        for start, end in (
            (ams(2026, 11, 2, 10, 30), ams(2026, 11, 2, 12)),
            (ams(2026, 11, 2, 14), ams(2026, 11, 2, 14)),
            (ams(2026, 11, 2, 16), ams(2026, 11, 2, 15)),
            (ams(2026, 11, 2, 10), ams(2026, 11, 2, 11)),
        ):
            Pause.create(
                {
                    "ticket_id": ticket.id,
                    "reason": "customer",
                    "date_start": start,
                    "date_end": end,
                }
            )
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 4, 10))

    def test_merge_pauses(self):
        a, b, c = (to_ts(ams(2026, 11, 2, hour)) for hour in (10, 11, 12))
        # an open pause sharing its start with a closed one: counted up to now
        self.assertEqual(merge_pauses([(a, None), (a, a)], now=c), [(a, c)])
        # without "now" an open pause counts nothing
        self.assertEqual(merge_pauses([(a, None), (a, a)]), [])
        # out of order, overlapping, touching, reversed
        self.assertEqual(merge_pauses([(b, c), (a, b), (c, a), (a, a + 60)]), [(a, c)])
