# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Add-ons, extended with their SLA scope: the priorities and ticket types whose
availability the add-on widens.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import ormcache

from ..tools.sla_evaluator import AddonRule


class SupportAddon(models.Model):
    _inherit = "support.addon"

    sla_priority_ids = fields.Many2many(
        comodel_name="support.priority",
        string="Widens Clocks Of",
        help="Priorities whose SLA clocks also run in the add-on's extra "
        "availability (for example Critical only). Empty = every priority, or only "
        "the highest of the plan's matrix when 'Critical Issues Only' is set.",
    )
    sla_window = fields.Selection(
        selection=[
            ("working_days", "More hours on working days"),
            ("days_off", "The plan calendar's days off (weekends and its holidays)"),
            ("every_day", "Its calendar as it is, every day"),
        ],
        string="Extra Availability On",
        required=True,
        default="every_day",
        help="More hours on working days: the add-on's calendar counts only on the "
        "days the plan's calendar works (Extended: 07:00-23:00 on business days, "
        "not on holidays). The plan calendar's days off: the add-on's calendar "
        "counts only on the days (and half days) the plan's calendar is off, its "
        "weekends and holidays (365: 08:00-17:00 on those days); a holiday added to "
        "the plan's calendar is covered by itself. Its calendar as it is: every "
        "working moment of the add-on's calendar (365 + Extended: 07:00-23:00 every "
        "day).",
    )
    sla_ticket_type_ids = fields.Many2many(
        comodel_name="support.ticket.type",
        string="For Ticket Types",
        help="Ticket types the extra availability covers (for example incidents "
        "only). Empty = every type.",
    )

    @api.constrains("critical_only", "sla_priority_ids")
    def _check_sla_critical_only(self):
        """'Critical Issues Only' means what it says: a list of priorities beside
        it may only name the highest priority of a priority matrix."""
        highest = {
            matrix.priority_ids.sorted("sequence")[:1].id
            for matrix in self.env["support.priority.matrix"].sudo().search([])
        }
        for addon in self.filtered("critical_only"):
            others = addon.sla_priority_ids.filtered(lambda p: p.id not in highest)
            if others:
                raise ValidationError(
                    self.env._(
                        "Add-on %(addon)s covers critical issues only, yet its "
                        "extra availability would widen the clocks of "
                        "%(priorities)s, which are not the highest priority of a "
                        "priority matrix. Remove them, or clear 'Critical Issues "
                        "Only'.",
                        addon=addon.display_name,
                        priorities=", ".join(others.mapped("display_name")),
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if {
            "calendar_id",
            "sla_priority_ids",
            "sla_ticket_type_ids",
            "critical_only",
            "sla_window",
        } & set(vals):
            self.env.registry.clear_cache()
            self.env["helpdesk.ticket"]._sla_recompute_where(
                [
                    ("support_contract_id.addon_line_ids.addon_id", "in", self.ids),
                    ("stage_id.closed", "=", False),
                ]
            )
        return res

    @api.model
    @ormcache("addon_id")
    def _sla_cached_rule(self, addon_id):
        """The add-on's SLA coverage as an AddonRule, cached per process."""
        addon = self.browse(addon_id).sudo()
        return AddonRule(
            id=addon.id,
            calendar_id=addon.calendar_id.id,
            priority_ids=frozenset(addon.sla_priority_ids.ids),
            type_ids=frozenset(addon.sla_ticket_type_ids.ids),
            critical_only=addon.critical_only,
            window=addon.sla_window,
        )
