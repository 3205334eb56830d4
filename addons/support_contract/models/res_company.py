# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Companies, extended: the project that holds the timesheets logged on support
tickets.
"""

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    support_project_id = fields.Many2one(
        comodel_name="project.project",
        string="Support Project",
        check_company=True,
        help="Project that timesheets logged on helpdesk tickets are booked on "
        "when the ticket's contract has no project of its own.",
    )

    def _get_support_project(self):
        """The company's support project; created (with timesheets) when missing."""
        self.ensure_one()
        if not self.support_project_id:
            project = (
                self.env["project.project"]
                .sudo()
                .with_company(self)
                .create(
                    {
                        "name": self.env._("Support"),
                        "company_id": self.id,
                        "allow_timesheets": True,
                        "privacy_visibility": "employees",
                    }
                )
            )
            self.sudo().support_project_id = project
        return self.support_project_id
