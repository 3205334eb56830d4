# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Working hours of a calendar, extended: a change of an availability calendar's hours
moves the deadlines of the tickets that count on it.
"""

from odoo import models


class ResourceCalendarAttendance(models.Model):
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "support.sla.change.mixin"]
    _sla_parent_field = "calendar_id"
    _sla_parent_hook = "_sla_calendars_changed"
