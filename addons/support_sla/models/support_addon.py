# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Add-ons, extended with their SLA scope: the priorities and ticket types whose
availability the add-on widens.
"""

from odoo import api, fields, models
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
    sla_ticket_type_ids = fields.Many2many(
        comodel_name="support.ticket.type",
        string="For Ticket Types",
        help="Ticket types the extra availability covers (for example incidents "
        "only). Empty = every type.",
    )

    def write(self, vals):
        res = super().write(vals)
        if {
            "calendar_id",
            "sla_priority_ids",
            "sla_ticket_type_ids",
            "critical_only",
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
        )
