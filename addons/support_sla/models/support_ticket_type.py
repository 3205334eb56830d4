# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportTicketType(models.Model):
    _inherit = "support.ticket.type"

    sla_priority_mode = fields.Selection(
        selection=[
            ("matrix", "From the plan's priority matrix"),
            ("fixed", "Always the same priority"),
        ],
        string="Priority",
        required=True,
        default="matrix",
        help="Seed 003: questions and change requests always get priority D; only "
        "incidents go through the matrix.",
    )
    sla_fixed_priority_id = fields.Many2one(
        comodel_name="support.priority",
        string="Fixed Priority",
    )

    @api.constrains("sla_priority_mode", "sla_fixed_priority_id")
    def _check_sla_fixed_priority(self):
        for ticket_type in self:
            if ticket_type.sla_priority_mode == "fixed" and not (
                ticket_type.sla_fixed_priority_id
            ):
                raise ValidationError(
                    self.env._(
                        "Ticket type %(type)s: choose the priority its tickets "
                        "always get.",
                        type=ticket_type.name,
                    )
                )
