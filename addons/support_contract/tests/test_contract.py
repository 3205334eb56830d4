# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tests import tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestContract(SupportContractCommon):
    def test_reserved_hours_price(self):
        """15 h at 100/h in the 10-20 h band (6 %): 15 x 100 x 0.94 = 1,410.00."""
        contract = self._create_contract(reserved_hours=15)
        self.assertEqual(contract.hourly_rate, 100.0)
        self.assertEqual(contract.hour_band_id, self.bands[1])
        self.assertEqual(contract.reserved_price, 1410.0)
        # plan 250 + 1,410 reserved = 1,660
        self.assertEqual(contract.monthly_amount, 1660.0)

    def test_contract_for_contact_is_commercial(self):
        contract = self._create_contract(partner=self.contact)
        self.assertEqual(contract.partner_id, self.customer)
        self.assertTrue(contract.name.startswith("SC/"))

    def test_addons_per_unit(self):
        """Light 250 + Extended 1,000 + 2 integrations x 295 = 1,840.00 a month."""
        contract = self._create_contract(
            addon_line_ids=[
                Command.create({"addon_id": self.addon_extended.id}),
                Command.create({"addon_id": self.addon_integration.id, "quantity": 2}),
            ]
        )
        self.assertEqual(
            contract.addon_ids, self.addon_extended | self.addon_integration
        )
        self.assertEqual(contract.addons_price, 1590.0)
        self.assertEqual(contract.monthly_amount, 1840.0)

    def test_bad_input(self):
        Contract = self.env["support.contract"]
        count = Contract.search_count([])
        with self.assertError(ValidationError, "cannot be negative"):
            self._create_contract(reserved_hours=-2)
        with self.assertError(ValidationError, "does not allow reserved hours"):
            self._create_contract(plan=self.plan_free, reserved_hours=5)
        with self.assertError(ValidationError, "needs one of these plans: Medium"):
            self._create_contract(
                addon_line_ids=[Command.create({"addon_id": self.addon_medium_only.id})]
            )
        with self.assertError(ValidationError, "needs a paid plan"):
            self._create_contract(
                plan=self.plan_free,
                addon_line_ids=[Command.create({"addon_id": self.addon_extended.id})],
            )
        with self.assertError(ValidationError, "not sold per unit"):
            self._create_contract(
                addon_line_ids=[
                    Command.create({"addon_id": self.addon_extended.id, "quantity": 2})
                ]
            )
        self.assertEqual(Contract.search_count([]), count)
        self.assertFalse(
            self.env["support.contract.addon"].search(
                [("contract_id.partner_id", "=", self.customer.id)]
            )
        )

    @freeze_time("2027-01-04")
    def test_end_after_minimum_term(self):
        """(On 4 January 2027: an end date of 2026 has passed, the contract ends at
        once; an end date after today is scheduled, see the next test.)"""
        contract = self._create_contract()
        contract.action_activate()
        # 12 months from 2026-01-01: the last day of the minimum term (the end
        # date is the contract's last day) is 2026-12-31
        self.assertEqual(str(contract.min_term_end), "2026-12-31")
        with self.assertError(UserError, "minimum term of 12 months"):
            contract.action_end(date_end=date(2026, 12, 30))
        self.assertEqual(contract.state, "active")
        self.assertFalse(contract.date_end)
        with self.assertError(ValidationError, "minimum term of 12 months"):
            contract.write({"state": "ended", "date_end": "2026-06-30"})
        self.assertEqual(contract.state, "active")
        contract.action_end(date_end=contract.min_term_end)
        self.assertEqual(contract.state, "ended")
        with self.assertError(UserError, "has ended already"):
            contract.action_end()

    @freeze_time("2026-10-15 10:00:00")
    def test_end_on_a_future_date_is_scheduled(self):
        """Ended on 15 October 2026 on 31 December (its last day): the contract
        stays active, its tickets covered, until 31 December included; the daily
        scheduled action ends it on 1 January 2027, not before."""
        Contract = self.env["support.contract"]
        contract = self._create_contract()
        contract.action_activate()
        contract.action_end(date_end=date(2026, 12, 31))
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.date_end, date(2026, 12, 31))
        self.assertEqual(
            Contract._get_active_contract_for_partners(self.customer, self.company),
            {self.customer.id: contract},
        )
        # the End button on a contract with an end date ends it on that date
        with self.assertError(UserError, "minimum term of 12 months"):
            contract.action_end(date_end=date(2026, 11, 30))
        self.assertEqual(contract.date_end, date(2026, 12, 31))
        contract.action_end()
        self.assertEqual(contract.state, "active")
        # an end date inside the minimum term is refused however it is written
        with self.assertError(ValidationError, "minimum term of 12 months"):
            contract.write({"date_end": "2026-11-30"})
        for day, state in (
            ("2026-10-16", "active"),
            ("2026-12-31 12:00:00", "active"),
            ("2027-01-01 06:00:00", "ended"),
        ):
            with freeze_time(day):
                Contract._cron_end_contracts()
            self.assertEqual(contract.state, state, day)
        self.assertEqual(contract.date_end, date(2026, 12, 31))
        self.assertFalse(
            Contract._get_active_contract_for_partners(self.customer, self.company)
        )

    def test_limit_warnings(self):
        contract = self._create_contract(user_count=60, cloc_lines=4000)
        self.assertIn("60 users exceed the 50 users", contract.limit_warning)
        contract.cloc_lines = 6000
        self.assertIn("6000 lines of custom code exceed", contract.limit_warning)
        contract.write({"user_count": 10, "cloc_lines": 100})
        self.assertFalse(contract.limit_warning)

    def test_search_over_plan_limit(self):
        """The dashboard's "over their plan limits": 60 users on a plan of 50,
        6,000 lines on a plan of 5,000; 50 users and 5,000 lines are within."""
        Contract = self.env["support.contract"]
        users = self._create_contract(user_count=60, cloc_lines=100)
        lines = self._create_contract(user_count=10, cloc_lines=6000)
        within = self._create_contract(user_count=50, cloc_lines=5000)
        mine = users | lines | within
        self.assertEqual(
            Contract.search([("id", "in", mine.ids), ("over_plan_limit", "=", True)]),
            users | lines,
        )
        self.assertEqual(
            Contract.search([("id", "in", mine.ids), ("over_plan_limit", "=", False)]),
            within,
        )

    def test_over_plan_limit_follows_the_plan(self):
        """ "Over plan limits" is stored for the dashboard's search: a plan whose
        limit is raised or lowered moves its contracts in and out at once."""
        Contract = self.env["support.contract"]
        contract = self._create_contract(user_count=60, cloc_lines=100)
        over = [("id", "=", contract.id), ("over_plan_limit", "=", True)]
        self.assertEqual(Contract.search(over), contract)
        self.plan_light.user_limit = 60
        self.assertFalse(Contract.search(over))
        self.plan_light.cloc_max = 99
        self.assertEqual(Contract.search(over), contract)
        self.assertIn("100 lines of custom code exceed", contract.limit_warning)

    def test_ticket_contract_follows_contract_changes(self):
        """The contract lookup is cached per process: every change that decides
        which contract covers a customer shows on the next ticket at once."""
        Ticket = self.env["helpdesk.ticket"]

        def new_ticket(partner=None):
            return Ticket.create(
                {
                    "name": "Lookup",
                    "description": "x",
                    "partner_id": (partner or self.contact).id,
                    "company_id": self.company.id,
                }
            ).support_contract_id

        self.assertFalse(new_ticket())  # caches "no contract"
        contract = self._create_contract()
        self.assertFalse(new_ticket())  # a draft contract covers nothing
        contract.action_activate()
        self.assertEqual(new_ticket(), contract)
        contract.action_suspend()
        self.assertFalse(new_ticket())
        contract.action_activate()
        self.assertEqual(new_ticket(), contract)
        other = self.env["res.partner"].create({"name": "Other Inc."})
        self.assertFalse(new_ticket(other))
        contract.partner_id = other
        self.assertEqual(new_ticket(other), contract)
        self.assertFalse(new_ticket())
        second = self._create_contract(state="active")
        self.assertEqual(new_ticket(), second)

    def test_ticket_contract(self):
        contract = self._create_contract()
        contract.action_activate()
        Ticket = self.env["helpdesk.ticket"]
        ticket = Ticket.create(
            {
                "name": "Broken report",
                "description": "x",
                "partner_id": self.contact.id,
                "company_id": self.company.id,
            }
        )
        self.assertEqual(ticket.support_contract_id, contract)
        self.assertTrue(ticket.support_covered)
        stranger = self.env["res.partner"].create({"name": "No Contract Inc."})
        uncovered = Ticket.create(
            {
                "name": "Help",
                "description": "x",
                "partner_id": stranger.id,
                "company_id": self.company.id,
            }
        )
        self.assertFalse(uncovered.support_contract_id)
        self.assertFalse(uncovered.support_covered)
        # staff override
        uncovered.support_contract_id = contract
        self.assertTrue(uncovered.support_covered)
        found = self.env["support.contract"]._get_active_contract_for_partners(
            self.contact | stranger
        )
        self.assertEqual(found, {self.customer.id: contract})


