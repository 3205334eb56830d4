# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Working-time calendars, extended: the availability text the portal shows for a plan
or add- on.
"""

from babel.dates import get_day_names

from odoo import models
from odoo.tools.misc import babel_locale_parse


def _format_hour(value):
    """8.5 -> '08:30', 24.0 -> '24:00'."""
    minutes = round(value * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _get_portal_availability(self, lang=None):
        """The calendar's working time in plain words, for customers.

        Days with the same windows are grouped, consecutive days as a range:
        ``["Monday to Friday: 08:00-17:00"]``; breaks split a day's windows
        (``08:00-12:00, 13:00-17:00``). Times are in the calendar's time zone.

        :param lang: language code for the day names (default: the context's)
        :return: list of str, one per group of days
        """
        self.ensure_one()
        lang = lang or self.env.context.get("lang") or "en_US"
        try:
            day_names = get_day_names("wide", locale=babel_locale_parse(lang))
        except ValueError:
            day_names = get_day_names("wide", locale="en_US")
        lines = []
        attendances = self.attendance_ids.filtered(
            lambda a: not a.display_type and a.day_period != "lunch"
        )
        week_types = (
            sorted(set(attendances.mapped("week_type")), key=str)
            if self.two_weeks_calendar
            else [None]
        )
        for week_type in week_types:
            windows_by_day = {}
            for attendance in attendances.sorted("hour_from"):
                if week_type is not None and attendance.week_type != week_type:
                    continue
                windows = windows_by_day.setdefault(int(attendance.dayofweek), [])
                if windows and windows[-1][1] >= attendance.hour_from:
                    windows[-1][1] = max(windows[-1][1], attendance.hour_to)
                else:
                    windows.append([attendance.hour_from, attendance.hour_to])
            groups = []  # [[first day, last day, windows]]
            for day in sorted(windows_by_day):
                windows = windows_by_day[day]
                if groups and groups[-1][1] == day - 1 and groups[-1][2] == windows:
                    groups[-1][1] = day
                else:
                    groups.append([day, day, windows])
            for first, last, windows in groups:
                if first == last:
                    days = day_names[first].capitalize()
                elif last == first + 1:
                    days = self.env._(
                        "%(first)s and %(last)s",
                        first=day_names[first].capitalize(),
                        last=day_names[last],
                    )
                else:
                    days = self.env._(
                        "%(first)s to %(last)s",
                        first=day_names[first].capitalize(),
                        last=day_names[last],
                    )
                hours = ", ".join(
                    f"{_format_hour(start)}-{_format_hour(end)}"
                    for start, end in windows
                )
                line = f"{days}: {hours}"
                if week_type is not None:
                    line = self.env._(
                        "Week %(week)s: %(line)s", week=int(week_type) + 1, line=line
                    )
                lines.append(line)
        return lines
