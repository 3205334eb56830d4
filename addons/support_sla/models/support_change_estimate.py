# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Change request estimates, extended: the ticket's SLA clocks stand still from the
moment its estimate is sent for approval until a key user approves or declines it
(or staff withdraw it), logged as a pause "Awaiting approval"."""

from odoo import fields, models


class SupportChangeEstimate(models.Model):
    _inherit = "support.change.estimate"

    def _on_sent(self):
        res = super()._on_sent()
        # sudo: the pause log is the SLA engine's record
        self.env["support.sla.pause"].sudo().create(
            [
                {
                    "ticket_id": estimate.ticket_id.id,
                    "reason": "approval",
                    "date_start": estimate.sent_date or fields.Datetime.now(),
                }
                for estimate in self
            ]
        )
        return res

    def _on_decided(self):
        res = super()._on_decided()
        now = fields.Datetime.now()
        # sudo: the pause log is the SLA engine's record
        pauses = (
            self.env["support.sla.pause"]
            .sudo()
            .search(
                [
                    ("ticket_id", "in", self.ticket_id.ids),
                    ("reason", "=", "approval"),
                    ("date_end", "=", False),
                ]
            )
        )
        for pause in pauses:
            pause.write(
                {"date_end": max(now, pause.date_start), "resumed_by": "decision"}
            )
        return res
