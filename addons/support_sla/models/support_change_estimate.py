# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Change request estimates, extended: the ticket's SLA clocks stand still from the
moment its estimate is sent for approval until a key user approves or declines it
(or staff withdraw it), logged as a pause "Awaiting approval"."""

from odoo import models


class SupportChangeEstimate(models.Model):
    _inherit = "support.change.estimate"

    def _on_sent(self):
        res = super()._on_sent()
        for estimate in self:
            estimate.ticket_id._sla_pause_open("approval", date=estimate.sent_date)
        return res

    def _on_decided(self):
        res = super()._on_decided()
        self.ticket_id._sla_pause_close("approval")
        return res
