# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SupportContractCommon


@tagged("post_install", "-at_install")
class TestOneContractAtATime(SupportContractCommon):
    """A customer has one contract at a time per company. A new contract may be
    signed ahead (upcoming) to follow the running one from the day after its last
    day, never to overlap it, whether the other one is active, suspended or
    upcoming itself."""

    with_accounting = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Europe/Amsterdam"

    def test_upcoming_overlapping_the_running_one_refused(self):
        """Running from 1 January 2026 without an end date: a Medium contract
        from 1 March is refused on activation and stays a draft."""
        with freeze_time("2026-02-20 09:00:00"):
            running = self._create_contract(date_start="2026-01-01")
            running.action_activate()
            medium = self._create_contract(
                plan=self.plan_medium, date_start="2026-03-01"
            )
            with self.assertError(
                ValidationError,
                "Customer Ltd already has contract .* without an end date: "
                "contract .* may start the day after its last day",
            ):
                medium.action_activate()
        self.assertEqual(medium.state, "draft")
        # ending the running one on 10 March still overlaps
        with freeze_time("2026-02-20 09:00:00"):
            running.min_term_months = 1
            running.action_end(date_end=date(2026, 3, 10))
            with self.assertError(ValidationError, "to 03/10/2026: contract"):
                medium.action_activate()
        self.assertEqual(medium.state, "draft")

    def test_upcoming_following_the_running_one_starts_on_its_day(self):
        """Running until 28 February: a contract from 1 March is upcoming until
        then; the run of 1 March starts it even when the daily end job has not
        ended the old one yet. The old one's last day cannot be moved into the
        new one's months."""
        with freeze_time("2026-02-20 09:00:00"):
            running = self._create_contract(date_start="2025-03-01")
            running.action_activate()
            running.action_end(date_end=date(2026, 2, 28))
            following = self._create_contract(
                plan=self.plan_medium, date_start="2026-03-01"
            )
            following.action_activate()
            self.assertEqual((running.state, following.state), ("active", "upcoming"))
            with self.assertError(ValidationError, "may start the day after"):
                running.date_end = date(2026, 3, 31)
            with self.assertError(ValidationError, "may start the day after"):
                running.date_end = False
            # a second contract signed ahead may not overlap the first either
            third = self._create_contract(date_start="2026-06-01")
            with self.assertError(ValidationError, "already has contract"):
                third.action_activate()
        with freeze_time("2026-03-01 05:00:00"):
            self._run_billing()
        self.assertEqual((running.state, following.state), ("ended", "active"))
        self.assertEqual(following.billing_ids.mapped("month"), [date(2026, 3, 1)])

    def test_another_customer_or_company_is_not_an_overlap(self):
        with freeze_time("2026-02-20 09:00:00"):
            self._create_contract(date_start="2026-01-01").action_activate()
            other = self._create_contract(
                partner=self.env["res.partner"].create(
                    {"name": "Other Customer", "is_company": True}
                ),
                date_start="2026-03-01",
            )
            other.action_activate()
        self.assertEqual(other.state, "upcoming")
