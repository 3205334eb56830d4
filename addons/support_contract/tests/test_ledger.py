# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.tests import tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestLedger(SupportContractCommon):
    with_accounting = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_timesheets(cls.company)
        # Light with 10 reserved hours a month (0-10 band, 4 %)
        cls.contract = cls._create_contract(reserved_hours=10)
        cls.contract.action_activate()

    def _lines(self, invoice):
        return {
            (line.product_id, line.quantity, line.price_unit, line.discount)
            for line in invoice.invoice_line_ids
        }

    def test_timesheet_on_ticket(self):
        """A timesheet on a covered ticket is booked on the support project and
        consumes the contract's hours."""
        ticket = self._create_ticket(self.contract)
        timesheet = self._log(ticket, date(2026, 1, 5), 1.5)
        self.assertEqual(timesheet.project_id, self.company.support_project_id)
        self.assertEqual(timesheet.support_contract_id, self.contract)
        self.assertEqual(ticket.support_hours_policy, "reserved")
        line = self.contract.ledger_line_ids
        self.assertEqual(line.timesheet_id, timesheet)
        self.assertEqual(line.hours, -1.5)
        self.assertEqual(self.contract.hour_balance, -1.5)
        timesheet.unit_amount = 2.0
        self.assertEqual(line.hours, -2.0)
        timesheet.unlink()
        self.assertFalse(self.contract.ledger_line_ids)
        self.assertEqual(self.contract.hour_balance, 0.0)

    def test_rfc_over_max_consumes_nothing(self):
        """An RFC of 9 hours (> 8) consumes nothing, even the first 5 hours."""
        rfc = self._create_ticket(self.contract, ticket_type=self.type_rfc)
        # approved at 8 hours before the work (change requests wait for it)
        self._approve_change(rfc)
        self._log(rfc, date(2026, 1, 5), 5.0)
        # 5 h <= 8 h: still support
        self.assertEqual(rfc.support_hours_policy, "reserved")
        self.assertEqual(self.contract.hour_balance, -5.0)
        self._log(rfc, date(2026, 1, 6), 4.0)
        # 9 h > 8 h: not support, nothing consumed, both lines billable
        self.assertEqual(rfc.support_hours_policy, "rfc")
        self.assertEqual(self.contract.hour_balance, 0.0)
        lines = self.contract.ledger_line_ids
        self.assertEqual(len(lines), 2)
        self.assertTrue(all(lines.mapped("billable_separately")))
        self.assertEqual(sum(lines.mapped("hours_logged")), 9.0)

    def test_billable_type_consumes_nothing(self):
        ticket = self._create_ticket(self.contract, ticket_type=self.type_billable)
        self._log(ticket, date(2026, 1, 5), 3.0)
        self.assertEqual(ticket.support_hours_policy, "billable")
        self.assertEqual(self.contract.hour_balance, 0.0)
        # retyping the ticket as support makes the hours consume
        ticket.support_ticket_type_id = self.type_support
        self.assertEqual(self.contract.hour_balance, -3.0)
        # and making the type billable afterwards releases them again
        self.type_support.billable = True
        self.assertEqual(self.contract.hour_balance, 0.0)

    def test_uncovered_ticket(self):
        """A ticket of a customer without contract is allowed, visibly uncovered,
        and its hours touch no ledger."""
        stranger = self.env["res.partner"].create({"name": "Walk-in Ltd"})
        ticket = self._create_ticket(partner=stranger)
        self.assertFalse(ticket.support_contract_id)
        self.assertFalse(ticket.support_covered)
        self.assertEqual(ticket.support_hours_policy, "uncovered")
        self._log(ticket, date(2026, 1, 5), 2.0)
        self.assertFalse(
            self.env["support.hour.ledger"].search([("ticket_id", "=", ticket.id)])
        )

    def test_rollover_and_excess_over_months(self):
        """10 h reserved a month; unused hours roll over, excess is billed once."""
        contract = self.contract
        Contract = self.env["support.contract"]
        ticket = self._create_ticket(contract)
        rfc = self._create_ticket(contract, ticket_type=self.type_rfc)
        # approved at 8 hours before the work (change requests wait for it)
        self._approve_change(rfc)
        data = self._create_ticket(contract, ticket_type=self.type_billable)
        # January: credit 10, use 4 -> balance 6
        jan = contract._bill_month(date(2026, 1, 1))
        self._log(ticket, date(2026, 1, 12), 4.0)
        self._log(rfc, date(2026, 1, 13), 9.0)
        self._log(data, date(2026, 1, 14), 3.0)
        self.assertEqual(contract.hour_balance, 6.0)
        # February: no excess (6 left); credit 10 -> 16; the RFC (9 h) and the
        # data import (3 h) of January are billed separately: 12 h x 100
        feb = contract._bill_month(date(2026, 2, 1))
        self.assertEqual(feb.excess_hours, 0.0)
        self.assertEqual(feb.separate_hours, 12.0)
        self.assertEqual(contract.hour_balance, 16.0)
        # 10 h reserved is in the band 10-20 h (half-open, 6 %): 10 h x 100 x 0.94
        # = 940 reserved + 250 plan + 9 x 100 + 3 x 100
        self.assertEqual(feb.invoice_id.amount_untaxed, 940 + 250 + 900 + 300)
        # February: use 20 h -> -4
        self._log(ticket, date(2026, 2, 10), 20.0)
        self.assertEqual(contract.hour_balance, -4.0)
        # March: 4 excess hours billed at the normal rate (4 x 100), balance back
        # to 0, then 10 h credited
        mar = contract._bill_month(date(2026, 3, 1))
        self.assertEqual(mar.excess_hours, 4.0)
        self.assertIn((self.hour_product, 4.0, 100.0, 0.0), self._lines(mar.invoice_id))
        self.assertEqual(mar.invoice_id.amount_untaxed, 250 + 940 + 400)
        self.assertEqual(contract.hour_balance, 10.0)
        # running March again bills nothing
        self.assertFalse(contract._bill_month(date(2026, 3, 1)))
        # April: nothing used in March, no excess; 20 h available
        apr = contract._bill_month(date(2026, 4, 1))
        self.assertEqual(apr.excess_hours, 0.0)
        self.assertEqual(apr.invoice_id.amount_untaxed, 250 + 940)
        self.assertEqual(contract.hour_balance, 20.0)
        # ledger movements: credits +40, consumption -24, excess +4 = 20
        ledger = contract.ledger_line_ids
        self.assertEqual(
            sum(ledger.filtered(lambda x: x.kind == "credit").mapped("hours")), 40
        )
        self.assertEqual(
            sum(ledger.filtered(lambda x: x.kind == "excess").mapped("hours")), 4
        )
        self.assertEqual(len(contract.billing_ids), 4)
        self.assertEqual(len(contract.invoice_ids), 4)
        self.assertEqual(jan.invoice_id.amount_untaxed, 250 + 940)
        self.assertEqual(Contract.browse(contract.id).invoice_count, 4)

    def test_balance_constant_queries(self):
        """The balance is one aggregate query however long the history is."""
        ticket = self._create_ticket(self.contract)
        self._log(ticket, date(2026, 1, 5), 1.0)
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            self.assertEqual(self.contract.hour_balance, -1.0)
        for day in range(1, 29):
            self._log(ticket, date(2026, 2, day), 0.5)
        self.contract._bill_month(date(2026, 1, 1))
        self.contract._bill_month(date(2026, 2, 1))
        self.contract._bill_month(date(2026, 3, 1))
        self.env.invalidate_all()
        # credits 10 + 10 + 10, timesheets -1 - 28 x 0.5: 30 - 15 = 15; the
        # balance never went below 0 before a billing, so no excess
        with self.assertQueryCount(1):
            self.assertEqual(self.contract.hour_balance, 15.0)
