# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tickets, extended: while a release waits on acceptance for the customer's test,
the ticket's SLA clocks stand still (a pause "Testing on acceptance" that a key
user's approval for production ends)."""

from odoo import models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    def _on_release_acceptance(self):
        res = super()._on_release_acceptance()
        self._sla_pause_open("acceptance")
        return res

    def _on_release_approved(self):
        res = super()._on_release_approved()
        self._sla_pause_close("acceptance")
        return res
