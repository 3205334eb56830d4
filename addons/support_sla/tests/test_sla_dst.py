# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deadlines of tickets across the two DST changes of 2026 (last Sunday of March, 29
Mar: CET UTC+1 -> CEST UTC+2; last Sunday of October, 25 Oct: CEST -> CET), on the
Light plan's business calendar (Mon-Fri 08:00-17:00) in Europe/Amsterdam and in
Europe/Stockholm, and on the 365 add-on's every-day calendar on the DST Sunday itself,
with time frozen at the ticket's arrival. Working time is local time: a deadline 8
business hours after Friday 15:00 is Monday 14:00 local, whatever the clocks did on
Sunday.
"""

from datetime import datetime

import pytz
from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import tagged

from .common import SlaTicketCommon, ams, utc

STO = pytz.timezone("Europe/Stockholm")


def sto(*args):
    """Stockholm local time -> naive UTC datetime."""
    return STO.localize(datetime(*args)).astimezone(pytz.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestSlaDst(SlaTicketCommon):
    def _ticket_at(self, moment, row, column):
        with freeze_time(moment):
            ticket = self._ticket()
            self._triage(ticket, row, column)
            self.env.flush_all()
        return ticket

    def _high(self, moment):
        """A High ticket (multiple users, work stopped): 8 business hours."""
        ticket = self._ticket_at(
            moment, self.impact.value_ids[1], self.urgency.value_ids[0]
        )
        self.assertEqual(ticket.sla_priority_id, self.p_high)
        return ticket

    def _low(self, moment):
        """A Low ticket (one user, can wait): 3 business days."""
        ticket = self._ticket_at(
            moment, self.impact.value_ids[2], self.urgency.value_ids[2]
        )
        self.assertEqual(ticket.sla_priority_id, self.p_low)
        return ticket

    def _to_stockholm(self):
        """The Light plan's calendar in Stockholm, with the Swedish holidays."""
        self.cal_light.write(
            {
                "tz": "Europe/Stockholm",
                "sla_holiday_country_id": self.env.ref("base.se").id,
            }
        )

    def test_amsterdam_business_hours_across_march_and_october(self):
        # Fri 27 Mar 15:00 CET (14:00 UTC) + 8 h: Fri 15-17 = 2 h; clocks go forward
        # on Sunday 29 Mar; Mon 30 Mar 08-14 CEST = 6 h -> 14:00 CEST = 12:00 UTC
        # (a fixed UTC+1 would say 13:00 UTC).
        ticket = self._high(ams(2026, 3, 27, 15))
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 3, 30, 12))
        # resolution from the response deadline: the end of that working day,
        # Mon 30 Mar 17:00 CEST = 15:00 UTC
        self.assertEqual(ticket.sla_resolution_deadline, utc(2026, 3, 30, 15))
        # Fri 23 Oct 15:00 CEST (13:00 UTC) + 8 h: Fri 2 h; clocks go back on Sunday
        # 25 Oct; Mon 26 Oct 08-14 CET = 6 h -> 14:00 CET = 13:00 UTC (a fixed
        # UTC+2 would say 12:00 UTC).
        ticket = self._high(ams(2026, 10, 23, 15))
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 10, 26, 13))
        self.assertEqual(ticket.sla_resolution_deadline, utc(2026, 10, 26, 16))

    def test_amsterdam_business_days_keep_the_local_time(self):
        # Low, 3 business days from Thu 26 Mar 10:00 CET (09:00 UTC): Fri 27 (1), Mon
        # 30 (2), Tue 31 Mar (3) at 10:00 CEST = 08:00 UTC.
        ticket = self._low(ams(2026, 3, 26, 10))
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 3, 31, 8))
        # from Thu 22 Oct 10:00 CEST (08:00 UTC): Fri 23, Mon 26, Tue 27 Oct 10:00
        # CET = 09:00 UTC.
        ticket = self._low(ams(2026, 10, 22, 10))
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 10, 27, 9))

    def test_stockholm_business_hours_across_march_and_october(self):
        self._to_stockholm()
        # Sweden switches on the same Sundays: Fri 27 Mar 15:00 CET + 8 h = Mon 30
        # Mar 14:00 CEST = 12:00 UTC; Fri 23 Oct 15:00 CEST + 8 h = Mon 26 Oct
        # 14:00 CET = 13:00 UTC.
        ticket = self._high(sto(2026, 3, 27, 15))
        self.assertEqual(ticket.sla_response_deadline, sto(2026, 3, 30, 14))
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 3, 30, 12))
        ticket = self._high(sto(2026, 10, 23, 15))
        self.assertEqual(ticket.sla_response_deadline, sto(2026, 10, 26, 14))
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 10, 26, 13))
        # Low from Thu 22 Oct 10:00 CEST: Tue 27 Oct 10:00 CET = 09:00 UTC
        ticket = self._low(sto(2026, 10, 22, 10))
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 10, 27, 9))

    def test_365_critical_on_the_dst_sundays(self):
        """The 365 add-on works the DST Sundays 08:00-17:00 local: the switch at
        02:00/03:00 moves the window's UTC hours, not its local hours."""
        self.contract_light.addon_line_ids = [
            Command.create({"addon_id": self.addon_365.id})
        ]
        system, high = self.impact.value_ids[0], self.urgency.value_ids[0]
        # Sat 28 Mar 16:30 CET (15:30 UTC), Critical, 8 business hours through 365:
        # Sat 16:30-17:00 = 0.5 h; Sun 29 Mar 08:00-15:30 CEST = 7.5 h -> 15:30 CEST
        # = 13:30 UTC (a fixed UTC+1 would say 14:30 UTC).
        ticket = self._ticket_at(ams(2026, 3, 28, 16, 30), system, high)
        self.assertEqual(ticket.sla_priority_id, self.p_critical)
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 3, 29, 13, 30))
        # Sat 24 Oct 16:30 CEST (14:30 UTC): Sat 0.5 h; Sun 25 Oct 08:00-15:30 CET
        # = 7.5 h -> 15:30 CET = 14:30 UTC (a fixed UTC+2 would say 13:30 UTC).
        ticket = self._ticket_at(ams(2026, 10, 24, 16, 30), system, high)
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 10, 25, 14, 30))
