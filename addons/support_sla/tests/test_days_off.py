# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Days off as a country lives them, and add-ons that cover days off."""

from datetime import date, datetime

import pytz
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools.sla_evaluator import AddonRule
from ..tools.sla_timeline import from_ts, to_ts
from .common import SlaCalendarCommon, ams, utc

STO = pytz.timezone("Europe/Stockholm")


def sto(*args):
    """Stockholm local time -> naive UTC datetime."""
    return STO.localize(datetime(*args)).astimezone(pytz.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestDaysOff(SlaCalendarCommon):
    def _due(self, entries, start, kind, value):
        timeline = self.env["resource.calendar"]._sla_timeline_of(entries, start)
        return from_ts(timeline.deadline(to_ts(start), (kind, value), []))

    def _days(self, calendar, year):
        return {
            leave.sla_holiday_date: leave
            for leave in calendar.sla_holiday_leave_ids
            if leave.sla_holiday_date.year == year
        }

    def _swedish_calendar(self, **holiday_settings):
        calendar = self._make_calendar(
            "SE 08-17", {d: [(8, 17)] for d in range(5)}, tz="Europe/Stockholm"
        )
        calendar.write(
            {"sla_holiday_country_id": self.env.ref("base.se").id, **holiday_settings}
        )
        return calendar

    # ------------------------------------------------------------------
    # 365: the days the plan's calendar is off
    # ------------------------------------------------------------------
    def test_365_on_christmas_friday_and_kings_day(self):
        """Light (business days 08:00-17:00, Dutch holidays) + 365 (08:00-17:00 on
        the plan's days off), a Critical 10-minute response:
        - Fri 25 Dec 2026 10:00 CET (Christmas, a weekday holiday): the 365 window
          covers it -> 10:10 CET = 09:10 UTC (not Sat 26 Dec 08:10).
        - Mon 27 Apr 2026 09:00 CEST (King's Day) -> 09:10 CEST = 07:10 UTC.
        - Sat 31 Oct 2026 10:00 CET (weekend) -> 10:10 CET = 09:10 UTC.
        """
        self.cal_light._sla_generate_holidays([2026])
        entries = (self.cal_light.id, (self.cal_365.id, "days_off"))
        due = self._due(entries, ams(2026, 12, 25, 10), "business_minutes", 10)
        self.assertEqual(due, utc(2026, 12, 25, 9, 10))
        due = self._due(entries, ams(2026, 4, 27, 9), "business_minutes", 10)
        self.assertEqual(due, utc(2026, 4, 27, 7, 10))
        due = self._due(entries, ams(2026, 10, 31, 10), "business_minutes", 10)
        self.assertEqual(due, utc(2026, 10, 31, 9, 10))
        # without the add-on: Christmas Fri 25, Second Day Sat 26, Sun 27 off ->
        # Mon 28 Dec 08:10 CET = 07:10 UTC
        due = self._due(
            (self.cal_light.id,), ams(2026, 12, 25, 10), "business_minutes", 10
        )
        self.assertEqual(due, utc(2026, 12, 28, 7, 10))

    def test_365_follows_holidays_added_to_the_plan_calendar(self):
        """A company day added to the plan's calendar (Fri 11 Dec 2026) is a day
        off the 365 window covers by itself: 10:00 CET + 10 min = 09:10 UTC.
        On a working day the 365 window adds nothing: PrioritySupport 09:00-17:00
        + 365 on Mon 7 Dec 08:00 CET -> 09:10 CET = 08:10 UTC (every day as it
        is: 08:10 CET = 07:10 UTC)."""
        entries = (self.cal_light.id, (self.cal_365.id, "days_off"))
        # before: Fri 11 Dec is a working day of the plan: 10:10 CET = 09:10 UTC
        # too, but counted on the plan's own window; at 08:00 before it
        self.env["support.sla.extra.day"].create(
            {
                "name": "Company day",
                "calendar_id": self.cal_light.id,
                "date": "2026-12-11",
            }
        )
        due = self._due(entries, ams(2026, 12, 11, 10), "business_minutes", 10)
        self.assertEqual(due, utc(2026, 12, 11, 9, 10))
        due = self._due(
            (self.cal_light.id,), ams(2026, 12, 11, 10), "business_minutes", 10
        )
        # plan alone: Fri 11 off, weekend -> Mon 14 Dec 08:10 CET = 07:10 UTC
        self.assertEqual(due, utc(2026, 12, 14, 7, 10))
        plan_003 = self.cal_003.id
        due = self._due(
            (plan_003, (self.cal_365.id, "days_off")),
            ams(2026, 12, 7, 8),
            "business_minutes",
            10,
        )
        self.assertEqual(due, utc(2026, 12, 7, 8, 10))
        due = self._due(
            (plan_003, self.cal_365.id), ams(2026, 12, 7, 8), "business_minutes", 10
        )
        self.assertEqual(due, utc(2026, 12, 7, 7, 10))

    def test_extended_only_on_working_days(self):
        """Extended "more hours on working days" (every day 07:00-23:00 as a
        calendar): Light + Extended on Christmas Fri 25 Dec 2026 10:00 CET counts
        nothing on the holiday, the weekend or Second Day -> Mon 28 Dec 07:10 CET
        = 06:10 UTC; on Mon 7 Dec 07:00 CET -> 07:10 CET = 06:10 UTC."""
        every_day = self._make_calendar("07-23", {d: [(7, 23)] for d in range(7)})
        self.cal_light._sla_generate_holidays([2026])
        entries = (self.cal_light.id, (every_day.id, "working_days"))
        due = self._due(entries, ams(2026, 12, 25, 10), "business_minutes", 10)
        self.assertEqual(due, utc(2026, 12, 28, 6, 10))
        due = self._due(entries, ams(2026, 12, 7, 7), "business_minutes", 10)
        self.assertEqual(due, utc(2026, 12, 7, 6, 10))

    # ------------------------------------------------------------------
    # Sweden: de facto days and half days
    # ------------------------------------------------------------------
    def test_sweden_de_facto_days(self):
        """SE public + de facto, business days 08:00-17:00 Europe/Stockholm,
        2 business hours:
        - Thu 18 Jun 2026 16:00 CEST: 1 h to 17:00; Fri 19 Midsommarafton off,
          weekend -> Mon 22 Jun 09:00 CEST = 07:00 UTC.
        - Wed 23 Dec 16:00 CET: 1 h; Thu 24 Julafton, Fri 25 Juldagen, weekend off
          -> Mon 28 Dec 09:00 CET = 08:00 UTC.
        - Wed 30 Dec 16:00 CET: 1 h; Thu 31 Nyårsafton, Fri 1 Jan 2027 off,
          weekend -> Mon 4 Jan 2027 09:00 CET = 08:00 UTC (2027 generated by the
          deadline itself).
        Public only: Thu 31 Dec is a working day -> Thu 31 Dec 09:00 CET = 08:00
        UTC."""
        self.env["res.lang"]._activate_lang("sv_SE")
        calendar = self._swedish_calendar(sla_holiday_de_facto=True)
        calendar.company_id.partner_id.lang = "sv_SE"
        calendar._sla_generate_holidays([2026])
        days = self._days(calendar, 2026)
        self.assertEqual(days[date(2026, 6, 19)].name, "Midsommarafton")
        self.assertEqual(days[date(2026, 12, 24)].name, "Julafton")
        self.assertEqual(days[date(2026, 12, 31)].name, "Nyårsafton")
        entries = (calendar.id,)
        cases = [
            (sto(2026, 6, 18, 16), utc(2026, 6, 22, 7)),
            (sto(2026, 12, 23, 16), utc(2026, 12, 28, 8)),
            (sto(2026, 12, 30, 16), utc(2027, 1, 4, 8)),
        ]
        for start, expected in cases:
            self.assertEqual(self._due(entries, start, "business_hours", 2), expected)
        self.assertGreaterEqual(calendar.sla_holidays_until, 2027)
        calendar.sla_holiday_de_facto = False
        self.assertNotIn(date(2026, 12, 31), self._days(calendar, 2026))
        self.assertEqual(
            self._due(entries, sto(2026, 12, 30, 16), "business_hours", 2),
            utc(2026, 12, 31, 8),
        )

    def test_sweden_half_day_from_2pm(self):
        """SE public + bank: Thu 18 Jun 2026 "Day before Midsummer Eve (from 2pm)"
        is off from 14:00 CEST (= 12:00 UTC) to the end of the day. Thu 13:00 CEST
        + 2 business hours: 1 h to 14:00, Fri 19 (bank: Midsommarafton) off,
        weekend -> Mon 22 Jun 09:00 CEST = 07:00 UTC."""
        calendar = self._swedish_calendar(sla_holiday_bank=True)
        calendar._sla_generate_holidays([2026])
        half = self._days(calendar, 2026)[date(2026, 6, 18)]
        self.assertEqual(half.date_from, utc(2026, 6, 18, 12))
        self.assertEqual(half.date_to, utc(2026, 6, 18, 22))
        self.assertEqual(
            self._due((calendar.id,), sto(2026, 6, 18, 13), "business_hours", 2),
            utc(2026, 6, 22, 7),
        )
        # a listed day to skip is a working day again
        calendar.sla_holiday_skip = "Day before Midsummer Eve (from 2pm)"
        self.assertNotIn(date(2026, 6, 18), self._days(calendar, 2026))
        # 13:00 + 2 h: 1 h to 14:00, 1 h to 15:00 CEST = 13:00 UTC
        self.assertEqual(
            self._due((calendar.id,), sto(2026, 6, 18, 13), "business_hours", 2),
            utc(2026, 6, 18, 13),
        )

    def test_category_the_country_lacks_refused(self):
        with self.assertRefused(ValidationError, "no .*holidays for"):
            self.cal_light.sla_holiday_de_facto = True
        self.assertFalse(self.cal_light.sla_holiday_de_facto)
        with self.assertRefused(ValidationError, "not a holiday the holidays package"):
            self.cal_light.sla_holiday_skip = "Midsummer Day"

    # ------------------------------------------------------------------
    # Hand-added days relative to a holiday
    # ------------------------------------------------------------------
    def test_relative_days_in_two_years(self):
        """ "The day before Midsummer Day" (SE): Midsummer Day is Sat 20 Jun 2026
        and Sat 26 Jun 2027 -> Fri 19 Jun 2026 and Fri 25 Jun 2027. "Friday after
        Ascension" (NL): Ascension Day Thu 14 May 2026 and Thu 6 May 2027 -> Fri
        15 May 2026 and Fri 7 May 2027."""
        calendar = self._swedish_calendar()
        Extra = self.env["support.sla.extra.day"]
        Extra.create(
            {
                "name": "Day before Midsummer Day",
                "calendar_id": calendar.id,
                "relative_to": "Midsummer Day",
                "offset_days": -1,
            }
        )
        Extra.create(
            {
                "name": "Friday after Ascension",
                "calendar_id": self.cal_light.id,
                "relative_to": "Ascension Day",
                "offset_days": 1,
            }
        )
        for cal in (calendar, self.cal_light):
            cal._sla_generate_holidays([2026, 2027])
        se_2026, se_2027 = self._days(calendar, 2026), self._days(calendar, 2027)
        self.assertEqual(se_2026[date(2026, 6, 19)].sla_holiday_origin, "extra")
        self.assertEqual(se_2027[date(2027, 6, 25)].name, "Day before Midsummer Day")
        self.assertEqual(
            self._days(self.cal_light, 2026)[date(2026, 5, 15)].sla_holiday_origin,
            "extra",
        )
        self.assertIn(date(2027, 5, 7), self._days(self.cal_light, 2027))
        with self.assertRefused(ValidationError, "Known: "):
            Extra.create(
                {
                    "name": "Bad",
                    "calendar_id": calendar.id,
                    "relative_to": "Midsummer",
                }
            )
        with self.assertRefused(ValidationError, "needs a date"):
            Extra.create({"name": "No date", "calendar_id": calendar.id})

    # ------------------------------------------------------------------
    # Holidays for every year a deadline needs
    # ------------------------------------------------------------------
    @freeze_time("2026-12-10 10:00:00")
    def test_deadline_three_years_ahead_generates_missing_years(self):
        """A calendar given its country on 10 Dec 2026 has 2026 and 2027 at once.
        A deadline from Mon 31 Dec 2029 16:00 CET + 2 business hours: 1 h to
        17:00, Tue 1 Jan 2030 (New Year) off -> Wed 2 Jan 2030 09:00 CET = 08:00
        UTC. It generates 2028, 2029 and 2030 (never a gap): King's Day Thu 27 Apr
        2028 and Fri 27 Apr 2029 exist. A second deadline in the same months runs
        no query (the windows are cached per calendar and month)."""
        calendar = self._make_calendar("NL new", {d: [(8, 17)] for d in range(5)})
        calendar.sla_holiday_country_id = self.nl
        self.assertEqual(
            (calendar.sla_holidays_from, calendar.sla_holidays_until), (2026, 2027)
        )
        self.env.registry.clear_cache()
        due = self._due((calendar.id,), ams(2029, 12, 31, 16), "business_hours", 2)
        self.assertEqual(due, utc(2030, 1, 2, 8))
        self.assertEqual(
            (calendar.sla_holidays_from, calendar.sla_holidays_until), (2026, 2030)
        )
        self.assertIn(date(2028, 4, 27), self._days(calendar, 2028))
        self.assertIn(date(2029, 4, 27), self._days(calendar, 2029))
        with self.assertQueryCount(0):
            due = self._due((calendar.id,), ams(2029, 12, 31, 15), "business_hours", 2)
        # 15:00 + 2 h = 17:00 CET = 16:00 UTC
        self.assertEqual(due, utc(2029, 12, 31, 16))

    # ------------------------------------------------------------------
    # Critical issues only
    # ------------------------------------------------------------------
    def test_critical_only_is_honoured(self):
        """An add-on for critical issues only listing two priorities covers only
        the highest one (ids 1 = highest, 2 = another)."""
        rule = AddonRule(
            id=1,
            calendar_id=7,
            priority_ids=frozenset({1, 2}),
            type_ids=frozenset(),
            critical_only=True,
        )
        self.assertTrue(rule.covers(1, False, 1))
        self.assertFalse(rule.covers(2, False, 1))
        self.assertTrue(rule._replace(critical_only=False).covers(2, False, 1))
