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
    sla_fixed_priority_ids = fields.Many2many(
        comodel_name="support.priority",
        string="Fixed Priority",
        help="The priority tickets of this type always get: the one of these that "
        "belongs to the plan's matrix (so that one type can be D on seed 003 plans "
        "and follow the matrix on plans whose matrix has no such priority).",
    )

    @api.constrains("sla_priority_mode", "sla_fixed_priority_ids")
    def _check_sla_fixed_priority(self):
        for ticket_type in self:
            if ticket_type.sla_priority_mode == "fixed" and not (
                ticket_type.sla_fixed_priority_ids
            ):
                raise ValidationError(
                    self.env._(
                        "Ticket type %(type)s: choose the priority its tickets "
                        "always get.",
                        type=ticket_type.name,
                    )
                )

    def _sla_fixed_priority(self, matrix):
        """The fixed priority of this type on a plan with `matrix`, or empty (the
        matrix then applies)."""
        self.ensure_one()
        if self.sla_priority_mode != "fixed":
            return self.env["support.priority"]
        fixed = self.sla_fixed_priority_ids.sorted("sequence")
        if not matrix:
            return fixed[:1]
        return (fixed & matrix.priority_ids)[:1]
