# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class SupportAddon(models.Model):
    _inherit = "support.addon"

    sla_priority_ids = fields.Many2many(
        comodel_name="support.priority",
        string="Widens Clocks Of",
        help="Priorities whose SLA clocks also run in the add-on's extra "
        "availability (seed 000: Critical only). Empty = every priority, or only the "
        "highest of the plan's matrix when 'Critical Issues Only' is set.",
    )
    sla_ticket_type_ids = fields.Many2many(
        comodel_name="support.ticket.type",
        string="For Ticket Types",
        help="Ticket types the extra availability covers (seed 003 Premium: "
        "incidents). Empty = every type.",
    )

    def write(self, vals):
        res = super().write(vals)
        if {
            "calendar_id",
            "sla_priority_ids",
            "sla_ticket_type_ids",
            "critical_only",
        } & set(vals):
            tickets = self.env["helpdesk.ticket"].search(
                [
                    ("support_contract_id.addon_line_ids.addon_id", "in", self.ids),
                    ("stage_id.closed", "=", False),
                ]
            )
            tickets._sla_mark_to_recompute()
        return res

    def _sla_covers(self, priority, ticket_type, plan):
        """Whether this add-on's calendar widens the clocks of such a ticket."""
        self.ensure_one()
        if not self.calendar_id:
            return False
        if self.sla_ticket_type_ids and ticket_type not in self.sla_ticket_type_ids:
            return False
        if self.sla_priority_ids:
            return priority in self.sla_priority_ids
        if self.critical_only:
            highest = plan.sla_matrix_id.priority_ids.sorted("sequence")[:1]
            return bool(priority) and priority == highest
        return True
