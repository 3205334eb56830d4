# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

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
        """March: billed 2,660, 15 h credited, 20 h used, 5 h over (billed in
        April at 100.00 = 500.00), 0 h left. April: 15 h credited, 15 h left,
        invoiced 2,660 + 500 = 3,160."""
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
            (250.0, 1000.0, 1410.0, 0.0, 2660.0),
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
        self.assertEqual((april.overage_amount, april.amount_invoiced), (500.0, 3160.0))
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
