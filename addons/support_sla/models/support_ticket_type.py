# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Ticket types, extended with triage: a type takes its priority from the plan's matrix
or has a fixed priority (e.g. questions are always D).
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command


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
        help="For example, questions and change requests always get priority D "
        "and only incidents go through the matrix.",
    )
    sla_fixed_priority_ids = fields.Many2many(
        comodel_name="support.priority",
        string="Fixed Priority",
        help="The priority tickets of this type always get: the one of these that "
        "belongs to the plan's matrix (so that one type can be D on plans whose "
        "matrix has priorities A to D, and follow the matrix on plans whose matrix "
        "has no such priority).",
    )
    sla_fixed_priority_id = fields.Many2one(
        comodel_name="support.priority",
        string="Fixed Priority (single)",
        compute="_compute_sla_fixed_priority_id",
        inverse="_inverse_sla_fixed_priority_id",
        help="Shortcut for a type with one fixed priority for every plan.",
    )

    @api.depends("sla_fixed_priority_ids")
    def _compute_sla_fixed_priority_id(self):
        for ticket_type in self:
            ticket_type.sla_fixed_priority_id = (
                ticket_type.sla_fixed_priority_ids.sorted("sequence")[:1]
            )

    def _inverse_sla_fixed_priority_id(self):
        for ticket_type in self:
            ticket_type.sla_fixed_priority_ids = ticket_type.sla_fixed_priority_id

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

    @api.model
    def _sla_single_priority_vals(self, vals):
        """Values given with the single-priority shortcut, as the many2many (so
        that the constraint sees them at once)."""
        if "sla_fixed_priority_id" in vals:
            vals = dict(vals)
            priority_id = vals.pop("sla_fixed_priority_id")
            vals["sla_fixed_priority_ids"] = [
                Command.set([priority_id] if priority_id else [])
            ]
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create(
            [self._sla_single_priority_vals(vals) for vals in vals_list]
        )

    def write(self, vals):
        vals = self._sla_single_priority_vals(vals)
        res = super().write(vals)
        if {"sla_priority_mode", "sla_fixed_priority_ids"} & set(vals):
            # the triage priority of the open tickets of these types follows
            self.env["helpdesk.ticket"]._sla_recompute_where(
                [
                    ("support_ticket_type_id", "in", self.ids),
                    ("stage_id.closed", "=", False),
                ]
            )
        return res

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
