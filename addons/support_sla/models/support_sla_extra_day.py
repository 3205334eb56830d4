# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.sla.extra.day`` (Extra Day Off of an Availability Calendar)."""

from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportSlaExtraDay(models.Model):
    _name = "support.sla.extra.day"
    _description = "Extra Day Off of an Availability Calendar"
    _order = "calendar_id, date"

    name = fields.Char(required=True, translate=True)
    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Calendar",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="calendar_id.company_id", store=True)
    date = fields.Date(
        help="The day off (one-off), or its day and month (every year). Empty for "
        "a day relative to a holiday.",
    )
    recurring = fields.Boolean(
        string="Every Year",
        help="A day off on this day and month every year (e.g. Liberation Day on "
        "5 May); otherwise only on this date.",
    )
    relative_to = fields.Char(
        string="Relative To Holiday",
        help="English name of a holiday the 'holidays' package lists for the "
        "calendar's country (e.g. Midsummer Day, Ascension Day): the day off moves "
        "with it every year.",
    )
    offset_days = fields.Integer(
        string="Days After It",
        help="Days after the holiday (negative: before). -1 = the day before "
        "Midsummer Day, 1 = the Friday after Ascension Day.",
    )

    @api.constrains("date", "relative_to", "calendar_id")
    def _check_rule(self):
        for day in self:
            if day.relative_to:
                known = day.calendar_id._sla_package_holiday_names()
                if day.relative_to not in known:
                    raise ValidationError(
                        self.env._(
                            "Day off %(day)s: %(holiday)s is not a holiday the "
                            "holidays package lists for the calendar's country. "
                            "Known: %(known)s.",
                            day=day.name,
                            holiday=day.relative_to,
                            known=", ".join(sorted(known)) or self.env._("none"),
                        )
                    )
            elif not day.date:
                raise ValidationError(
                    self.env._(
                        "Day off %(day)s needs a date, or a holiday it is relative to.",
                        day=day.name,
                    )
                )

    def _date_in_year(self, year, package_days=None):
        """The day off in `year`, or None (29 February in a common year: 28th).

        :param package_days: {English holiday name: date} of the package's holidays
            of `year` (all categories), for days relative to a holiday
        """
        self.ensure_one()
        if self.relative_to:
            anchor = (package_days or {}).get(self.relative_to)
            return anchor + timedelta(days=self.offset_days) if anchor else None
        if not self.recurring:
            return self.date if self.date.year == year else None
        day = self.date.day
        if self.date.month == 2 and day == 29:
            try:
                return date(year, 2, 29)
            except ValueError:
                return date(year, 2, 28)
        return date(year, self.date.month, day)

    def _regenerate(self, calendars):
        for calendar in calendars:
            calendar._sla_regenerate_holidays()

    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        self._regenerate(days.calendar_id)
        return days

    def write(self, vals):
        calendars = self.calendar_id
        res = super().write(vals)
        self._regenerate(calendars | self.calendar_id)
        return res

    def unlink(self):
        calendars = self.calendar_id
        res = super().unlink()
        self._regenerate(calendars)
        return res
