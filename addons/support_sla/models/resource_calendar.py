# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Working-time calendars, extended as SLA availability calendars: the public holidays
of a country (and subdivision) as global time off, days added by hand, and the
business-time windows the SLA evaluator counts on, cached per month.
"""

import re
from datetime import date, datetime, time

import holidays
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import ormcache

from odoo.addons.support_contract.tools.log_guard import guarded_logger

from ..tools.sla_timeline import Timeline, day_bounds_utc, window

_logger = guarded_logger(__name__)

# the holidays package's categories a calendar can take days off from
HOLIDAY_CATEGORIES = ("public", "de_facto", "bank", "optional")
# a half day off in the package's English names: "Midsummer Eve (from 2pm)"
HALF_DAY = re.compile(r"\(from (\d{1,2})(?:[:.](\d\d))?\s*([ap]m)\)", re.IGNORECASE)


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
    sla_holiday_public = fields.Boolean(
        string="Public Holidays",
        default=True,
        help="Take the country's public holidays off.",
    )
    sla_holiday_de_facto = fields.Boolean(
        string="De Facto Holidays",
        help="Take the days the country lives as days off without being public "
        "holidays off too (Sweden: Midsommarafton, Julafton, Nyårsafton).",
    )
    sla_holiday_bank = fields.Boolean(
        string="Bank Holidays",
        help="Take the country's bank holidays off (Sweden: also the half days "
        "'from 2pm' before holidays).",
    )
    sla_holiday_optional = fields.Boolean(
        string="Optional Holidays",
        help="Take the country's optional holidays off (the Netherlands: Liberation "
        "Day every year).",
    )
    sla_holiday_skip = fields.Text(
        string="Listed Days To Skip",
        help="English names of holidays of the package that are working days all "
        "the same, one per line (e.g. Easter Sunday).",
    )
    sla_extra_day_ids = fields.One2many(
        comodel_name="support.sla.extra.day",
        inverse_name="calendar_id",
        string="Extra Days Off",
        help="Days off added by hand, once or every year (e.g. Liberation Day every "
        "year, company days).",
    )
    sla_holidays_from = fields.Integer(
        string="Holidays Generated From",
        readonly=True,
        help="First year for which holidays and extra days were generated.",
    )
    sla_holidays_until = fields.Integer(
        string="Holidays Generated Until",
        readonly=True,
        help="Last year for which holidays and extra days were generated. Every year "
        "from the first to the last is generated; a deadline reaching another year "
        "generates it (and any year between) first.",
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

    @api.constrains(
        "sla_holiday_country_id",
        "sla_holiday_public",
        "sla_holiday_de_facto",
        "sla_holiday_bank",
        "sla_holiday_optional",
        "sla_holiday_skip",
    )
    def _check_sla_holiday_categories(self):
        fields_by_category = self._sla_holiday_category_fields()
        countries = holidays.list_supported_countries()
        for calendar in self.filtered("sla_holiday_country_id"):
            if calendar.sla_holiday_country_id.code not in countries or (
                calendar.sla_holiday_subdivision
                not in [None, False, *countries[calendar.sla_holiday_country_id.code]]
            ):
                continue  # refused by _check_sla_holiday_country / _subdivision
            supported = holidays.country_holidays(
                calendar.sla_holiday_country_id.code
            ).supported_categories
            for category, field_name in fields_by_category.items():
                if calendar[field_name] and category not in supported:
                    raise ValidationError(
                        self.env._(
                            "Calendar %(calendar)s: the holidays package has no "
                            "%(category)s holidays for %(country)s. It has: "
                            "%(known)s.",
                            calendar=calendar.name,
                            category=self._fields[field_name].get_description(self.env)[
                                "string"
                            ],
                            country=calendar.sla_holiday_country_id.name,
                            known=", ".join(sorted(supported)),
                        )
                    )
            skipped = calendar._sla_skipped_names()
            unknown = skipped and skipped - calendar._sla_package_holiday_names()
            if unknown:
                raise ValidationError(
                    self.env._(
                        "Calendar %(calendar)s: %(unknown)s not a holiday the "
                        "holidays package lists for %(country)s.",
                        calendar=calendar.name,
                        unknown=", ".join(sorted(unknown)),
                        country=calendar.sla_holiday_country_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        calendars = super().create(vals_list)
        calendars.filtered("sla_holiday_country_id")._sla_regenerate_holidays()
        return calendars

    def write(self, vals):
        res = super().write(vals)
        if set(self._sla_holiday_config_fields()) & set(vals):
            self._sla_regenerate_holidays()
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
        calendar._sla_ensure_holidays(year)
        tz = pytz.timezone(calendar.tz or "UTC")
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        start = tz.localize(datetime.combine(first, time.min))
        stop = tz.localize(datetime.combine(following, time.min))
        intervals = calendar._work_intervals_batch(start, stop)[False]
        return tuple(
            window(begin, end) for begin, end, _meta in intervals if end > begin
        )

    @api.model
    @ormcache("calendar_id", "year", "month")
    def _sla_month_attendance(self, calendar_id, year, month):
        """Scheduled working windows of a calendar in a month, days off NOT taken
        out (cached like _sla_month_windows): with them, the time off of a month
        is what the attendances give and the working windows lack."""
        calendar = self.browse(calendar_id).sudo()
        tz = pytz.timezone(calendar.tz or "UTC")
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        start = tz.localize(datetime.combine(first, time.min))
        stop = tz.localize(datetime.combine(following, time.min))
        intervals = calendar._work_intervals_batch(start, stop, compute_leaves=False)[
            False
        ]
        return tuple(
            window(begin, end) for begin, end, _meta in intervals if end > begin
        )

    @api.model
    @ormcache("calendar_id", "plan_calendar_id", "mode", "year", "month")
    def _sla_month_addon_windows(
        self, calendar_id, plan_calendar_id, mode, year, month
    ):
        """An add-on calendar's windows in a month, restricted by `mode` to the
        plan calendar's working days or days off (see AddonRule), per local day
        of the plan calendar's time zone.

        - days_off: a day the plan's calendar does not work at all (weekend, whole
          holiday) keeps the add-on's windows; a day it works keeps them only
          within its time off (a half day off from 14:00: from 14:00).
        - working_days: a day the plan's calendar works keeps the add-on's
          windows outside its time off; a day it does not work keeps none.
        """
        plan_tz = pytz.timezone(self._sla_cached_tz(plan_calendar_id))

        def by_day(windows):
            days = {}
            for win in windows:
                day = datetime.fromtimestamp(win[0], plan_tz).date()
                days.setdefault(day, []).append((win[0], win[1]))
            return days

        work = by_day(self._sla_month_windows(plan_calendar_id, year, month))
        scheduled = by_day(self._sla_month_attendance(plan_calendar_id, year, month))
        result = []
        for win in self._sla_month_windows(calendar_id, year, month):
            day = datetime.fromtimestamp(win[0], plan_tz).date()
            time_off = _subtract(scheduled.get(day, []), work.get(day, []))
            if mode == "days_off":
                spans = _intersect([win[:2]], time_off) if day in work else [win[:2]]
            else:
                spans = _subtract([win[:2]], time_off) if day in work else []
            result.extend((begin, end, win[2], win[3]) for begin, end in spans)
        return tuple(result)

    @api.model
    def _sla_timeline_of(self, entries, start, end=None):
        """A Timeline over calendar entries (see AddonRule.timeline_entry): the
        first is the plan's calendar id; (id, mode) entries are add-on calendars
        restricted to the plan calendar's working days or days off."""
        plain = [entry for entry in entries if not isinstance(entry, tuple)]
        restricted = tuple(entry for entry in entries if isinstance(entry, tuple))
        return self.browse(plain).sudo()._sla_timeline(start, end, restricted)

    def _sla_fetch_windows(self, restricted=()):
        """Fetch function for a Timeline: these calendars' windows merged, grouped by
        local days of the first calendar's time zone; `restricted`: (add-on calendar
        id, mode) pairs relative to the first calendar (see
        _sla_month_addon_windows)."""
        tz_of = self._sla_cached_tz
        plan_id = self[:1].id
        primary = pytz.timezone(tz_of(plan_id))
        sources = [
            (
                pytz.timezone(tz_of(calendar_id)),
                lambda year, month, calendar_id=calendar_id: self._sla_month_windows(
                    calendar_id, year, month
                ),
            )
            for calendar_id in self.ids
        ] + [
            (
                primary,
                lambda year, month, calendar_id=calendar_id, mode=mode: (
                    self._sla_month_addon_windows(
                        calendar_id, plan_id, mode, year, month
                    )
                ),
            )
            for calendar_id, mode in restricted
        ]

        def fetch(start_ts, end_ts):
            windows = []
            for tz, month_windows in sources:
                first = datetime.fromtimestamp(start_ts, tz).date()
                last = datetime.fromtimestamp(end_ts, tz).date()
                year, month = first.year, first.month
                while (year, month) <= (last.year, last.month):
                    for win in month_windows(year, month):
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

    def _sla_timeline(self, start, end=None, restricted=()):
        """A Timeline over the working time of these calendars merged.

        The first calendar gives the time zone of the working days.

        :param start: first moment needed (naive UTC datetime)
        :param end: last moment needed at first (naive UTC datetime)
        :param restricted: (add-on calendar id, mode) pairs widening the first
            calendar on its working days or days off (see _sla_month_addon_windows)
        """
        if not self:
            raise UserError(self.env._("No availability calendar to count SLA time."))
        return Timeline(
            self._sla_fetch_windows(restricted),
            self._sla_cached_tz(self[0].id),
            start,
            end,
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

    @api.model
    def _sla_holiday_category_fields(self):
        return {category: f"sla_holiday_{category}" for category in HOLIDAY_CATEGORIES}

    @api.model
    def _sla_holiday_config_fields(self):
        """Fields whose change regenerates the generated days off."""
        return [
            "sla_holiday_country_id",
            "sla_holiday_subdivision",
            "sla_holiday_skip",
            *self._sla_holiday_category_fields().values(),
        ]

    def _sla_holiday_categories(self):
        self.ensure_one()
        return tuple(
            category
            for category, field_name in self._sla_holiday_category_fields().items()
            if self[field_name]
        )

    def _sla_skipped_names(self):
        self.ensure_one()
        return {
            line.strip()
            for line in (self.sla_holiday_skip or "").splitlines()
            if line.strip()
        }

    def _sla_package_days(self, year, categories=None, language="en_US"):
        """The holidays package's days of the calendar's country in `year`, as a
        holidays object (all the country's categories unless given)."""
        self.ensure_one()
        code = self.sla_holiday_country_id.code
        if categories is None:
            categories = holidays.country_holidays(code).supported_categories
        return holidays.country_holidays(
            code,
            subdiv=self.sla_holiday_subdivision or None,
            years=[year],
            categories=categories,
            language=language,
        )

    def _sla_package_holiday_names(self):
        """English names of the package's holidays of the calendar's country (all
        categories, this year and the next four), for checking names typed by
        hand."""
        self.ensure_one()
        if not self.sla_holiday_country_id:
            return set()
        year = fields.Date.today().year
        names = set()
        for each in range(year, year + 5):
            for _day, name in self._sla_package_days(each).items():
                names.update(part.strip() for part in name.split(";"))
        return names

    def _sla_holidays_for_year(self, year):
        """{date: (name, origin, local hour the day off starts or None)} of the
        package's holidays (the chosen categories, the listed days to skip left
        out, half days "from 2pm" as partial days off) and the extra days of a
        year."""
        self.ensure_one()
        days = {}
        package_days = {}
        categories = self._sla_holiday_categories()
        if self.sla_holiday_country_id:
            every = self._sla_package_days(year)
            package_days = {
                part: day
                for day in every
                for part in every.get_list(day)
                if day.year == year
            }
        if self.sla_holiday_country_id and categories:
            english = self._sla_package_days(year, categories)
            local = self._sla_package_days(
                year, categories, language=self._sla_holiday_language()
            )
            skipped = self._sla_skipped_names()
            for day in sorted(english):
                pairs = [
                    (name, local_name)
                    for name, local_name in zip(
                        english.get_list(day), local.get_list(day), strict=False
                    )
                    if name not in skipped
                ]
                if not pairs:
                    continue
                starts = [_half_day_start(name) for name, _local in pairs]
                # a day with one whole-day holiday is a whole day off
                start = None if None in starts else min(starts)
                days[day] = (
                    "; ".join(local_name for _name, local_name in pairs),
                    "public",
                    start,
                )
        for extra in self.sla_extra_day_ids:
            day = extra._date_in_year(year, package_days)
            if day:
                days[day] = (extra.name, "extra", None)
        return days

    def _sla_regenerate_holidays(self):
        """The holiday settings changed: regenerate the years already generated
        (this year and the next when none were)."""
        year = fields.Date.today().year
        for calendar in self:
            if calendar.sla_holidays_until:
                years = range(
                    calendar.sla_holidays_from or year, calendar.sla_holidays_until + 1
                )
            elif calendar.sla_holiday_country_id or calendar.sla_extra_day_ids:
                years = [year, year + 1]
            else:
                continue
            calendar._sla_generate_holidays(years)

    def _sla_ensure_holidays(self, year):
        """Generate the holidays of `year` unless done, and of every year between
        it and the years already generated (no year is ever missing in between).
        Called when a deadline's windows reach `year` (once per calendar and month
        and process: see _sla_month_windows), so no ticket pays for it."""
        self.ensure_one()
        if not (self.sla_holiday_country_id or self.sla_extra_day_ids):
            return
        first, last = self.sla_holidays_from, self.sla_holidays_until
        if last and (first or last) <= year <= last:
            return
        # days off of years no deadline has reached yet: no ticket to recompute
        self.with_context(sla_holidays_on_demand=True)._sla_generate_holidays([year])

    def _sla_generate_holidays(self, years):
        """Create, update or remove the generated days off of these years, and of
        the years between them and those already generated (the generated years
        stay one unbroken range, sla_holidays_from to sla_holidays_until).

        Days off entered by hand as ordinary time off are left alone; generated ones
        carry ``sla_holiday_origin`` and their date, so running this twice changes
        nothing.
        """
        Leave = self.env["resource.calendar.leaves"].sudo()
        years = set(years)
        if not years:
            return
        for calendar in self:
            done_from = calendar.sla_holidays_from or calendar.sla_holidays_until
            done_until = calendar.sla_holidays_until
            first = min(years | ({done_from} if done_from else set()))
            last = max(years | ({done_until} if done_until else set()))
            todo = sorted(
                year
                for year in range(first, last + 1)
                if year in years or not (done_until and done_from <= year <= done_until)
            )
            # the calendar row first: two transactions generating the same years
            # wait for each other instead of both creating the days off
            calendar.sudo().write(
                {"sla_holidays_from": first, "sla_holidays_until": last}
            )
            existing = {
                leave.sla_holiday_date: leave
                for leave in Leave.search(
                    [
                        ("calendar_id", "=", calendar.id),
                        ("sla_holiday_origin", "!=", False),
                        ("sla_holiday_date", ">=", date(todo[0], 1, 1)),
                        ("sla_holiday_date", "<=", date(todo[-1], 12, 31)),
                    ]
                )
                if leave.sla_holiday_date.year in todo
            }
            wanted = {}
            for year in todo:
                wanted.update(calendar._sla_holidays_for_year(year))
            tz = pytz.timezone(calendar.tz or "UTC")
            to_create = []
            for day, (name, origin, start_hour) in sorted(wanted.items()):
                date_from, date_to = day_bounds_utc(day, calendar.tz or "UTC")
                if start_hour is not None:
                    date_from = (
                        tz.localize(
                            datetime.combine(day, time.min).replace(
                                hour=int(start_hour),
                                minute=round(start_hour % 1 * 60),
                            )
                        )
                        .astimezone(pytz.utc)
                        .replace(tzinfo=None)
                    )
                leave = existing.pop(day, None)
                if leave:
                    values = {
                        key: value
                        for key, value in {
                            "name": name,
                            "sla_holiday_origin": origin,
                            "date_from": date_from,
                            "date_to": date_to,
                        }.items()
                        if leave[key] != value
                    }
                    if values:
                        leave.write(values)
                    continue
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

    @api.model
    def _cron_sla_generate_holidays(self):
        """Keep this year and next year's holidays ready on the SLA calendars;
        the year is today's in each calendar's time zone (the run at 00:30
        Amsterdam on 1 January 2027, 23:30 UTC on 31 December 2026, makes 2028
        ready)."""
        now = datetime.now(pytz.utc)
        calendars = self.search(
            [
                "|",
                ("sla_holiday_country_id", "!=", False),
                ("sla_extra_day_ids", "!=", False),
            ]
        )
        for calendar in calendars:
            year = now.astimezone(pytz.timezone(calendar.tz or "UTC")).year
            calendar._sla_ensure_holidays(year + 1)
        _logger.info("SLA holidays generated for %s calendar(s)", len(calendars))
        return True


def _intersect(spans, others):
    """Intersection of two lists of (start, end) spans, each sorted and disjoint."""
    result = []
    for begin, end in spans:
        for other_begin, other_end in others:
            low, high = max(begin, other_begin), min(end, other_end)
            if high > low:
                result.append((low, high))
    return sorted(result)


def _subtract(spans, others):
    """Parts of `spans` outside every span of `others` ((start, end) pairs)."""
    result = []
    for begin, end in spans:
        pieces = [(begin, end)]
        for other_begin, other_end in others:
            pieces = [
                piece
                for low, high in pieces
                for piece in (
                    (low, min(high, other_begin)),
                    (max(low, other_end), high),
                )
                if piece[1] > piece[0]
            ]
        result.extend(pieces)
    return sorted(result)


def _half_day_start(name):
    """Local hour (float) a half day off starts, from the package's English name
    ("Midsummer Eve (from 2pm)" -> 14.0), or None for a whole day off."""
    match = HALF_DAY.search(name)
    if not match:
        return None
    hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "pm" else 0)
    return hour + int(match.group(2) or 0) / 60.0
