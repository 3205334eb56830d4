# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Changes of a running contract kept as amendments: one waiting per contract, applied
on the first day of their month, kept as history afterwards, withdrawable."""

from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestAmendment(SupportContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._create_contract(reserved_hours=15)
        cls.contract.addon_line_ids = cls.contract._addon_line_commands(
            {cls.addon_integration: 2}
        )
        cls.contract.action_activate()

    def test_changes_wait_for_their_month_then_stay_as_history(self):
        contract = self.contract
        june, july = date(2026, 6, 1), date(2026, 7, 1)
        first = contract._amend(plan=self.plan_medium, date=june, reason="SO001")
        # a second change before June is added to the same amendment
        second = contract._amend(
            reserved_hours=25,
            addon_quantities={self.addon_extended: 1, self.addon_integration: 0},
            date=june,
            reason="SO002",
        )
        self.assertEqual(first, second)
        self.assertEqual(contract.amendment_ids, first)
        self.assertEqual(first.state, "pending")
        self.assertEqual(first.reason, "SO001\nSO002")
        self.assertEqual(first.requested_by_id, self.env.user)
        self.assertEqual(
            contract._get_next_addon_quantities(),
            {self.addon_integration: 0, self.addon_extended: 1},
        )
        # May: nothing applies yet
        contract._apply_pending_changes(date(2026, 5, 1))
        self.assertEqual(contract.plan_id, self.plan_light)
        self.assertEqual(contract.reserved_hours, 15)
        # June applies it; the integrations (quantity 0) are removed
        contract._apply_pending_changes(june)
        self.assertEqual(contract.plan_id, self.plan_medium)
        self.assertEqual(contract.reserved_hours, 25)
        self.assertEqual(contract.addon_ids, self.addon_extended)
        self.assertEqual(first.state, "applied")
        self.assertEqual(first.date_applied, june)
        self.assertFalse(contract.pending_amendment_id)
        # a later change is a new amendment; the applied one stays
        later = contract._amend(reserved_hours=10, date=july)
        self.assertNotEqual(later, first)
        self.assertEqual(contract.amendment_ids, first | later)
        self.assertEqual(contract.pending_amendment_id, later)
        self.assertFalse(later.plan_id, "the plan does not change with it")

    def test_cancelled_amendment_is_not_applied(self):
        contract = self.contract
        amendment = contract._amend(reserved_hours=25, date=date(2026, 6, 1))
        amendment.action_cancel()
        self.assertEqual(amendment.state, "cancelled")
        contract._apply_pending_changes(date(2026, 6, 1))
        self.assertEqual(contract.reserved_hours, 15)
        with self.assertError(UserError, "Only a waiting amendment"):
            amendment.action_cancel()

    def test_next_contract_must_be_valid(self):
        """The contract as it will be is checked: nothing is recorded otherwise."""
        with self.assertError(ValidationError, "does not allow reserved hours"):
            self.contract._amend(plan=self.plan_free, date=date(2026, 6, 1))
        with self.assertError(ValidationError, "not a valid quantity"):
            self.contract._amend(
                addon_quantities={self.addon_extended: 2}, date=date(2026, 6, 1)
            )
        self.assertFalse(self.contract.amendment_ids)

    @mute_logger("odoo.sql_db")
    def test_one_waiting_amendment_per_contract(self):
        Amendment = self.env["support.contract.amendment"]
        Amendment.create({"contract_id": self.contract.id, "date": "2026-06-01"})
        with self.assertRaises(IntegrityError):
            Amendment.create({"contract_id": self.contract.id, "date": "2026-07-01"})
