# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Working-time calendars, extended as SLA availability calendars: the public holidays
of a country (and subdivision) as global time off, days added by hand, and the
business-time windows the SLA evaluator counts on, cached per month.
"""

import logging
from datetime import date, datetime, time

import holidays
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import ormcache

from ..tools.sla_timeline import Timeline, day_bounds_utc, window

_logger = logging.getLogger(__name__)


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    sla_availability = fields.Boolean(
        string="Support Availability",
        help="This calendar is the availability promised by a support plan or "
        "add-on: SLA clocks run on its working time. It must have working time.",
    )
    sla_holiday_country_id = fields.Many2one(
        comodel_name="res.country",
        string="Public Holidays Of",
        help="Public holidays of this country are generated from the 'holidays' "
        "package as global time off of this calendar, named in the company "
        "language.",
    )
    sla_holiday_subdivision = fields.Char(
        string="Holiday Subdivision",
        help="Optional subdivision code of the country (e.g. BY for Bavaria), as the "
        "'holidays' package names it.",
    )
    sla_extra_day_ids = fields.One2many(
        comodel_name="support.sla.extra.day",
        inverse_name="calendar_id",
        string="Extra Days Off",
        help="Days off added by hand, once or every year (e.g. Liberation Day every "
        "year, company days).",
    )
    sla_holidays_until = fields.Integer(
        string="Holidays Generated Until",
        readonly=True,
        help="Last year for which public holidays and extra days were generated.",
    )
    sla_holiday_leave_ids = fields.One2many(
        comodel_name="resource.calendar.leaves",
        inverse_name="calendar_id",
        string="Generated Days Off",
        domain=[("sla_holiday_origin", "!=", False)],
    )

    @api.constrains(
        "sla_availability", "attendance_ids", "flexible_hours", "duration_based"
    )
    def _check_sla_working_time(self):
        for calendar in self.filtered("sla_availability"):
            calendar._sla_check_working_time()

    @api.constrains("sla_holiday_country_id", "sla_holiday_subdivision")
    def _check_sla_holiday_subdivision(self):
        for calendar in self.filtered("sla_holiday_subdivision"):
            country = calendar.sla_holiday_country_id
            if not country:
                raise ValidationError(
                    self.env._(
                        "Calendar %(calendar)s: choose the country of the holiday "
                        "subdivision %(subdivision)s.",
                        calendar=calendar.name,
                        subdivision=calendar.sla_holiday_subdivision,
                    )
                )
            supported = holidays.list_supported_countries().get(country.code, [])
            if calendar.sla_holiday_subdivision not in supported:
                raise ValidationError(
                    self.env._(
                        "Calendar %(calendar)s: %(subdivision)s is not a subdivision "
                        "of %(country)s known to the holidays package. Known: "
                        "%(known)s.",
                        calendar=calendar.name,
                        subdivision=calendar.sla_holiday_subdivision,
                        country=country.name,
                        known=", ".join(supported) or self.env._("none"),
                    )
                )

    @api.constrains("sla_holiday_country_id")
    def _check_sla_holiday_country(self):
        supported = holidays.list_supported_countries()
        for calendar in self.filtered("sla_holiday_country_id"):
            if calendar.sla_holiday_country_id.code not in supported:
                raise ValidationError(
                    self.env._(
                        "The holidays package has no public holidays for %(country)s.",
                        country=calendar.sla_holiday_country_id.name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if {"sla_holiday_country_id", "sla_holiday_subdivision"} & set(vals):
            for calendar in self.filtered("sla_holidays_until"):
                calendar._sla_generate_holidays(
                    range(fields.Date.today().year, calendar.sla_holidays_until + 1)
                )
        # (attendance_ids: the attendances' own create/write/unlink report it)
        if {"tz", "two_weeks_calendar", "flexible_hours"} & set(vals):
            self._sla_calendars_changed()
        return res

    def action_sla_generate_holidays(self):
        """Generate this year's and next year's holidays (button)."""
        self.ensure_one()
        year = fields.Date.context_today(self).year
        self._sla_generate_holidays([year, year + 1])
        return True

    # ------------------------------------------------------------------
    # Working time
    # ------------------------------------------------------------------
    def _sla_check_working_time(self):
        """Refuse a calendar SLA clocks cannot run on."""
        self.ensure_one()
        if self.flexible_hours or not any(
            att.hour_to > att.hour_from
            for att in self.attendance_ids
            if not att.display_type and att.day_period != "lunch"
        ):
            raise ValidationError(
                self.env._(
                    "The calendar %(calendar)s has no working time: SLA clocks cannot "
                    "run on it. Give it working hours (and no flexible hours).",
                    calendar=self.name,
                )
            )

    @api.model
    @ormcache("calendar_id", "year", "month")
    def _sla_month_windows(self, calendar_id, year, month):
        """Working windows of a calendar in a month of its time zone, days off out.

        Cached per process (tools.ormcache) and cleared whenever working time or
        days off change (see _sla_calendars_changed), so that a ticket's deadlines
        never fetch intervals again for a month already seen.

        :return: tuple of Timeline windows (start ts, stop ts, local day ordinal,
            UTC offset)
        """
        calendar = self.browse(calendar_id).sudo()
        tz = pytz.timezone(calendar.tz or "UTC")
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        start = tz.localize(datetime.combine(first, time.min))
        stop = tz.localize(datetime.combine(following, time.min))
        intervals = calendar._work_intervals_batch(start, stop)[False]
        return tuple(
            window(begin, end) for begin, end, _meta in intervals if end > begin
        )

    def _sla_fetch_windows(self):
        """Fetch function for a Timeline: these calendars' windows merged, grouped by
        local days of the first calendar's time zone."""
        tz_of = self._sla_cached_tz
        primary = pytz.timezone(tz_of(self[:1].id))
        calendars = [
            (calendar_id, pytz.timezone(tz_of(calendar_id))) for calendar_id in self.ids
        ]
        month_windows = self._sla_month_windows

        def fetch(start_ts, end_ts):
            windows = []
            for calendar_id, tz in calendars:
                first = datetime.fromtimestamp(start_ts, tz).date()
                last = datetime.fromtimestamp(end_ts, tz).date()
                year, month = first.year, first.month
                while (year, month) <= (last.year, last.month):
                    for win in month_windows(calendar_id, year, month):
                        if win[1] > start_ts and win[0] < end_ts:
                            if tz.zone != primary.zone:
                                local = datetime.fromtimestamp(win[0], primary)
                                win = (
                                    win[0],
                                    win[1],
                                    local.date().toordinal(),
                                    local.utcoffset().total_seconds(),
                                )
                            windows.append(win)
                    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            return windows

        return fetch

    def _sla_timeline(self, start, end=None):
        """A Timeline over the working time of these calendars merged.

        The first calendar gives the time zone of the working days.

        :param start: first moment needed (naive UTC datetime)
        :param end: last moment needed at first (naive UTC datetime)
        """
        if not self:
            raise UserError(self.env._("No availability calendar to count SLA time."))
        return Timeline(
            self._sla_fetch_windows(), self._sla_cached_tz(self[0].id), start, end
        )

    @api.model
    @ormcache("calendar_id")
    def _sla_cached_tz(self, calendar_id):
        """Time zone of a calendar, cached per process like its windows (a ticket
        created in its own transaction would read the calendar for it)."""
        return self.browse(calendar_id).sudo().tz or "UTC"

    def _sla_calendars_changed(self):
        """Working time or days off of these calendars changed: recompute the
        deadlines of the open tickets whose clocks may run on them."""
        # the cached windows of every calendar are stale (global days off apply to
        # all calendars)
        self.env.registry.clear_cache()
        calendars = self.filtered("id")
        if not calendars:
            return
        self.env["helpdesk.ticket"]._sla_recompute_where(
            [
                ("stage_id.closed", "=", False),
                ("support_contract_id", "!=", False),
                "|",
                ("support_contract_id.plan_id.calendar_id", "in", calendars.ids),
                (
                    "support_contract_id.addon_line_ids.addon_id.calendar_id",
                    "in",
                    calendars.ids,
                ),
            ]
        )

    # ------------------------------------------------------------------
    # Public holidays
    # ------------------------------------------------------------------
    def _sla_holiday_language(self):
        """Language code the holidays package should name holidays in."""
        self.ensure_one()
        lang = (self.company_id or self.env.company).partner_id.lang or "en_US"
        country = self.sla_holiday_country_id
        if not country:
            return None
        try:
            supported = holidays.country_holidays(country.code).supported_languages
        except NotImplementedError:
            return None
        for candidate in (lang, lang.split("_")[0]):
            if candidate in supported:
                return candidate
        return None

    def _sla_holidays_for_year(self, year):
        """{date: name} of the public holidays and extra days of a year."""
        self.ensure_one()
        days = {}
        if self.sla_holiday_country_id:
            public = holidays.country_holidays(
                self.sla_holiday_country_id.code,
                subdiv=self.sla_holiday_subdivision or None,
                years=[year],
                language=self._sla_holiday_language(),
            )
            for day, name in public.items():
                days[day] = (name, "public")
        for extra in self.sla_extra_day_ids:
            day = extra._date_in_year(year)
            if day:
                days[day] = (extra.name, "extra")
        return days

    def _sla_generate_holidays(self, years):
        """Create, update or remove the generated days off of these years.

        Days off entered by hand as ordinary time off are left alone; generated ones
        carry ``sla_holiday_origin`` and their date, so running this twice changes
        nothing.
        """
        Leave = self.env["resource.calendar.leaves"].sudo()
        years = sorted(set(years))
        if not years:
            return
        for calendar in self:
            existing = {
                leave.sla_holiday_date: leave
                for leave in Leave.search(
                    [
                        ("calendar_id", "=", calendar.id),
                        ("sla_holiday_origin", "!=", False),
                        ("sla_holiday_date", ">=", date(years[0], 1, 1)),
                        ("sla_holiday_date", "<=", date(years[-1], 12, 31)),
                    ]
                )
            }
            wanted = {}
            for year in years:
                wanted.update(calendar._sla_holidays_for_year(year))
            to_create = []
            for day, (name, origin) in sorted(wanted.items()):
                leave = existing.pop(day, None)
                if leave:
                    if leave.name != name or leave.sla_holiday_origin != origin:
                        leave.write({"name": name, "sla_holiday_origin": origin})
                    continue
                date_from, date_to = day_bounds_utc(day, calendar.tz or "UTC")
                to_create.append(
                    {
                        "name": name,
                        "calendar_id": calendar.id,
                        "company_id": calendar.company_id.id,
                        "date_from": date_from,
                        "date_to": date_to,
                        "time_type": "leave",
                        "sla_holiday_origin": origin,
                        "sla_holiday_date": day,
                    }
                )
            if existing:
                Leave.browse([leave.id for leave in existing.values()]).unlink()
            if to_create:
                Leave.create(to_create)
            if years[-1] > calendar.sla_holidays_until:
                calendar.sudo().sla_holidays_until = years[-1]

    @api.model
    def _cron_sla_generate_holidays(self):
        """Keep this year and next year's holidays ready on the SLA calendars."""
        year = fields.Date.today().year
        calendars = self.search(
            [
                "|",
                ("sla_holiday_country_id", "!=", False),
                ("sla_extra_day_ids", "!=", False),
            ]
        )
        for calendar in calendars:
            calendar._sla_generate_holidays([year, year + 1])
        _logger.info("SLA holidays generated for %s calendar(s)", len(calendars))
        return True
