# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.sla.extra.day`` (Extra Day Off of an Availability Calendar)."""

from datetime import date

from odoo import api, fields, models


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
    date = fields.Date(required=True)
    recurring = fields.Boolean(
        string="Every Year",
        help="A day off on this day and month every year (e.g. Liberation Day on "
        "5 May); otherwise only on this date.",
    )

    def _date_in_year(self, year):
        """The day off in `year`, or None (29 February in a common year: 28th)."""
        self.ensure_one()
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
        for calendar in calendars.filtered("sla_holidays_until"):
            first = min(fields.Date.today().year, calendar.sla_holidays_until)
            calendar._sla_generate_holidays(
                range(first, calendar.sla_holidays_until + 1)
            )

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
