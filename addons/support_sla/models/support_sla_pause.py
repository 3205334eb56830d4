# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``support.sla.pause`` (SLA Pause): a period during which a ticket's SLA clocks stood
still.
"""

from odoo import api, fields, models


class SupportSlaPause(models.Model):
    """A period during which a ticket's SLA clocks stood still."""

    _name = "support.sla.pause"
    _inherit = ["support.sla.change.mixin"]
    _description = "SLA Pause"
    _sla_parent_field = "ticket_id"
    _sla_parent_hook = "_sla_pauses_changed"
    _sla_watched_fields = frozenset({"date_start", "date_end"})
    _order = "ticket_id, date_start, id"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Ticket",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    support_contract_id = fields.Many2one(
        related="ticket_id.support_contract_id", store=True, string="Contract"
    )
    reason = fields.Selection(
        selection=[
            ("customer", "Waiting for the customer"),
            ("third_party", "Waiting for a third party"),
            ("approval", "Awaiting approval"),
            ("acceptance", "Testing on acceptance"),
        ],
        required=True,
        help="Waiting for the customer or a third party: while the ticket is in a "
        "stage that pauses. Awaiting approval: a change request's estimate was sent "
        "to the key users and is not decided yet. Testing on acceptance: a release "
        "waits for a key user's test and approval for production.",
    )
    stage_id = fields.Many2one(
        comodel_name="helpdesk.ticket.stage",
        string="Stage",
        ondelete="set null",
    )
    date_start = fields.Datetime(string="Paused", required=True)
    date_end = fields.Datetime(string="Resumed")
    resumed_by = fields.Selection(
        selection=[
            ("stage", "Stage change"),
            ("customer", "Customer reply"),
            ("decision", "Customer's decision"),
        ],
    )
    duration_hours = fields.Float(
        string="Duration (hours)",
        compute="_compute_duration_hours",
        store=True,
        help="Calendar hours between pause and resumption (the business time it "
        "moved the deadlines by is on the ticket).",
    )

    @api.model
    def _stage_reasons(self):
        """The reasons a stage pauses for (the others are opened and ended by
        their own flow: an estimate awaiting approval)."""
        return [
            key
            for key, _label in self.env["helpdesk.ticket.stage"]
            ._fields["sla_pause"]
            .selection
        ]

    @api.depends("date_start", "date_end")
    def _compute_duration_hours(self):
        for pause in self:
            if pause.date_start and pause.date_end:
                delta = pause.date_end - pause.date_start
                pause.duration_hours = delta.total_seconds() / 3600.0
            else:
                pause.duration_hours = 0.0

    @api.depends("ticket_id", "reason", "date_start")
    def _compute_display_name(self):
        reasons = dict(self._fields["reason"]._description_selection(self.env))
        for pause in self:
            pause.display_name = (
                f"{pause.ticket_id.number or ''} {reasons.get(pause.reason, '')}"
            )
