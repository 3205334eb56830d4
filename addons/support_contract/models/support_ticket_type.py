# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.ticket.type`` (Support Ticket Type): what kind of work a ticket is, and
whether the contract covers it.
"""

from odoo import fields, models


class SupportTicketType(models.Model):
    """What kind of work a ticket is, and whether the contract covers it."""

    _name = "support.ticket.type"
    _inherit = ["support.name.cache.mixin"]
    _description = "Support Ticket Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    billable = fields.Boolean(
        string="Always Billed Separately",
        help="Work on tickets of this type is billed at the normal rate and never "
        "consumes reserved hours (e.g. data imports, new features).",
    )
    is_change_request = fields.Boolean(
        string="Change Request",
        help="A request for change: above the maximum hours it is not support; "
        "its hours do not consume reserved hours and are billed separately.",
    )
    rfc_max_hours = fields.Float(
        string="Max. Hours as Support",
        default=8.0,
        help="A change request taking more than this many hours is not support.",
    )
    description = fields.Text(translate=True)

    _code_uniq = models.UniqueIndex(
        "(code) WHERE code IS NOT NULL", "A ticket type with this code exists."
    )
    _rfc_max_positive = models.Constraint(
        "CHECK (rfc_max_hours >= 0)",
        "The maximum hours of a change request cannot be negative.",
    )

    def write(self, vals):
        result = super().write(vals)
        if {"billable", "is_change_request", "rfc_max_hours"} & set(vals):
            tickets = (
                self.env["helpdesk.ticket"]
                .sudo()
                .search([("support_ticket_type_id", "in", self.ids)])
            )
            tickets._sync_support_ledger()
        return result
