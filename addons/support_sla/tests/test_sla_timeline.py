# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import random
from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SlaCalendarCommon, ams, utc


@tagged("post_install", "-at_install")
class TestSlaTimeline(SlaCalendarCommon):
    """Every target kind on the plans' calendars (Europe/Amsterdam).

    2026 facts used below: DST ends Sun 25 Oct (CEST UTC+2 -> CET UTC+1); King's Day
    Mon 27 Apr; Liberation Day Tue 5 May (not a public holiday in 2026 for the
    holidays package, added by hand every year); Christmas Fri 25 + Sat 26 Dec.
    """

    # -- the SLA terms' worked examples (Light: business days 08:00-17:00) -----
    def test_high_8_business_hours(self):
        # Thu 22 Oct 15:00 CEST: Thu 15-17 = 2 h, Fri 08-14 = 6 h -> Fri 23 Oct 14:00
        # CEST = 12:00 UTC.
        due = self.deadline(self.cal_light, ams(2026, 10, 22, 15), "business_hours", 8)
        self.assertEqual(due, utc(2026, 10, 23, 12))

    def test_medium_end_of_next_working_day(self):
        # Fri 30 Oct 10:00 CET: first working day after Friday is Mon 2 Nov, its
        # window ends 17:00 CET = 16:00 UTC.
        due = self.deadline(self.cal_light, ams(2026, 10, 30, 10), "next_day_end")
        self.assertEqual(due, utc(2026, 11, 2, 16))

    # -- business minutes / hours ---------------------------------------------
    def test_minutes_across_weekend(self):
        # Fri 30 Oct 16:55 CET + 10 min: 5 min on Friday, 5 min from Mon 08:00 ->
        # Mon 2 Nov 08:05 CET = 07:05 UTC.
        due = self.deadline(
            self.cal_light, ams(2026, 10, 30, 16, 55), "business_minutes", 10
        )
        self.assertEqual(due, utc(2026, 11, 2, 7, 5))

    def test_hours_ending_at_window_end_stay_there(self):
        # Fri 30 Oct 15:00 + 2 h = Fri 17:00 CET (16:00 UTC), not Monday 08:00.
        due = self.deadline(self.cal_light, ams(2026, 10, 30, 15), "business_hours", 2)
        self.assertEqual(due, utc(2026, 10, 30, 16))

    def test_hours_start_outside_working_time(self):
        # Sat 31 Oct 11:00: counts from Mon 2 Nov 08:00 CET; + 4 h = 12:00 CET = 11:00
        # UTC.
        due = self.deadline(self.cal_light, ams(2026, 10, 31, 11), "business_hours", 4)
        self.assertEqual(due, utc(2026, 11, 2, 11))
        # Mon 2 Nov 06:30, before opening: 08:00 + 1 h = 09:00 CET = 08:00 UTC.
        due = self.deadline(
            self.cal_light, ams(2026, 11, 2, 6, 30), "business_hours", 1
        )
        self.assertEqual(due, utc(2026, 11, 2, 8))

    def test_hours_across_dst_change(self):
        # Fri 23 Oct 15:00 CEST (13:00 UTC) + 8 h: Fri 15-17 = 2 h; clocks go back on
        # Sunday; Mon 26 Oct 08-14 CET = 6 h -> Mon 14:00 CET = 13:00 UTC (72 UTC
        # hours after the start, although only 71 local hours passed).
        due = self.deadline(self.cal_light, ams(2026, 10, 23, 15), "business_hours", 8)
        self.assertEqual(due, utc(2026, 10, 26, 13))

    def test_hours_across_public_holiday(self):
        # Fri 24 Apr 16:00 CEST + 2 h: Fri 16-17 = 1 h; Mon 27 Apr is King's Day;
        # Tue 28 Apr 08-09 = 1 h -> Tue 09:00 CEST = 07:00 UTC.
        due = self.deadline(self.cal_light, ams(2026, 4, 24, 16), "business_hours", 2)
        self.assertEqual(due, utc(2026, 4, 28, 7))

    # -- business days --------------------------------------------------------
    def test_days_across_public_holiday(self):
        # Low, 3 business days from Thu 23 Apr 11:00 CEST: Fri 24 (1), Mon 27 is King's
        # Day, Tue 28 (2), Wed 29 (3) -> Wed 29 Apr 11:00 CEST = 09:00 UTC.
        due = self.deadline(self.cal_light, ams(2026, 4, 23, 11), "business_days", 3)
        self.assertEqual(due, utc(2026, 4, 29, 9))

    def test_days_across_dst_same_local_time(self):
        # Fri 23 Oct 10:00 CEST (08:00 UTC) + 1 business day = Mon 26 Oct 10:00 CET
        # (09:00 UTC): the same local time, DST or not.
        due = self.deadline(self.cal_light, ams(2026, 10, 23, 10), "business_days", 1)
        self.assertEqual(due, utc(2026, 10, 26, 9))

    def test_days_start_at_opening_and_outside_working_time(self):
        # Mon 2 Nov 08:00 + 1 business day = 9 h of work = Mon 17:00 CET (16:00 UTC):
        # Tue 08:00 has no working time before it that day, so Monday's end counts.
        due = self.deadline(self.cal_light, ams(2026, 11, 2, 8), "business_days", 1)
        self.assertEqual(due, utc(2026, 11, 2, 16))
        # Sat 31 Oct 10:00 + 2 business days: the clock starts Mon 08:00 -> Tue 3 Nov
        # 17:00 CET = 16:00 UTC (18 h of work).
        due = self.deadline(self.cal_light, ams(2026, 10, 31, 10), "business_days", 2)
        self.assertEqual(due, utc(2026, 11, 3, 16))

    # -- end of next working day / end of working day + N ---------------------------
    def test_next_day_end_hand_added_holiday(self):
        # Mon 4 May 10:00 CEST: the next working day would be Tue 5 May, Liberation
        # Day, added by hand every year -> Wed 6 May 17:00 CEST = 15:00 UTC.
        due = self.deadline(self.cal_light, ams(2026, 5, 4, 10), "next_day_end")
        self.assertEqual(due, utc(2026, 5, 6, 15))
        # On a calendar without that extra day (PrioritySupport: public holidays) the
        # next working day is Tue 5 May: 17:00 CEST = 15:00 UTC.
        due = self.deadline(self.cal_003, ams(2026, 5, 4, 10), "next_day_end")
        self.assertEqual(due, utc(2026, 5, 5, 15))

    def test_day_end_plus_over_christmas(self):
        # Thu 24 Dec 10:00 CET: end of Thursday + 3 working days; Fri 25 and Sat 26
        # Dec are Christmas, then Mon 28 (1), Tue 29 (2), Wed 30 (3) -> Wed 30 Dec
        # 17:00 CET = 16:00 UTC.
        due = self.deadline(self.cal_light, ams(2026, 12, 24, 10), "day_end_plus", 3)
        self.assertEqual(due, utc(2026, 12, 30, 16))

    def test_day_end_plus_from_day_off_or_after_hours(self):
        # Sat 31 Oct: counts from Mon 2 Nov; + 3 -> Thu 5 Nov 17:00 CET = 16:00 UTC.
        due = self.deadline(self.cal_light, ams(2026, 10, 31, 12), "day_end_plus", 3)
        self.assertEqual(due, utc(2026, 11, 5, 16))
        # Fri 30 Oct 18:00, Friday's working time is over: same as from Saturday.
        due = self.deadline(self.cal_light, ams(2026, 10, 30, 18), "day_end_plus", 3)
        self.assertEqual(due, utc(2026, 11, 5, 16))
        # Fri 30 Oct 10:00 + 0: end of that Friday, 17:00 CET = 16:00 UTC.
        due = self.deadline(self.cal_light, ams(2026, 10, 30, 10), "day_end_plus", 0)
        self.assertEqual(due, utc(2026, 10, 30, 16))

    def test_every_kind_across_weekend_holiday_dst_and_extra_day(self):
        """Each target kind over the DST weekend (Sat 24 - Sun 25 Oct), King's Day
        (Mon 27 Apr, after a weekend) and the hand-added Liberation Day (Tue 5 May),
        on 08:00-17:00 (CEST = UTC+2, CET = UTC+1)."""
        cases = [
            # DST weekend
            # Fri 23 Oct 16:55 CEST + 10 min: 5 min Fri, Mon 26 Oct 08:05 CET
            (
                ams(2026, 10, 23, 16, 55),
                "business_minutes",
                10,
                utc(2026, 10, 26, 7, 5),
            ),
            # Fri 23 Oct 16:00 CEST + 2 h: 1 h Fri, Mon 26 Oct 09:00 CET
            (ams(2026, 10, 23, 16), "business_hours", 2, utc(2026, 10, 26, 8)),
            # Fri 23 Oct 10:00 CEST + 1 day: Mon 26 Oct 10:00 CET
            (ams(2026, 10, 23, 10), "business_days", 1, utc(2026, 10, 26, 9)),
            # Fri 23 Oct: next working day Mon 26 Oct, ends 17:00 CET
            (ams(2026, 10, 23, 10), "next_day_end", 0, utc(2026, 10, 26, 16)),
            # end of Fri 23 Oct + 1 working day: Mon 26 Oct 17:00 CET
            (ams(2026, 10, 23, 10), "day_end_plus", 1, utc(2026, 10, 26, 16)),
            # King's Day after a weekend
            # Fri 24 Apr 16:55 CEST + 10 min: 5 min Fri, Tue 28 Apr 08:05 CEST
            (ams(2026, 4, 24, 16, 55), "business_minutes", 10, utc(2026, 4, 28, 6, 5)),
            # Fri 24 Apr 10:00 + 1 day: Tue 28 Apr 10:00 CEST
            (ams(2026, 4, 24, 10), "business_days", 1, utc(2026, 4, 28, 8)),
            # next working day after Fri 24 Apr: Tue 28 Apr, ends 17:00 CEST
            (ams(2026, 4, 24, 10), "next_day_end", 0, utc(2026, 4, 28, 15)),
            # end of Fri 24 Apr + 1 working day: Tue 28 Apr 17:00 CEST
            (ams(2026, 4, 24, 10), "day_end_plus", 1, utc(2026, 4, 28, 15)),
            # Liberation Day (hand-added) on Tue 5 May
            # Mon 4 May 16:55 + 10 min: Wed 6 May 08:05 CEST
            (ams(2026, 5, 4, 16, 55), "business_minutes", 10, utc(2026, 5, 6, 6, 5)),
            # Mon 4 May 16:00 + 2 h: 1 h Mon, Wed 6 May 09:00 CEST
            (ams(2026, 5, 4, 16), "business_hours", 2, utc(2026, 5, 6, 7)),
            # Mon 4 May 10:00 + 1 day: Wed 6 May 10:00 CEST
            (ams(2026, 5, 4, 10), "business_days", 1, utc(2026, 5, 6, 8)),
            # end of Mon 4 May + 1 working day: Wed 6 May 17:00 CEST
            (ams(2026, 5, 4, 10), "day_end_plus", 1, utc(2026, 5, 6, 15)),
        ]
        for start, kind, value, expected in cases:
            with self.subTest(start=start, kind=kind, value=value):
                self.assertEqual(
                    self.deadline(self.cal_light, start, kind, value), expected
                )

    def test_none_is_no_deadline(self):
        self.assertIsNone(self.deadline(self.cal_light, ams(2026, 10, 30, 10), "none"))

    # -- pauses ---------------------------------------------------------------
    def test_pause_spanning_a_night(self):
        # 8 h from Mon 2 Nov 09:00 CET would end Mon 17:00. Paused Mon 16:00 -> Tue
        # 10:00: 1 h (Mon 16-17) + 2 h (Tue 08-10) of working time = 3 h -> Tue 11:00
        # CET = 10:00 UTC (clock stopped with 1 h left, resumed Tue 10:00 + 1 h).
        due = self.deadline(
            self.cal_light,
            ams(2026, 11, 2, 9),
            "business_hours",
            8,
            pauses=[(ams(2026, 11, 2, 16), ams(2026, 11, 3, 10))],
        )
        self.assertEqual(due, utc(2026, 11, 3, 10))

    def test_pause_moves_day_targets_and_late_pause_ignored(self):
        # End of next working day from Fri 30 Oct 10:00 = Mon 2 Nov 17:00 CET. Paused
        # Fri 11:00-12:00 (1 h of working time) -> Tue 3 Nov 09:00 CET = 08:00 UTC.
        # A pause starting after the deadline (Tue 3 Nov 12:00) changes nothing.
        due = self.deadline(
            self.cal_light,
            ams(2026, 10, 30, 10),
            "next_day_end",
            pauses=[
                (ams(2026, 10, 30, 11), ams(2026, 10, 30, 12)),
                (ams(2026, 11, 3, 12), ams(2026, 11, 4, 12)),
            ],
        )
        self.assertEqual(due, utc(2026, 11, 3, 8))

    def test_open_pause_counts_until_now(self):
        # 4 h from Mon 2 Nov 08:00 = 12:00; paused since 10:00 and still paused at
        # 11:30 ("now"): 1.5 h -> 13:30 CET = 12:30 UTC.
        timeline = self.cal_light._sla_timeline(ams(2026, 11, 2, 8))
        from ..tools.sla_timeline import from_ts, to_ts

        due = timeline.deadline(
            to_ts(ams(2026, 11, 2, 8)),
            ("business_hours", 4),
            [(to_ts(ams(2026, 11, 2, 10)), None)],
            now=to_ts(ams(2026, 11, 2, 11, 30)),
        )
        self.assertEqual(from_ts(due), utc(2026, 11, 2, 12, 30))

    # -- add-on windows ---------------------------------------------------------
    def test_extended_window_widens_plan_calendar(self):
        # Light + Extended (07-23 business days): 10 min from Fri 30 Oct 22:55 CET =
        # 5 min Friday + Mon 2 Nov 07:00-07:05 -> 07:05 CET = 06:05 UTC.
        due = self.deadline(
            self.cal_light | self.cal_extended,
            ams(2026, 10, 30, 22, 55),
            "business_minutes",
            10,
        )
        self.assertEqual(due, utc(2026, 11, 2, 6, 5))
        # Light alone: Fri 22:55 is after hours -> Mon 08:10 CET = 07:10 UTC.
        due = self.deadline(
            self.cal_light, ams(2026, 10, 30, 22, 55), "business_minutes", 10
        )
        self.assertEqual(due, utc(2026, 11, 2, 7, 10))

    def test_365_window_covers_weekend_and_holiday(self):
        # Light + 365 (every day 08-17): Sat 31 Oct 10:00 + 10 min = 10:10 CET =
        # 09:10 UTC; on King's Day Mon 27 Apr 09:00 CEST + 10 min = 07:10 UTC.
        both = self.cal_light | self.cal_365
        due = self.deadline(both, ams(2026, 10, 31, 10), "business_minutes", 10)
        self.assertEqual(due, utc(2026, 10, 31, 9, 10))
        due = self.deadline(both, ams(2026, 4, 27, 9), "business_minutes", 10)
        self.assertEqual(due, utc(2026, 4, 27, 7, 10))

    def test_premium_incident_window(self):
        # PrioritySupport A incident, Premium response 1 h on 09-17 widened to 06-23:
        # created Tue 3 Nov 06:30 CET -> 07:30 CET = 06:30 UTC. Without Premium (2 h on
        # 09-17): 09:00 + 2 h = 11:00 CET = 10:00 UTC.
        due = self.deadline(
            self.cal_003 | self.cal_premium,
            ams(2026, 11, 3, 6, 30),
            "business_hours",
            1,
        )
        self.assertEqual(due, utc(2026, 11, 3, 6, 30))
        due = self.deadline(self.cal_003, ams(2026, 11, 3, 6, 30), "business_hours", 2)
        self.assertEqual(due, utc(2026, 11, 3, 10))

    def test_lunch_break_and_split_days(self):
        # A calendar 08-12 and 13-17: 5 h from Mon 2 Nov 10:00 = 10-12 (2 h) + 13-16
        # (3 h) -> 16:00 CET = 15:00 UTC. 2 h from 10:00 ends 12:00 exactly and stays.
        calendar = self._make_calendar(
            "Split", {day: [(8, 12), (13, 17)] for day in range(5)}
        )
        self.assertEqual(
            self.deadline(calendar, ams(2026, 11, 2, 10), "business_hours", 5),
            utc(2026, 11, 2, 15),
        )
        self.assertEqual(
            self.deadline(calendar, ams(2026, 11, 2, 10), "business_hours", 2),
            utc(2026, 11, 2, 11),
        )

    def test_far_deadline_extends_timeline(self):
        # 1800 business hours (200 days of 9 h, far beyond the first 45-day fetch)
        # from Mon 2 Nov 2026 09:00 run into 2027: the timeline grows as needed and
        # agrees with plan_hours on the same days off.
        start = ams(2026, 11, 2, 9)
        self.cal_light._sla_generate_holidays([2027])
        ours = self.deadline(self.cal_light, start, "business_hours", 1800)
        theirs = self.cal_light.plan_hours(1800, start, compute_leaves=True)
        self.assertEqual(ours, theirs)

    # -- equality with Odoo's plan_hours -------------------------------------------
    def test_same_result_as_plan_hours_on_a_sample(self):
        """Business hours agree with resource.calendar.plan_hours on 200 random
        starts (holidays, weekends and the DST change included)."""
        rng = random.Random(4)
        calendar = self.cal_light
        first = utc(2026, 3, 1)
        timeline = calendar._sla_timeline(first, utc(2026, 12, 31))
        from ..tools.sla_timeline import from_ts, to_ts

        for _i in range(200):
            start = first + timedelta(minutes=rng.randrange(0, 300 * 24 * 60))
            hours = rng.choice([0.25, 1, 4, 8, 16, 27])
            ours = from_ts(timeline.deadline(to_ts(start), ("business_hours", hours)))
            theirs = calendar.plan_hours(hours, start, compute_leaves=True)
            self.assertEqual(ours, theirs.replace(microsecond=0), f"{start} + {hours}h")

    # -- bad configuration -----------------------------------------------------------
    def test_calendar_without_working_time_refused(self):
        with self.assertRefused(ValidationError, "has no working time"):
            self.env["resource.calendar"].create(
                {
                    "name": "Empty availability",
                    "sla_availability": True,
                    "attendance_ids": [Command.clear()],
                }
            )
        self.assertFalse(
            self.env["resource.calendar"].search([("name", "=", "Empty availability")])
        )
        with self.assertRefused(ValidationError, "has no working time"):
            self.cal_premium.attendance_ids = [Command.clear()]
        self.cal_premium.invalidate_recordset()
        self.assertEqual(len(self.cal_premium.attendance_ids), 5)