@tagged("post_install", "-at_install")
class TestContractEndBilling(SupportContractCommon):
    """The end date is the contract's last day, for billing too."""

    with_accounting = True

    @freeze_time("2026-10-15 10:00:00")
    def test_year_contract_ended_on_31_december_billed_12_months(self):
        """1 January - 31 December 2026 with a 12-month minimum: ended on 15
        October on 31 December (its last day), accepted; billed for the 12 months
        January to December, December in full like November; January 2027 only
        its final statement (no hours over the reservation: no invoice)."""
        Contract = self.env["support.contract"]
        contract = self._create_contract()
        contract.action_activate()
        self.assertEqual(contract.min_term_end, date(2026, 12, 31))
        contract.action_end(date_end=date(2026, 12, 31))
        # an end date after today is scheduled: active until its last day
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.date_end, date(2026, 12, 31))
        for month in range(1, 13):
            first = date(2026, month, 1)
            Contract.search(
                Contract._get_billable_domain(first) & Domain("id", "=", contract.id)
            )._bill_month(first)
        billings = contract.billing_ids.sorted("month")
        self.assertEqual(
            billings.mapped("month"), [date(2026, m, 1) for m in range(1, 13)]
        )
        self.assertEqual(
            billings[-1].invoice_id.amount_untaxed,
            billings[-2].invoice_id.amount_untaxed,
        )
        # January 2027: only the final statement, nothing over the reservation
        # to invoice; February: nothing at all
        january = Contract.search(
            Contract._get_billable_domain(date(2027, 1, 1))
            & Domain("id", "=", contract.id)
        )._bill_month(date(2027, 1, 1))
        self.assertTrue(january.is_final)
        self.assertFalse(january.invoice_id)
        self.assertFalse(
            Contract.search(
                Contract._get_billable_domain(date(2027, 2, 1))
                & Domain("id", "=", contract.id)
            )
        )
