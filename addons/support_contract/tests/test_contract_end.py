# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tests.common import new_test_user

from .common import SupportContractCommon


@freeze_time("2026-06-10 10:00:00")
@tagged("post_install", "-at_install")
class TestContractEnd(SupportContractCommon):
    """The 12-month minimum term is enforced on ending a contract: an end date
    before the term's last day is refused unless a contracts manager overrides it
    with a reason, which is logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="end_manager",
            groups="support_contract.support_contract_group_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.agent = new_test_user(
            cls.env,
            login="end_agent",
            groups="support_contract.support_contract_group_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        # 1 January 2026, 12 months: the term runs until 31 December 2026
        cls.contract = cls._create_contract(reserved_hours=15)
        cls.contract.action_activate()

    def _wizard(self, user, date_end, reason=None):
        wizard = Form(
            self.env["support.contract.end.wizard"]
            .with_user(user)
            .with_context(default_contract_id=self.contract.id)
        )
        wizard.date_end = date_end
        if reason is not None and wizard.before_min_term:
            wizard.reason = reason
        return wizard

    def _assert_running(self):
        self.assertEqual(self.contract.state, "active")
        self.assertFalse(self.contract.date_end)
        self.assertFalse(self.contract.min_term_override_reason)

    def test_end_before_term_refused_without_reason(self):
        wizard = self._wizard(self.manager, date(2026, 6, 30))
        self.assertTrue(wizard.before_min_term)
        # the form asks for the reason; the method refuses without one
        with self.assertRaises(AssertionError):
            wizard.save()
        with self.assertError(UserError, "minimum term of 12 months runs until"):
            self.contract.with_user(self.manager).action_end(
                date(2026, 6, 30), override_reason="  "
            )
        self._assert_running()

    def test_manager_overrides_with_reason(self):
        messages = self.contract.message_ids
        wizard = self._wizard(
            self.manager, date(2026, 6, 30), "Customer sold the business"
        ).save()
        wizard.action_end()
        # 30 June is after today (10 June): the end is scheduled, the contract
        # stays active through its last day and the daily action ends it on 1 July
        self.assertEqual(self.contract.state, "active")
        self.assertEqual(self.contract.date_end, date(2026, 6, 30))
        with freeze_time("2026-07-01 06:00:00"):
            self.env["support.contract"]._cron_end_contracts()
        self.assertEqual(self.contract.state, "ended")
        self.assertEqual(self.contract.date_end, date(2026, 6, 30))
        self.assertEqual(
            self.contract.min_term_override_reason, "Customer sold the business"
        )
        logged = self.contract.message_ids - messages
        self.assertTrue(
            any(
                "before the minimum term" in message.body
                and "Customer sold the business" in message.body
                and self.manager.name in message.body
                for message in logged
            )
        )

    def test_agent_cannot_override(self):
        """Not a manager: the reason does not help, nothing is written (the
        wizard itself is a manager's)."""
        with self.assertRaises(AccessError):
            self.env["support.contract.end.wizard"].with_user(self.agent).create(
                {"contract_id": self.contract.id, "date_end": "2026-06-30"}
            )
        with self.assertError(UserError, "minimum term of 12 months runs until"):
            self.contract.with_user(self.agent).action_end(
                date(2026, 6, 30), override_reason="Because"
            )
        with self.assertError(UserError, "Only a contracts manager"):
            self.contract.with_user(self.agent).write(
                {"min_term_override_reason": "Because"}
            )
        self._assert_running()

    def test_end_after_term_needs_no_reason(self):
        wizard = self._wizard(self.manager, date(2026, 12, 31))
        self.assertFalse(wizard.before_min_term)
        wizard.save().action_end()
        # a future last day is scheduled: still active, the end date set
        self.assertEqual(self.contract.state, "active")
        self.assertEqual(self.contract.date_end, date(2026, 12, 31))
        self.assertFalse(self.contract.min_term_override_reason)
        # End again: the wizard proposes the contract's end date
        proposed = Form(
            self.env["support.contract.end.wizard"]
            .with_user(self.manager)
            .with_context(default_contract_id=self.contract.id)
        )
        self.assertEqual(proposed.date_end, date(2026, 12, 31))

    def test_end_today_inside_term_ends_at_once(self):
        """A last day of today (or earlier) ends the contract at once; inside the
        minimum term only with the manager's reason."""
        wizard = self._wizard(self.manager, date(2026, 6, 10), "Bankruptcy").save()
        wizard.action_end()
        self.assertEqual(self.contract.state, "ended")
        self.assertEqual(self.contract.date_end, date(2026, 6, 10))
        self.assertEqual(self.contract.min_term_override_reason, "Bankruptcy")

    def test_end_before_start_refused(self):
        with self.assertError(UserError, "cannot end before it starts"):
            self.contract.with_user(self.manager).action_end(
                date(2025, 12, 31), override_reason="Typo"
            )
        with self.assertError(ValidationError, "cannot end before it starts"):
            self.contract.write({"date_end": "2025-12-31"})
        self._assert_running()
