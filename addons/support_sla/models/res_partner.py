# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Contacts, extended: a contact moved to another company takes its open tickets' SLA
to that company's contract.
"""

from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        res = super().write(vals)
        if {"parent_id", "is_company"} & set(vals):
            # the contacts' company, hence their tickets' contract, may have changed
            self.env["helpdesk.ticket"]._sla_recompute_where(
                [("partner_id", "child_of", self.ids)]
            )
        return res
