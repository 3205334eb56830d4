# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
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

    def _log_last_month(self, contract):
        """12 h of support on 8 April (5 h credited: 7 h over), 2 h of a data
        import (billable type) on 9 April, and 1 h on 11 April, after the last
        day (not billed by the final statement)."""
        with freeze_time("2026-04-08 10:00:00"):
            ticket = self._create_ticket(contract)
            self._log(ticket, date(2026, 4, 8), 12.0)
            self.billable = self._create_ticket(
                contract, ticket_type=self.type_billable
            )
            self._log(self.billable, date(2026, 4, 9), 2.0)
            self._log(ticket, date(2026, 4, 11), 1.0, name="After the last day")

    def _pdf_text(self, invoice):
        """The text of the invoice's PDF (Odoo's own invoice report, as HTML)."""
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.account_invoices", invoice.ids)[0]
            .decode()
        )
        return " ".join(re.sub(r"<[^>]+>", " ", html).split())

    def _assert_final_statement(self, contract, april):
        """The run of 1 May bills 7 h over at 100.00 = 700.00 and 2 h of the data
        import at 100.00 = 200.00: 900.00, dated 1 May, for 1-10 April; a second
        run and the button bill nothing more, nor do June's run and button."""
        with freeze_time("2026-05-01 06:00:00"):
            self._run_billing()
        invoices = self._contract_invoices(contract)
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
            with self.assertError(UserError, "final statement .* billed already"):
                contract.action_bill_current_month()
        self.assertEqual(self._contract_invoices(contract), april | final)
        self.assertEqual(len(contract.billing_ids), 2)

    def _assert_april_pro_rata(self, contract):
        april = self._contract_invoices(contract)
        self.assertEqual(len(april), 1)
        self.assertEqual(april.amount_untaxed, 886.66)
        self.assertEqual(contract.billing_ids.reserved_hours, 5.0)
        return april

    def _ended_on_10_april(self):
        """A contract ended after its minimum term on 10 April, April billed by
        its run (10/30), the hours of April logged, ended by the daily job.

        :return: (contract, April's invoice)
        """
        contract = self._create_extended_contract("2025-04-01")
        with freeze_time("2026-03-20 09:00:00"):
            contract.action_activate()
            contract.action_end(date_end=date(2026, 4, 10))
        with freeze_time("2026-04-01 06:00:00"):
            self._run_billing()
        april = self._assert_april_pro_rata(contract)
        self._log_last_month(contract)
        with freeze_time("2026-04-11 05:00:00"):
            self.env["support.contract"]._cron_end_contracts()
        self.assertEqual(contract.state, "ended")
        return contract, april

    def test_last_month_overage_billed_by_the_next_run(self):
        """Ended after its minimum term on 10 April: April's run bills the fee
        10/30, the run of 1 May the overage of April."""
        contract, april = self._ended_on_10_april()
        self._assert_final_statement(contract, april)

    def test_early_termination_overage_billed_by_the_next_run(self):
        """Ended by a manager inside its minimum term (from 1 January 2026, 12
        months) on 10 April: billed the same way, here by the button before the
        run of 1 May, and before the daily end job ended it."""
        self.env.user.group_ids |= self.env.ref(
            "support_contract.support_contract_group_manager"
        )
        contract = self._create_extended_contract("2026-01-01")
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
        # 1 May before the run (07:00 in Amsterdam): the button bills the final
        # statement, then the run finds it billed
        with freeze_time("2026-05-01 05:00:00"):
            contract.action_bill_current_month()
        self.assertEqual(self._contract_invoices(contract)[1:].amount_untaxed, 900.0)
        self._assert_final_statement(contract, april)

    def test_end_set_after_its_month_was_billed_credits_the_days_not_run(self):
        """April billed in full on 1 April (2,660, 15 h credited); on 5 April a
        manager sets the last day to 10 April. The final statement of 1 May
        credits the 20 days not run: plan 250 - 83.33 = 166.67, Extended
        1,000 - 333.33 = 666.67 and 10 of the 15 h at 94 = 940 (taken back from
        the balance), 1,773.34; it bills April's hours over the 5 h left: 12 h
        used, 7 h at 100 = 700, and the data import's 2 h, 200: 900. 900 -
        1,773.34 = -873.34: a credit note of 873.34. April's statement: 83.33 +
        333.33 + 470 + 900 = 1,786.66 = 2,660 - 873.34, 5 h reserved."""
        contract = self._create_extended_contract("2025-04-01")
        with freeze_time("2026-04-01 06:00:00"):
            contract.action_activate()
            self._run_billing()
        april = self._contract_invoices(contract)
        self.assertEqual(april.amount_untaxed, 2660.0)
        with freeze_time("2026-04-05 09:00:00"):
            contract.action_end(date_end=date(2026, 4, 10))
        self._log_last_month(contract)
        with freeze_time("2026-05-01 06:00:00"):
            self._run_billing()
            self._run_billing()
        credit = self._contract_invoices(contract) - april
        self.assertEqual(credit.move_type, "out_refund")
        self.assertEqual(credit.amount_untaxed, 873.34)
        self.assertEqual(
            sorted(
                (line.product_id.id, line.quantity, line.price_unit, line.discount)
                for line in credit.invoice_line_ids
            ),
            sorted(
                [
                    (self.plan_light.product_id.id, 1.0, 166.67, 0.0),
                    (self.addon_extended.product_id.id, 1.0, 666.67, 0.0),
                    (self.bands[1].product_id.id, 10.0, 100.0, 6.0),
                    (self.hour_product.id, -7.0, 100.0, 0.0),
                    (self.hour_product.id, -2.0, 100.0, 0.0),
                ]
            ),
        )
        self.assertIn(
            "Not run after the last day 04/10/2026: Support plan Light, April 2026",
            credit.invoice_line_ids.mapped("name"),
        )
        self.assertEqual(contract.billing_ids.filtered("is_final").reserved_hours, -10)
        self.assertEqual(contract.hour_balance, -1.0)
        # the printed invoice and credit note state the period they bill
        self.assertIn("Billed Period 04/01/2026 - 04/30/2026", self._pdf_text(april))
        self.assertIn("Billed Period 04/01/2026 - 04/10/2026", self._pdf_text(credit))
        statement = self.env["support.contract.statement"].search(
            [("contract_id", "=", contract.id)]
        )
        self.assertEqual(
            (
                statement.month,
                statement.fee_amount,
                statement.addons_amount,
                statement.reserved_amount,
                statement.hours_reserved,
                statement.hours_overage,
                statement.overage_amount,
                statement.amount_invoiced,
            ),
            (date(2026, 4, 1), 83.33, 333.33, 470.0, 5.0, 7.0, 900.0, 1786.66),
        )

    def test_final_statement_that_failed_is_billed_by_a_later_run(self):
        """The run of 1 May fails on the final statement (nothing written, a
        to-do for the account manager); the run of 1 June bills it: 900.00 for
        1-10 April, dated 1 June, kept under May like one billed in time (its
        overage counts in April); July's run and button bill nothing more."""
        contract, april = self._ended_on_10_april()
        with (
            freeze_time("2026-05-01 06:00:00"),
            self._billing_fails_for(contract, "The customer has no invoice address"),
        ):
            self._run_billing()
        self.assertEqual(self._contract_invoices(contract), april)
        self.assertFalse(contract.billing_ids.filtered("is_final"))
        self.assertIn(
            "Billing of May 2026 failed", contract.activity_ids.mapped("summary")
        )
        with freeze_time("2026-06-01 06:00:00"):
            self._run_billing()
            self._run_billing()
        final = self._contract_invoices(contract) - april
        self.assertEqual(len(final), 1)
        self.assertEqual(final.invoice_date, date(2026, 6, 1))
        self.assertEqual(
            (final.support_period_start, final.support_period_end),
            (date(2026, 4, 1), date(2026, 4, 10)),
        )
        self.assertEqual(final.amount_untaxed, 900.0)
        billing = contract.billing_ids.filtered("is_final")
        self.assertEqual(billing.month, date(2026, 5, 1))
        self.assertEqual((billing.excess_hours, billing.separate_hours), (7.0, 2.0))
        self.assertEqual(contract.hour_balance, -1.0)
        with freeze_time("2026-07-01 06:00:00"):
            self._run_billing()
            with self.assertError(UserError, "final statement .* billed already"):
                contract.action_bill_current_month()
        self.assertEqual(self._contract_invoices(contract), april | final)
        statement = self.env["support.contract.statement"].search(
            [("contract_id", "=", contract.id), ("month", "=", date(2026, 4, 1))]
        )
        self.assertEqual(statement.amount_invoiced, 1786.66)

    def test_final_statement_tried_for_twelve_runs(self):
        """A final statement that keeps failing is tried by the twelve runs
        after the last month (ended 10 April 2026: May 2026 to April 2027),
        then no more: the run of May 2027 leaves the contract alone, so a
        contract that ended long ago is not billed years later."""
        contract, april = self._ended_on_10_april()
        Contract = self.env["support.contract"]
        for month in (date(2026, 5, 1), date(2027, 4, 1)):
            self.assertIn(
                contract, Contract.search(Contract._get_billable_domain(month))
            )
            self.assertTrue(contract._is_final_billing_month(month))
        with (
            freeze_time("2027-04-01 06:00:00"),
            self._billing_fails_for(contract, "The customer has no invoice address"),
        ):
            self._run_billing()
        self.assertIn(
            "Billing of April 2027 failed", contract.activity_ids.mapped("summary")
        )
        self.assertNotIn(
            contract,
            Contract.search(Contract._get_billable_domain(date(2027, 5, 1))),
        )
        self.assertFalse(contract._is_final_billing_month(date(2027, 5, 1)))
        with freeze_time("2027-05-01 06:00:00"):
            self._run_billing()
        self.assertEqual(self._contract_invoices(contract), april)
        self.assertFalse(contract.billing_ids.filtered("is_final"))
