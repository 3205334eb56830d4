# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Hours left where time is logged: the ticket and each timesheet entry show the
contract's reserved hours left in the month and the wallet, and say why an entry
is billed at the normal rate (not covered, billable type, change request over its
maximum, overage)."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import Form, new_test_user, tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-01-20 10:00:00")
class TestHoursLeft(SupportContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_timesheets(cls.company)
        # Light with 10 reserved hours a month, January's credited
        cls.contract = cls._create_contract(reserved_hours=10)
        cls.contract.action_activate()
        cls.env["support.hour.ledger"].create(
            {
                "contract_id": cls.contract.id,
                "date": date(2026, 1, 1),
                "kind": "credit",
                "name": "January's reserved hours",
                "hours": 10.0,
            }
        )
        cls.ticket = cls._create_ticket(cls.contract)
        # 3 h in January, 2 h in December (before the credit: the wallet was short)
        cls._log(cls.ticket, date(2026, 1, 5), 3.0)
        cls._log(cls.ticket, date(2025, 12, 15), 2.0)

    def test_ticket_shows_hours_left(self):
        """10 h reserved - 3 h consumed in January = 7 h left this month; the
        wallet is 10 - 3 - 2 = 5 h."""
        self.assertEqual(self.ticket.support_hours_left_month, 7.0)
        self.assertEqual(self.ticket.support_hour_balance, 5.0)
        self.assertFalse(self.ticket.support_hours_warning)

    def test_entry_into_overage_warns_before_it_is_saved(self):
        """6 h typed on the ticket: 1 h beyond the 5 h wallet is overage, said
        while the entry is typed; saved, the ticket says the wallet is short."""
        form = Form(self.ticket)
        with form.timesheet_ids.new() as line:
            line.date = date(2026, 1, 20)
            line.employee_id = self.employee
            line.name = "Long call"
            line.unit_amount = 6.0
            # January: 10 - 3 - 6
            self.assertEqual(line.support_hours_left_month, 1.0)
            self.assertEqual(line.support_hour_balance, -1.0)
            self.assertEqual(
                line.support_hours_warning,
                "Overage: 01:00 hours beyond the contract's wallet, billed at the "
                "normal rate.",
            )
        form.save()
        self.assertEqual(self.ticket.support_hours_left_month, 1.0)
        self.assertEqual(self.ticket.support_hour_balance, -1.0)
        self.assertIn("Overage: 01:00 hours", self.ticket.support_hours_warning)
        # the saved entry shows the same, its own hours counted once
        saved = self.ticket.timesheet_ids.filtered(lambda t: t.name == "Long call")
        self.assertEqual(saved.support_hour_balance, -1.0)
        self.assertEqual(saved.support_hours_left_month, 1.0)
        # each entry shows the month and the wallet as they stood after it, in
        # the ledger's order: the 3 h of 5 January left 7 h of January and 5 h
        january = self.ticket.timesheet_ids.filtered(
            lambda t: t.date == date(2026, 1, 5)
        )
        self.assertEqual(january.support_hours_left_month, 7.0)
        self.assertEqual(january.support_hour_balance, 5.0)
        self.assertFalse(january.support_hours_warning)
        # the 2 h of December came before January's credit: overage then
        december = self.ticket.timesheet_ids.filtered(
            lambda t: t.date == date(2025, 12, 15)
        )
        self.assertEqual(december.support_hours_left_month, 8.0)
        self.assertEqual(december.support_hour_balance, -2.0)
        self.assertIn("Overage: 02:00 hours", december.support_hours_warning)

    def test_change_request_over_its_maximum(self):
        """A change request of 5 h (maximum 8 h) consumes; 4 h more take it over
        its maximum: the entry says every hour of it is billed separately."""
        rfc = self._create_ticket(self.contract, ticket_type=self.type_rfc)
        # approved at 8 hours before the work (change requests wait for it)
        self._approve_change(rfc)
        first = self._log(rfc, date(2026, 1, 19), 5.0)
        self.assertFalse(first.support_hours_warning)
        self.assertEqual(first.support_hours_left_month, 2.0)
        form = Form(rfc)
        with form.timesheet_ids.new() as line:
            line.date = date(2026, 1, 20)
            line.employee_id = self.employee
            line.name = "More changes"
            line.unit_amount = 4.0
            self.assertEqual(
                line.support_hours_warning,
                "Billed separately: this change request is over its maximum of "
                "08:00 hours, so all its hours are billed at the normal rate.",
            )
            # nothing of it comes off the reserved hours
            self.assertEqual(line.support_hours_left_month, 7.0)
        form.save()
        self.assertEqual(rfc.support_hours_policy, "rfc")
        self.assertIn("over its maximum of 08:00", rfc.support_hours_warning)

    def test_billable_type_and_uncovered(self):
        billable = self._create_ticket(self.contract, ticket_type=self.type_billable)
        line = self._log(billable, date(2026, 1, 20), 2.0)
        self.assertEqual(
            line.support_hours_warning,
            "Billed separately: hours on a T-Data import ticket are billed at the "
            "normal rate, not taken from the reserved hours.",
        )
        self.assertEqual(line.support_hour_balance, 5.0)
        stranger = self.env["res.partner"].create({"name": "Walk-in Ltd"})
        uncovered = self._create_ticket(partner=stranger)
        line = self._log(uncovered, date(2026, 1, 20), 1.0)
        self.assertIn("Not covered", line.support_hours_warning)
        self.assertIn("Not covered", uncovered.support_hours_warning)
        self.assertEqual(line.support_hour_balance, 0.0)

    def test_timesheet_user_without_contract_access_sees_the_hours(self):
        """Whoever may log time on the ticket sees the hours left, even without
        access to contracts or the hour ledger (nothing else of them is read)."""
        user = new_test_user(
            self.env,
            login="helpdesk_timesheet_user",
            groups="helpdesk_mgmt.group_helpdesk_user,"
            "hr_timesheet.group_hr_timesheet_user",
            company_id=self.company.id,
        )
        self.assertFalse(
            self.env["support.contract"].with_user(user).has_access("read")
        )
        self.env["hr.employee"].create(
            {
                "name": "Helpdesk Colleague",
                "user_id": user.id,
                "company_id": self.company.id,
            }
        )
        line = (
            self.env["account.analytic.line"]
            .with_user(user)
            .create(
                {
                    "helpdesk_ticket_id": self.ticket.id,
                    "date": date(2026, 1, 20),
                    "unit_amount": 1.0,
                    "name": "Colleague's work",
                }
            )
        )
        self.assertEqual(line.support_hour_balance, 4.0)
        self.assertEqual(line.support_hours_left_month, 6.0)
        self.assertEqual(
            line.with_user(user).helpdesk_ticket_id.support_hour_balance, 4.0
        )
