# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Companies, extended: the project that holds the timesheets logged on support
tickets, how support is sold online and billed, and the time zone a contract's days
are counted in.
"""

from datetime import datetime

import pytz

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
    support_online_payment = fields.Selection(
        selection=[
            ("provider", "Signature, plus payment when a payment provider is active"),
            ("signature", "Signature only"),
        ],
        string="Support Quotations Confirmed By",
        default="provider",
        required=True,
        help="How the customer confirms a quotation selling a support plan in the "
        "portal. With a payment provider enabled (or in test mode) the order is "
        "signed and paid; without one, signing confirms it. Sets the quotation's "
        "own Online signature and Online payment options.",
    )
    support_billing_proration = fields.Selection(
        selection=[
            ("prorata", "Pro rata by days"),
            ("full", "Full month"),
        ],
        string="Months Started or Ended Mid-month",
        default="prorata",
        required=True,
        help="A contract starting on the 15th of a 31-day month is billed 17/31 of "
        "the monthly fee (pro rata) or the whole fee (full month); the same for "
        "its last month.",
    )
    support_billing_post = fields.Selection(
        selection=[
            ("draft", "Draft, for review"),
            ("post", "Posted and sent"),
        ],
        string="Monthly Invoices",
        default="draft",
        required=True,
        help="Draft: the monthly billing leaves its invoices in draft for an "
        "accountant to review and post. Posted and sent: they are posted and sent "
        "to the customer, who sees and pays them in the portal.",
    )

    support_rfc_analysis_hours = fields.Float(
        string="Analysis Before Approval (Hours)",
        default=2.0,
        help="Time that may be logged on a change request before a key user "
        "approved its estimate: analysing and estimating the request. Beyond it "
        "the time is refused until the approval.",
    )

    def _support_tz(self):
        """Time zone the company's contracts count their days in: the zone of the
        company's address, else of its working calendar, else UTC. A contract's
        last day 31 March ends at midnight there: the daily job at 00:30 Amsterdam
        on 1 April (22:30 UTC on 31 March) ends it."""
        self.ensure_one()
        # sudo: the zone only; portal users and the scheduler's user may not read
        # the company's working calendar
        company = self.sudo()
        return pytz.timezone(
            company.partner_id.tz or company.resource_calendar_id.tz or "UTC"
        )

    def _support_today(self):
        """Today's date in the company's time zone (see ``_support_tz``)."""
        self.ensure_one()
        return datetime.now(pytz.utc).astimezone(self._support_tz()).date()

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

    def _support_requires_online_payment(self):
        """Whether a support quotation of this company must be paid online to be
        confirmed: when the setting asks for it and a payment provider is enabled
        (or in test mode) for the company."""
        self.ensure_one()
        if self.support_online_payment != "provider":
            return False
        # sudo: salespeople and portal visitors cannot read payment providers
        return bool(
            self.env["payment.provider"]
            .sudo()
            .search_count(
                [
                    ("state", "in", ("enabled", "test")),
                    ("company_id", "=", self.id),
                ],
                limit=1,
            )
        )
