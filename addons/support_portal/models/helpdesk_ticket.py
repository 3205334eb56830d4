# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def _get_portal_close_stages(self):
        """Stages the customer may close the ticket into from the portal: those of
        its team (or shared ones of its company) marked "close from portal"."""
        self.ensure_one()
        if self.team_id:
            stages = self.team_id.sudo()._get_applicable_stages()
        else:
            stages = (
                self.env["helpdesk.ticket.stage"]
                .sudo()
                .search(
                    [
                        ("company_id", "in", [False, self.company_id.id]),
                        ("team_ids", "=", False),
                    ]
                )
            )
        return stages.filtered("close_from_portal")
