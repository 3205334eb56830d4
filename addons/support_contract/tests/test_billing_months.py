# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user
from odoo.tools import mute_logger

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestBillingMonths(SupportContractCommon):
    """A contract is billed from its start date to its end date (included), never
    a month before its start or after its end: by the scheduled action and by the
    "Bill This Month" button. A month started or ended mid-month is billed pro
    rata by days (company setting; or the full month).

    Light 250 + Extended 1,000 + 15 reserved hours x 100 less 6 % (1,410): 2,660 a
    whole month.
    """

    with_accounting = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the jobs count days in the company's zone, whatever the user's
        cls.company.partner_id.tz = "Europe/Amsterdam"
        cls.env.user.tz = "UTC"

    def _lines(self, invoice):
        return {
            line.product_id: (line.quantity, line.price_unit, line.discount)
            for line in invoice.invoice_line_ids
        }

    def test_start_next_month_bills_nothing_this_month(self):
        """Sold on 5 December 2026 for 1 January 2027: upcoming, not active; the
        button refuses to bill December, the daily run bills nothing in December
        (it billed December before); on 1 January (Amsterdam time) it starts and
        January is billed in full."""
        with freeze_time("2026-12-05 10:00:00"):
            contract = self._create_extended_contract("2027-01-01")
            contract.action_activate()
            self.assertEqual(contract.state, "upcoming")
            with self.assertError(UserError, "starts on .*billed from then"):
                contract.action_bill_current_month()
            self._run_billing()
            self.assertEqual(contract.state, "upcoming")
            self.assertFalse(self._contract_invoices(contract))
            # a direct call for a month before the start bills nothing either
            self.assertFalse(contract._bill_month(date(2026, 12, 1)))
            # a customer without a running contract has no active one yet
            self.assertFalse(
                self.env["support.contract"]._get_active_contract_for_partners(
                    self.customer, self.company
                )
            )
        # 31 December 23:30 in Stockholm: still December there
        self.company.partner_id.tz = "Europe/Stockholm"
        with freeze_time("2026-12-31 22:30:00"):
            self._run_billing()
            self.assertEqual(contract.state, "upcoming")
            self.assertFalse(self._contract_invoices(contract))
        # 00:30 on 1 January in Amsterdam (23:30 UTC): January has come
        self.company.partner_id.tz = "Europe/Amsterdam"
        with freeze_time("2026-12-31 23:30:00"):
            self._run_billing()
        self.assertEqual(contract.state, "active")
        invoice = self._contract_invoices(contract)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.invoice_date, date(2027, 1, 1))
        self.assertEqual(invoice.amount_untaxed, 2660.0)
        self.assertEqual(contract.billing_ids.month, date(2027, 1, 1))

    def test_run_after_midnight_in_the_company_zone_bills_the_new_month(self):
        """The daily run at 23:30 Amsterdam on 30 April (21:30 UTC) bills April;
        the run at 00:30 Amsterdam on 1 May (22:30 UTC on 30 April) bills May
        (by the UTC date it billed April again, that is nothing, and May only a
        day later). Stockholm the same in winter: 00:30 on 1 February is 23:30
        UTC on 31 January."""
        for zone, late, after_midnight, first in (
            ("Europe/Amsterdam", "2026-04-30 21:30", "2026-04-30 22:30", 4),
            ("Europe/Stockholm", "2026-01-31 22:30", "2026-01-31 23:30", 1),
        ):
            self.company.partner_id.tz = zone
            customer = self.env["res.partner"].create(
                {"name": f"Customer in {zone}", "is_company": True}
            )
            contract = self._create_extended_contract(
                f"2026-{first:02d}-01", partner=customer
            )
            contract.action_activate()
            with freeze_time(late):
                self._run_billing()
            self.assertEqual(
                contract.billing_ids.mapped("month"), [date(2026, first, 1)], zone
            )
            with freeze_time(after_midnight):
                self._run_billing()
            self.assertEqual(
                sorted(contract.billing_ids.mapped("month")),
                [date(2026, first, 1), date(2026, first + 1, 1)],
                zone,
            )

    def test_start_on_the_15th_billed_17_of_31(self):
        """Start on 15 March (31 days): 15-31 March is 17 days, 17/31 of the fee:
        plan 250 x 17/31 = 137.10, Extended 1,000 x 17/31 = 548.39, reserved hours
        15 x 17/31 = 8.23 h x 100 less 6 % = 773.62; 1,459.11 in all. The lines
        say the period; the invoice is dated the start date."""
        with freeze_time("2026-03-02 09:00:00"):
            contract = self._create_extended_contract("2026-03-15")
            contract.action_activate()
            self.assertEqual(contract.state, "upcoming")
            self._run_billing()
            self.assertFalse(self._contract_invoices(contract))
        with freeze_time("2026-03-15 06:00:00"):
            self._run_billing()
            self.assertEqual(contract.state, "active")
            # billed once: the button finds the month billed
            with self.assertError(UserError, "was billed for March 2026 already"):
                contract.action_bill_current_month()
        invoice = self._contract_invoices(contract)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.invoice_date, date(2026, 3, 15))
        lines = self._lines(invoice)
        self.assertEqual(lines[self.plan_light.product_id], (1, 137.10, 0))
        self.assertEqual(lines[self.addon_extended.product_id], (1, 548.39, 0))
        self.assertEqual(lines[self.bands[1].product_id], (8.23, 100, 6))
        self.assertEqual(invoice.amount_untaxed, 1459.11)
        for line in invoice.invoice_line_ids:
            self.assertIn("03/15/2026 to 03/31/2026, 17/31 days", line.name)
        # the hours credited are those billed
        self.assertEqual(contract.billing_ids.reserved_hours, 8.23)
        self.assertEqual(contract.hour_balance, 8.23)
        # April: the whole month
        with freeze_time("2026-04-01 08:00:00"):
            self._run_billing()
        april = self._contract_invoices(contract)[1:]
        self.assertEqual(april.amount_untaxed, 2660.0)
        self.assertEqual(
            april.invoice_line_ids.filtered(
                lambda line: line.product_id == self.plan_light.product_id
            ).name,
            "Support plan Light, April 2026",
        )

    def test_end_on_the_10th_billed_10_of_30_then_nothing(self):
        """Ended on 10 April (30 days), the end date included: April is billed
        10/30 (plan 83.33, Extended 333.33, 5 h x 94 = 470: 886.66); May only
        the final statement (nothing over the reservation here: no invoice),
        later nothing, by the run or the button."""
        contract = self._create_extended_contract("2025-04-01")
        with freeze_time("2026-04-02 09:00:00"):
            contract.action_activate()
            contract.action_end(date_end=date(2026, 4, 10))
            # a last day after today is scheduled: active (covered) until then
            self.assertEqual(contract.state, "active")
            self.assertEqual(contract.date_end, date(2026, 4, 10))
            self._run_billing()
        with freeze_time("2026-04-11 06:00:00"):
            self.env["support.contract"]._cron_end_contracts()
            self.assertEqual(contract.state, "ended")
        invoice = self._contract_invoices(contract)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.invoice_date, date(2026, 4, 1))
        lines = self._lines(invoice)
        self.assertEqual(lines[self.plan_light.product_id], (1, 83.33, 0))
        self.assertEqual(lines[self.addon_extended.product_id], (1, 333.33, 0))
        self.assertEqual(lines[self.bands[1].product_id], (5, 100, 6))
        self.assertEqual(invoice.amount_untaxed, 886.66)
        self.assertIn(
            "04/01/2026 to 04/10/2026, 10/30 days", invoice.invoice_line_ids[0].name
        )
        # May's run bills only the final statement: no hours, nothing to invoice
        with freeze_time("2026-05-01 09:00:00"):
            self._run_billing()
            self.assertFalse(contract._bill_month(date(2026, 5, 1)))
            with self.assertError(UserError, "final statement .* billed already"):
                contract.action_bill_current_month()
        self.assertTrue(contract.billing_ids.filtered("is_final"))
        with freeze_time("2026-06-01 09:00:00"):
            self._run_billing()
            self.assertFalse(contract._bill_month(date(2026, 6, 1)))
            with self.assertError(UserError, "final statement .* billed already"):
                contract.action_bill_current_month()
        self.assertEqual(self._contract_invoices(contract), invoice)

    def test_full_month_setting(self):
        """With "Full month", a contract starting on the 15th pays the whole
        first month: 2,660, the lines name the month."""
        self.company.support_billing_proration = "full"
        with freeze_time("2026-03-15 09:00:00"):
            contract = self._create_extended_contract("2026-03-15")
            contract.action_activate()
            self.assertEqual(contract.state, "active")
            contract.action_bill_current_month()
        invoice = self._contract_invoices(contract)
        self.assertEqual(invoice.amount_untaxed, 2660.0)
        self.assertEqual(contract.hour_balance, 15.0)
        self.assertIn("March 2026", invoice.invoice_line_ids[0].name)
        self.assertNotIn("days", invoice.invoice_line_ids[0].name)

    def test_contract_that_cannot_start_is_skipped(self):
        """A customer's upcoming contract that cannot start while another one
        of theirs is still running is logged and left upcoming; the other
        customers' contracts start and are billed. (Activation refuses such an
        overlap now: the database is given the state an older version let in.)"""
        with freeze_time("2026-02-20 09:00:00"):
            running = self._create_contract(date_start="2025-01-01")
            running.action_activate()
            blocked = self._create_extended_contract("2026-03-01")
            self.env.cr.execute(
                "UPDATE support_contract SET state = 'upcoming' WHERE id = %s",
                [blocked.id],
            )
            blocked.invalidate_recordset(["state"])
            other = self._create_extended_contract(
                "2026-03-01",
                partner=self.env["res.partner"].create(
                    {"name": "Other Customer", "is_company": True}
                ),
            )
            other.action_activate()
            self.assertEqual((blocked | other).mapped("state"), ["upcoming"] * 2)
        with (
            freeze_time("2026-03-01 09:00:00"),
            mute_logger("odoo.sql_db"),
            self.assertLogs(
                "odoo.addons.support_contract.models.support_contract_lifecycle",
                level="ERROR",
            ),
        ):
            self._run_billing()
        self.assertEqual(blocked.state, "upcoming")
        self.assertFalse(self._contract_invoices(blocked))
        self.assertEqual(other.state, "active")
        self.assertEqual(self._contract_invoices(other).amount_untaxed, 2660.0)

    def test_post_and_send(self):
        """Company setting "Posted and sent": the run posts the month's invoice
        and Odoo's batch sending mails it to the customer from the account
        manager; "Draft" (default) leaves it in draft, not sent."""
        self.customer.email = "billing@customer.example.com"
        draft_customer = self.env["res.partner"].create(
            {"name": "Draft Customer", "is_company": True}
        )
        self.account_manager = new_test_user(
            self.env,
            login="account_manager",
            email="manager@provider.example.com",
            groups="support_contract.support_contract_group_manager,"
            "account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        with freeze_time("2026-03-01 09:00:00"):
            contract = self._create_extended_contract(
                "2026-01-01", user_id=self.account_manager.id
            )
            contract.action_activate()
            left_draft = self._create_extended_contract(
                "2026-01-01", partner=draft_customer
            )
            left_draft.action_activate()
            left_draft._bill_month(date(2026, 3, 1))
            self.company.support_billing_post = "post"
            self._run_billing()
        self.assertEqual(self._contract_invoices(left_draft).state, "draft")
        self.assertFalse(self._contract_invoices(left_draft).is_being_sent)
        invoice = self._contract_invoices(contract)
        self.assertEqual(invoice.state, "posted")
        self.assertTrue(invoice.name.startswith("INV/2026/"))
        self.assertTrue(invoice.is_being_sent)
        self.assertEqual(
            (invoice.support_period_start, invoice.support_period_end),
            (date(2026, 3, 1), date(2026, 3, 31)),
        )
        with patch.object(type(self.env["ir.cron"]), "_commit_progress", autospec=True):
            self.env["account.move"]._cron_account_move_send()
        self.assertTrue(invoice.is_move_sent)
        self.assertFalse(invoice.is_being_sent)
        sent = invoice.message_ids.filtered(
            lambda message: self.customer in message.partner_ids
        )
        self.assertTrue(sent)
        self.assertEqual(sent[0].author_id, self.account_manager.partner_id)
        self.assertTrue(sent[0].attachment_ids)

    def test_journal_and_analytic_distribution(self):
        """The run looks up the sales journal and the analytic distribution
        models once per company, not per invoice and line: without a model the
        lines carry no distribution; a model for a customer still applies to
        its lines."""
        with freeze_time("2026-03-01 09:00:00"):
            plain = self._create_extended_contract("2026-01-01")
            plain.action_activate()
            plain._bill_month(date(2026, 3, 1))
        invoice = self._contract_invoices(plain)
        self.assertEqual(invoice.journal_id.type, "sale")
        self.assertEqual(invoice.journal_id.company_id, self.company)
        self.assertEqual(
            set(invoice.invoice_line_ids.mapped("analytic_distribution")), {False}
        )
        analytic_plan = self.env["account.analytic.plan"].create({"name": "Support"})
        account = self.env["account.analytic.account"].create(
            {
                "name": "Support customers",
                "plan_id": analytic_plan.id,
                "company_id": self.company.id,
            }
        )
        customer = self.env["res.partner"].create(
            {"name": "Analytic Customer", "is_company": True}
        )
        self.env["account.analytic.distribution.model"].create(
            {
                "partner_id": customer.id,
                "analytic_distribution": {str(account.id): 100},
                "company_id": self.company.id,
            }
        )
        with freeze_time("2026-03-01 09:00:00"):
            tracked = self._create_extended_contract("2026-01-01", partner=customer)
            tracked.action_activate()
            tracked._bill_month(date(2026, 3, 1))
        lines = self._contract_invoices(tracked).invoice_line_ids
        self.assertTrue(lines)
        self.assertEqual(
            lines.mapped("analytic_distribution"),
            [{str(account.id): 100.0}] * len(lines),
        )
