# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Changes of a running contract kept as amendments: one per requested change, several
may wait, each applied on the first day of its own month (in order of month, then
request), kept as history afterwards, withdrawable one by one."""

from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

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
        """Rule: one amendment per requested change (it used to merge a second
        request into the waiting one)."""
        contract = self.contract
        june, july = date(2026, 6, 1), date(2026, 7, 1)
        first = contract._amend(plan=self.plan_medium, date=june, reason="SO001")
        # a second change before June is an amendment of its own
        second = contract._amend(
            reserved_hours=25,
            addon_quantities={self.addon_extended: 1, self.addon_integration: 0},
            date=june,
            reason="SO002",
        )
        self.assertNotEqual(first, second)
        self.assertEqual(contract.amendment_ids, first | second)
        self.assertEqual(contract.pending_amendment_ids.ids, [first.id, second.id])
        self.assertEqual((first.state, second.state), ("pending", "pending"))
        self.assertEqual((first.reason, second.reason), ("SO001", "SO002"))
        self.assertEqual(first.requested_by_id, self.env.user)
        self.assertFalse(first.change_reserved_hours)
        self.assertFalse(second.plan_id, "the plan does not change with it")
        self.assertEqual(
            contract._get_next_addon_quantities(),
            {self.addon_integration: 0, self.addon_extended: 1},
        )
        # May: nothing applies yet
        contract._apply_pending_changes(date(2026, 5, 1))
        self.assertEqual(contract.plan_id, self.plan_light)
        self.assertEqual(contract.reserved_hours, 15)
        # June applies both; the integrations (quantity 0) are removed
        contract._apply_pending_changes(june)
        self.assertEqual(contract.plan_id, self.plan_medium)
        self.assertEqual(contract.reserved_hours, 25)
        self.assertEqual(contract.addon_ids, self.addon_extended)
        self.assertEqual((first.state, second.state), ("applied", "applied"))
        self.assertEqual(first.date_applied, june)
        self.assertFalse(contract.pending_amendment_ids)
        # a later change is a new amendment; the applied ones stay
        later = contract._amend(reserved_hours=10, date=july)
        self.assertEqual(contract.amendment_ids, first | second | later)
        self.assertEqual(contract.pending_amendment_ids, later)
        self.assertFalse(later.plan_id, "the plan does not change with it")

    def test_each_change_applies_in_its_own_month(self):
        """A June change sold after a July one still applies in June; in one
        month the later request wins for the item both change."""
        contract = self.contract
        june, july = date(2026, 6, 1), date(2026, 7, 1)
        july_change = contract._amend(
            reserved_hours=30, addon_quantities={self.addon_integration: 3}, date=july
        )
        june_change = contract._amend(plan=self.plan_medium, date=june)
        june_hours = contract._amend(reserved_hours=20, date=june)
        june_hours_again = contract._amend(reserved_hours=25, date=june)
        self.assertEqual(
            contract.pending_amendment_ids,
            june_change | june_hours | june_hours_again | july_change,
        )
        self.assertEqual(
            contract._get_next_addon_quantities(), {self.addon_integration: 3}
        )
        contract._apply_pending_changes(june)
        self.assertEqual(contract.plan_id, self.plan_medium)
        self.assertEqual(contract.reserved_hours, 25, "the later June request wins")
        self.assertEqual(july_change.state, "pending")
        self.assertEqual(contract.addon_line_ids.quantity, 2)
        contract._apply_pending_changes(july)
        self.assertEqual(contract.reserved_hours, 30)
        self.assertEqual(contract.addon_line_ids.quantity, 3)
        self.assertEqual(contract.plan_id, self.plan_medium)
        self.assertFalse(contract.pending_amendment_ids)

    def test_cancelled_amendment_is_not_applied(self):
        contract = self.contract
        amendment = contract._amend(reserved_hours=25, date=date(2026, 6, 1))
        other = contract._amend(plan=self.plan_medium, date=date(2026, 6, 1))
        amendment.action_cancel()
        self.assertEqual(amendment.state, "cancelled")
        self.assertEqual(other.state, "pending", "cancelling one leaves the others")
        self.assertEqual(contract.pending_amendment_ids, other)
        contract._apply_pending_changes(date(2026, 6, 1))
        self.assertEqual(contract.reserved_hours, 15)
        self.assertEqual(contract.plan_id, self.plan_medium)
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

    def test_next_contract_checked_with_the_changes_before_it(self):
        """Each waiting change is checked on the contract as the changes due
        before it leave it: the free plan (no reserved hours, no integrations)
        from June, then 10 reserved hours from July, is refused; so is the same
        June change sold after the July hours, which it would leave invalid."""
        contract = self.contract
        to_free = {
            "plan": self.plan_free,
            "reserved_hours": 0,
            "addon_quantities": {self.addon_integration: 0},
            "date": date(2026, 6, 1),
        }
        june = contract._amend(**to_free)
        with self.assertError(ValidationError, "does not allow reserved hours"):
            contract._amend(reserved_hours=10, date=date(2026, 7, 1))
        self.assertEqual(contract.amendment_ids, june)
        june.action_cancel()
        july = contract._amend(reserved_hours=10, date=date(2026, 7, 1))
        with self.assertError(ValidationError, "does not allow reserved hours"):
            contract._amend(**to_free)
        self.assertEqual(contract.pending_amendment_ids, july)

    def test_several_amendments_may_wait(self):
        """Rule change: several amendments of one contract may wait at once (the
        database allowed one)."""
        Amendment = self.env["support.contract.amendment"]
        first = Amendment.create(
            {"contract_id": self.contract.id, "date": "2026-06-01"}
        )
        second = Amendment.create(
            {"contract_id": self.contract.id, "date": "2026-07-01"}
        )
        self.env.flush_all()
        self.assertEqual(self.contract.pending_amendment_ids, first | second)
