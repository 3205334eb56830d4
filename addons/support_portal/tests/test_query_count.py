# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, timedelta

from odoo.tests import HttpCase, tagged

from .common import SupportPortalMixin


@tagged("post_install", "-at_install")
class TestPortalQueryCount(HttpCase, SupportPortalMixin):
    """The ticket list and the contract page use as many queries for a customer
    with 10 tickets and 2 months of hours as for one with 500 tickets and a
    5-year hour ledger (60 months x 31 movements)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_portal()

    def _add_tickets(self, count):
        """Tickets of customer A in every state: typed, triaged, some waiting."""
        stages = [self.stage_new, self.stage_progress, self.stage_waiting]
        tickets = self.env["helpdesk.ticket"].create(
            [
                self._ticket_vals(
                    f"Bulk ticket {n:04d}",
                    self.key_user_a.partner_id,
                    support_ticket_type_id=self.type_defect.id,
                    sla_row_value_id=self.impact_multiple.id,
                    sla_column_value_id=self.urgency_high.id,
                    stage_id=stages[n % 3].id,
                )
                for n in range(count)
            ]
        )
        self.env.flush_all()
        return tickets

    def _add_ledger(self, months, skip=0):
        """A month of history: a credit and 30 timesheets (one a day) on tickets."""
        lines = []
        start = date(2026, 11, 1)
        tickets = self.tickets_a
        for month in range(skip, skip + months):
            day = start - timedelta(days=30 * (month + 1))
            lines.append(
                {
                    "contract_id": self.contract_a.id,
                    "date": day,
                    "kind": "credit",
                    "name": f"Credit {month}",
                    "hours": 15.0,
                }
            )
            lines.extend(
                {
                    "contract_id": self.contract_a.id,
                    "date": day + timedelta(days=n),
                    "kind": "consumption",
                    "name": f"Timesheet {month}-{n}",
                    "hours": -0.5,
                    "hours_logged": 0.5,
                    "ticket_id": tickets[n % len(tickets)].id,
                }
                for n in range(30)
            )
        self.env["support.hour.ledger"].sudo().create(lines)
        self.env.flush_all()

    def _queries(self, url):
        """Queries of one request, the worker being warm (caches filled)."""
        for __ in range(2):
            self.assertEqual(self.url_open(url).status_code, 200)
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def test_ticket_list_and_contract_page(self):
        self.authenticate("key_user_a", "key_user_a")
        # the customer has its 4 tickets of the common data, plus 6: 10; and two
        # months of hours
        self._add_tickets(6)
        self._add_ledger(2)
        urls = {
            "list": "/my/tickets",
            "list open": "/my/tickets?filterby=support_open",
            "contract": f"/my/contracts/{self.contract_a.id}",
        }
        small = {name: self._queries(url) for name, url in urls.items()}
        self._add_tickets(490)
        self._add_ledger(58, skip=2)
        for name, url in urls.items():
            with self.subTest(page=name):
                self.assertEqual(self._queries(url), small[name])
                with self.assertQueryCount(small[name]):
                    self.url_open(url)
