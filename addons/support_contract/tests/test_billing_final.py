# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestBillingFinalMonth(SupportContractCommon):
    """The last month of a contract is billed in full: its fee pro rata by the run
    of that month, and the hours over the reservation logged up to the end date
    by the run of the month after (the final statement), once.

    Light 250 + Extended 1,000 + 15 reserved hours x 100 less 6 %; ended on
    10 April (30 days): April is billed 10/30, plan 83.33, Extended 333.33,
    5 h x 94 = 470: 886.66, and 5 h are credited.
    """

    with_accounting = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Europe/Amsterdam"
        cls._setup_timesheets(cls.company)

    def _contract(self, date_start):
        return self._create_contract(
            date_start=date_start,
            reserved_hours=15,
            addon_line_ids=[Command.create({"addon_id": self.addon_extended.id})],
        )

    def _invoices(self, contract):
        return self.env["account.move"].search(
            [("support_contract_id", "=", contract.id)], order="invoice_date, id"
        )

    def _log_last_month(self, contract):
        """12 h of support on 8 April (5 h credited: 7 h over), 2 h of a data
        import (billable type) on 9 April, and 1 h on 11 April, after the last
        day (not billed by the final statement)."""
        with freeze_time("2026-04-08 10:00:00"):
            ticket = self._create_ticket(contract)
            self._log(ticket, date(2026, 4, 8), 12.0)
            billable = self._create_ticket(contract, ticket_type=self.type_billable)
            self._log(billable, date(2026, 4, 9), 2.0)
            self._log(ticket, date(2026, 4, 11), 1.0, name="After the last day")

    def _assert_final_statement(self, contract, april):
        """The run of 1 May bills 7 h over at 100.00 = 700.00 and 2 h of the data
        import at 100.00 = 200.00: 900.00, dated 1 May, for 1-10 April; a second
        run and the button bill nothing more, nor does June."""
        with freeze_time("2026-05-01 06:00:00"):
            self._run_billing()
        invoices = self._invoices(contract)
        self.assertEqual(invoices[0], april)
        final = invoices[1:]
        self.assertEqual(len(final), 1)
        self.assertEqual(final.invoice_date, date(2026, 5, 1))
        self.assertEqual(
            (final.support_period_start, final.support_period_end),
            (date(2026, 4, 1), date(2026, 4, 10)),
        )
        self.assertEqual(
            sorted(
                (line.name, line.quantity, line.price_unit)
                for line in final.invoice_line_ids
            ),
            [
                ("Excess hours until 04/10/2026 at the normal rate", 7.0, 100.0),
                (
                    f"{self.billable.number} Ticket (Billed Separately (Ticket Type))",
                    2.0,
                    100.0,
                ),
            ],
        )
        self.assertEqual(final.amount_untaxed, 900.0)
        billing = contract.billing_ids.filtered("is_final")
        self.assertEqual(billing.month, date(2026, 5, 1))
        self.assertEqual((billing.excess_hours, billing.separate_hours), (7.0, 2.0))
        # the overage brings the balance at the last day back to zero; the hour
        # logged after it is left
        self.assertEqual(contract.hour_balance, -1.0)
        with freeze_time("2026-05-01 09:00:00"):
            self._run_billing()
            self.assertFalse(contract._bill_month(date(2026, 5, 1)))
            with self.assertError(UserError, "final statement .* billed already"):
                contract.action_bill_current_month()
        with freeze_time("2026-06-01 06:00:00"):
            self._run_billing()
            with self.assertError(UserError, "Only an active contract is billed"):
                contract.action_bill_current_month()
        self.assertEqual(self._invoices(contract), april | final)
        self.assertEqual(len(contract.billing_ids), 2)

    def _assert_april_pro_rata(self, contract):
        april = self._invoices(contract)
        self.assertEqual(len(april), 1)
        self.assertEqual(april.amount_untaxed, 886.66)
        self.assertEqual(contract.billing_ids.reserved_hours, 5.0)
        return april

    def test_last_month_overage_billed_by_the_next_run(self):
        """Ended after its minimum term on 10 April: April's run bills the fee
        10/30, the run of 1 May the overage of April."""
        contract = self._contract("2025-04-01")
        with freeze_time("2026-03-20 09:00:00"):
            contract.action_activate()
            contract.action_end(date_end=date(2026, 4, 10))
        with freeze_time("2026-04-01 06:00:00"):
            self._run_billing()
        april = self._assert_april_pro_rata(contract)
        self._log_last_month(contract)
        self.billable = self.env["helpdesk.ticket"].search(
            [
                ("support_contract_id", "=", contract.id),
                ("support_ticket_type_id", "=", self.type_billable.id),
            ]
        )
        with freeze_time("2026-04-11 05:00:00"):
            self.env["support.contract"]._cron_end_contracts()
        self.assertEqual(contract.state, "ended")
        self._assert_final_statement(contract, april)

    def test_early_termination_overage_billed_by_the_next_run(self):
        """Ended by a manager inside its minimum term (from 1 January 2026, 12
        months) on 10 April: billed the same way, here by the button before the
        run of 1 May, and before the daily end job ended it."""
        self.env.user.group_ids |= self.env.ref(
            "support_contract.support_contract_group_manager"
        )
        contract = self._contract("2026-01-01")
        with freeze_time("2026-03-20 09:00:00"):
            contract.action_activate()
            contract.action_end(
                date_end=date(2026, 4, 10), override_reason="Company sold"
            )
        self.assertEqual(contract.min_term_override_reason, "Company sold")
        with freeze_time("2026-04-01 06:00:00"):
            self._run_billing()
        april = self._assert_april_pro_rata(contract)
        self._log_last_month(contract)
        self.billable = self.env["helpdesk.ticket"].search(
            [
                ("support_contract_id", "=", contract.id),
                ("support_ticket_type_id", "=", self.type_billable.id),
            ]
        )
        # 1 May before the run (07:00 in Amsterdam): the button bills the final
        # statement, then the run finds it billed
        with freeze_time("2026-05-01 05:00:00"):
            contract.action_bill_current_month()
        self.assertEqual(self._invoices(contract)[1:].amount_untaxed, 900.0)
        self._assert_final_statement(contract, april)
