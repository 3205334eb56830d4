# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestStatement(SupportContractCommon):
    """A contract's month in figures, from its ledger and its monthly invoices."""

    with_accounting = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_timesheets(cls.company)
        # Light 250 + Extended 1,000 + 15 h x 100 less 6 % = 1,410: 2,660 a month
        cls.contract = cls._create_contract(
            reserved_hours=15,
            addon_line_ids=[Command.create({"addon_id": cls.addon_extended.id})],
        )
        cls.contract.action_activate()

    def test_statement_per_month(self):
        """March: 2,660 for the month, 15 h credited, 20 h used, 5 h over (billed
        with April at 100.00 = 500.00, counted in March, the month they were
        used in), 0 h left: March cost 3,160. April: 15 h credited, 15 h left,
        2,660."""
        self.contract._bill_month(date(2026, 3, 1))
        ticket = self._create_ticket(self.contract)
        self._log(ticket, date(2026, 3, 10), 20.0)
        self.contract._bill_month(date(2026, 4, 1))
        statements = self.env["support.contract.statement"].search(
            [("contract_id", "=", self.contract.id)], order="month"
        )
        self.assertEqual(
            statements.mapped("month"), [date(2026, 3, 1), date(2026, 4, 1)]
        )
        march, april = statements
        self.assertEqual(
            (
                march.fee_amount,
                march.addons_amount,
                march.reserved_amount,
                march.overage_amount,
                march.amount_invoiced,
            ),
            (250.0, 1000.0, 1410.0, 500.0, 3160.0),
        )
        self.assertEqual(
            (
                march.hours_reserved,
                march.hours_used,
                march.hours_overage,
                march.hours_rolled_over,
            ),
            (15.0, 20.0, 5.0, 0.0),
        )
        self.assertEqual(
            (april.hours_reserved, april.hours_used, april.hours_rolled_over),
            (15.0, 0.0, 15.0),
        )
        self.assertEqual((april.overage_amount, april.amount_invoiced), (0.0, 2660.0))
        # the last statement's hours left are the contract's balance
        self.assertEqual(april.hours_rolled_over, self.contract.hour_balance)
        # the pivot groups them
        groups = self.env["support.contract.statement"].formatted_read_group(
            [("contract_id", "=", self.contract.id)],
            ["contract_id"],
            ["amount_invoiced:sum", "hours_used:sum"],
        )
        self.assertEqual(groups[0]["amount_invoiced:sum"], 5820.0)
        self.assertEqual(groups[0]["hours_used:sum"], 20.0)
        # a month's row keeps its id when rows of an older contract appear (a
        # pivot's drill-down opens the same row)
        other_customer = self.env["res.partner"].create(
            {"name": "Later Customer", "is_company": True}
        )
        later = self._create_contract(other_customer, reserved_hours=15)
        later.action_activate()
        later._bill_month(date(2026, 3, 1))
        Statement = self.env["support.contract.statement"]
        row = Statement.search([("contract_id", "=", later.id)])
        self.assertEqual(len(row), 1)
        row_id = row.id
        self.contract._bill_month(date(2026, 5, 1))
        self.env.invalidate_all()
        row = Statement.search([("contract_id", "=", later.id)])
        self.assertEqual(row.id, row_id)
        self.assertEqual(Statement.browse(row_id).contract_id, later)

    def test_pro_rata_months_and_final_statement(self):
        """From 15 March to 10 May (pro rata: 17/31 and 10/31), Light 250 +
        Extended 1,000 + 15 h x 100 less 6 %, figures worked by hand:

        - March (15-31, 17/31): plan 250 x 17/31 = 137.10, Extended 1,000 x
          17/31 = 548.39, 15 x 17/31 = 8.23 h x 94 = 773.62 (invoice 1,459.11);
          20 h used: 11.77 h over, billed with April at 100 = 1,177.00; March
          cost 1,459.11 + 1,177.00 = 2,636.11; 0 h left.
        - April (whole): 250 + 1,000 + 1,410 = 2,660 (invoice 2,660 + March's
          1,177 = 3,837); 10 h used of 15: 5 h left, no overage.
        - May (1-10, 10/31): plan 80.65, Extended 322.58, 15 x 10/31 = 4.84 h x
          94 = 454.96 (invoice 858.19); 12 h used of 5 + 4.84 = 9.84: 2.16 h
          over, billed by the final statement of 1 June at 100 = 216.00; May
          cost 858.19 + 216.00 = 1,074.19; 0 h left.
        - No row for June. In all 2,636.11 + 2,660 + 1,074.19 = 6,370.30, the
          four invoices' 1,459.11 + 3,837 + 858.19 + 216.
        """
        customer = self.env["res.partner"].create(
            {"name": "Pro Rata Customer", "is_company": True}
        )
        self.env.user.tz = "Europe/Amsterdam"
        contract = self._create_contract(
            customer,
            date_start="2026-03-15",
            min_term_months=1,
            reserved_hours=15,
            addon_line_ids=[Command.create({"addon_id": self.addon_extended.id})],
        )
        with freeze_time("2026-03-15 06:00:00"):
            contract.action_activate()
            contract.action_end(date_end=date(2026, 5, 10))
            self._run_billing()
        ticket = self._create_ticket(contract, partner=customer)
        self._log(ticket, date(2026, 3, 20), 20.0)
        with freeze_time("2026-04-01 06:00:00"):
            self._run_billing()
        self._log(ticket, date(2026, 4, 20), 10.0)
        with freeze_time("2026-05-01 06:00:00"):
            self._run_billing()
        self._log(ticket, date(2026, 5, 8), 12.0)
        for day in ("2026-06-01 06:00:00", "2026-07-01 06:00:00"):
            with freeze_time(day):
                self._run_billing()
        self.assertEqual(contract.state, "ended")
        invoices = contract.invoice_ids.sorted("invoice_date")
        self.assertEqual(
            invoices.mapped("amount_untaxed"), [1459.11, 3837.0, 858.19, 216.0]
        )
        statements = self.env["support.contract.statement"].search(
            [("contract_id", "=", contract.id)], order="month"
        )
        self.assertEqual(
            [
                (
                    row.month,
                    row.fee_amount,
                    row.addons_amount,
                    row.reserved_amount,
                    row.hours_reserved,
                    row.hours_used,
                    row.hours_overage,
                    row.hours_rolled_over,
                    row.overage_amount,
                    row.amount_invoiced,
                )
                for row in statements
            ],
            [
                (date(2026, 3, 1), 137.10, 548.39, 773.62, 8.23, 20.0, 11.77, 0.0)
                + (1177.0, 2636.11),
                (date(2026, 4, 1), 250.0, 1000.0, 1410.0, 15.0, 10.0, 0.0, 5.0)
                + (0.0, 2660.0),
                (date(2026, 5, 1), 80.65, 322.58, 454.96, 4.84, 12.0, 2.16, 0.0)
                + (216.0, 1074.19),
            ],
        )
        self.assertAlmostEqual(
            sum(statements.mapped("amount_invoiced")),
            sum(invoices.mapped("amount_untaxed")),
        )
