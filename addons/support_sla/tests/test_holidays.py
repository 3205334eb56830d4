# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SlaCalendarCommon, utc


@tagged("post_install", "-at_install")
class TestSlaHolidays(SlaCalendarCommon):
    def _days(self, calendar, year):
        leaves = calendar.sla_holiday_leave_ids.filtered(
            lambda leave: leave.sla_holiday_date.year == year
        )
        return {leave.sla_holiday_date: leave for leave in leaves}

    def test_dutch_holidays_2026_in_company_language(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        calendar = self._make_calendar("NL", {d: [(8, 17)] for d in range(5)})
        calendar.company_id.partner_id.lang = "nl_NL"
        calendar.sla_holiday_country_id = self.nl
        calendar._sla_generate_holidays([2026])
        days = self._days(calendar, 2026)
        # The holidays package's NL list for 2026 (Liberation Day only in lustrum
        # years): New Year, Good Friday, Easter Sunday and Monday, King's Day,
        # Ascension, Whit Sunday and Monday, Christmas 1st and 2nd = 10 days.
        self.assertEqual(len(days), 10)
        self.assertEqual(days[date(2026, 4, 27)].name, "Koningsdag")
        self.assertEqual(days[date(2026, 4, 27)].sla_holiday_origin, "public")
        self.assertNotIn(date(2026, 5, 5), days)
        # Stored as a whole local day in UTC: 27 Apr 00:00 CEST = 26 Apr 22:00 UTC
        # to 28 Apr 00:00 CEST = 27 Apr 22:00 UTC.
        king = days[date(2026, 4, 27)]
        self.assertEqual(king.date_from, utc(2026, 4, 26, 22))
        self.assertEqual(king.date_to, utc(2026, 4, 27, 22))
        self.assertFalse(king.resource_id)
        self.assertEqual(king.calendar_id, calendar)

    def test_swedish_holidays_2026_in_company_language(self):
        """A Swedish provider: the holidays package's SE days named in Swedish."""
        self.env["res.lang"]._activate_lang("sv_SE")
        calendar = self._make_calendar(
            "SE", {d: [(8, 17)] for d in range(5)}, tz="Europe/Stockholm"
        )
        calendar.company_id.partner_id.lang = "sv_SE"
        calendar.sla_holiday_country_id = self.env.ref("base.se")
        calendar._sla_generate_holidays([2026])
        days = self._days(calendar, 2026)
        # New Year, Epiphany, Good Friday, Easter Sunday and Monday, 1 May,
        # Ascension, Whit Sunday, National Day, Midsummer Day, All Saints' Day,
        # Christmas Day, Boxing Day = 13 days
        self.assertEqual(len(days), 13)
        self.assertEqual(days[date(2026, 6, 6)].name, "Nationaldagen")
        self.assertEqual(days[date(2026, 6, 20)].name, "Midsommardagen")
        # a whole local day of Stockholm: 6 Jun 00:00 CEST = 5 Jun 22:00 UTC
        self.assertEqual(days[date(2026, 6, 6)].date_from, utc(2026, 6, 5, 22))

    def test_english_names_and_extra_day_every_year(self):
        # cal_light: company language en_US, Liberation Day added by hand every year.
        self.cal_light.company_id.partner_id.lang = "en_US"
        self.cal_light._sla_generate_holidays([2026, 2030])
        days = self._days(self.cal_light, 2026)
        self.assertEqual(days[date(2026, 4, 27)].name, "King's Day")
        # 10 public days + Liberation Day (extra) = 11
        self.assertEqual(len(days), 11)
        self.assertEqual(days[date(2026, 5, 5)].sla_holiday_origin, "extra")
        self.assertEqual(days[date(2026, 5, 5)].name, "Liberation Day")
        # 2030 is a lustrum year: the package has Liberation Day too; one day off only.
        days_2030 = self._days(self.cal_light, 2030)
        self.assertEqual(len(days_2030), 11)
        self.assertEqual(self.cal_light.sla_holidays_until, 2030)

    def test_generation_is_idempotent_and_follows_config(self):
        before = len(self.cal_light.sla_holiday_leave_ids)
        self.cal_light._sla_generate_holidays([2026])
        self.assertEqual(len(self.cal_light.sla_holiday_leave_ids), before)
        # A one-off company day is added at once for the years already generated.
        self.env["support.sla.extra.day"].create(
            {
                "name": "Company outing",
                "calendar_id": self.cal_light.id,
                "date": "2026-06-12",
            }
        )
        self.assertIn(date(2026, 6, 12), self._days(self.cal_light, 2026))
        # Removing the extra day removes its day off.
        self.cal_light.sla_extra_day_ids.filtered(
            lambda day: day.name == "Company outing"
        ).unlink()
        self.assertNotIn(date(2026, 6, 12), self._days(self.cal_light, 2026))
        # A time off entered by hand is never touched by regeneration.
        manual = self.env["resource.calendar.leaves"].create(
            {
                "name": "Staff day",
                "calendar_id": self.cal_light.id,
                "date_from": utc(2026, 9, 10, 6),
                "date_to": utc(2026, 9, 10, 15),
            }
        )
        self.cal_light._sla_generate_holidays([2026])
        self.assertTrue(manual.exists())

    @freeze_time("2026-12-15 10:00:00")
    def test_cron_keeps_next_year_ready(self):
        self.env["resource.calendar"]._cron_sla_generate_holidays()
        self.assertEqual(self.cal_light.sla_holidays_until, 2027)
        days_2027 = self._days(self.cal_light, 2027)
        # 2027: 10 public days (King's Day on Tue 27 Apr) + Liberation Day (extra).
        self.assertEqual(len(days_2027), 11)
        self.assertIn(date(2027, 4, 27), days_2027)
        # Removing the country drops the generated public days of this and next
        # year, the hand-added day stays.
        self.cal_light.sla_holiday_country_id = False
        days_2027 = self._days(self.cal_light, 2027)
        self.assertEqual(list(days_2027), [date(2027, 5, 5)])

    def test_cron_counts_the_year_in_the_calendar_zone(self):
        """The monthly run at 00:30 Amsterdam on 1 January 2027 (23:30 UTC on 31
        December 2026) keeps 2028 ready (by the UTC date, only 2027); at 23:30
        Amsterdam on 31 December (22:30 UTC) 2027 is the next year."""
        Calendar = self.env["resource.calendar"].with_context(tz="UTC")
        self.assertEqual(self.cal_light.tz, "Europe/Amsterdam")
        self.cal_light._sla_generate_holidays([2026])
        with freeze_time("2026-12-31 22:30:00"):
            Calendar._cron_sla_generate_holidays()
        self.assertEqual(self.cal_light.sla_holidays_until, 2027)
        with freeze_time("2026-12-31 23:30:00"):
            Calendar._cron_sla_generate_holidays()
        self.assertEqual(self.cal_light.sla_holidays_until, 2028)
        # 2028: King's Day on Thursday 27 April
        self.assertIn(date(2028, 4, 27), self._days(self.cal_light, 2028))

    def test_bad_holiday_config_refused(self):
        with self.assertRefused(ValidationError, "not a subdivision"):
            self.cal_light.write(
                {"sla_holiday_country_id": self.nl.id, "sla_holiday_subdivision": "XX"}
            )
        self.assertFalse(self.cal_light.sla_holiday_subdivision)
        atlantis = self.env["res.country"].create({"name": "Atlantis", "code": "QQ"})
        with self.assertRefused(ValidationError, "no public holidays"):
            self.cal_light.sla_holiday_country_id = atlantis
        self.assertEqual(self.cal_light.sla_holiday_country_id, self.nl)
