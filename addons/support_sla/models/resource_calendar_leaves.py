# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Time off, extended: holidays generated from the ``holidays`` package or added by
hand, and the calendars whose deadlines they move.
"""

from odoo import api, fields, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    sla_holiday_origin = fields.Selection(
        selection=[("public", "Public Holiday"), ("extra", "Extra Day Off")],
        string="Generated From",
        readonly=True,
        help="Set on days off generated for SLA calendars; regenerating replaces "
        "them. Time off entered by hand is left alone.",
    )
    sla_holiday_date = fields.Date(string="Holiday Date", readonly=True, index=True)

    def _sla_touched_calendars(self):
        """Calendars whose working time these leaves change (global ones: all)."""
        leaves = self.filtered(lambda leave: not leave.resource_id)
        if not leaves:
            return self.env["resource.calendar"]
        if any(not leave.calendar_id for leave in leaves):
            return self.env["resource.calendar"].search(
                [("sla_availability", "=", True)]
            )
        return leaves.calendar_id

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        if not self.env.context.get("sla_holidays_on_demand"):
            # (days off generated on demand belong to a year no deadline has
            # reached yet: nothing cached or stored to redo)
            leaves._sla_touched_calendars()._sla_calendars_changed()
        return leaves

    def write(self, vals):
        before = self._sla_touched_calendars()
        res = super().write(vals)
        if {"date_from", "date_to", "calendar_id", "resource_id", "time_type"} & set(
            vals
        ):
            (before | self._sla_touched_calendars())._sla_calendars_changed()
        return res

    def unlink(self):
        calendars = self._sla_touched_calendars()
        res = super().unlink()
        calendars._sla_calendars_changed()
        return res
